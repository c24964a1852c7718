package io.healthsync.sandbox.stripe;

import static io.healthsync.sandbox.SourceSandboxFixture.get;
import static io.healthsync.sandbox.SourceSandboxFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.sandbox.SourceSandboxFixture;
import io.healthsync.sandbox.SourceSandboxOptions;
import io.healthsync.sandbox.company.AccountHistory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeSandboxTest {

    private static SourceSandboxFixture fixture;
    private static String base;
    private static String auth;

    @BeforeAll
    static void start() {
        fixture = SourceSandboxFixture.start(400, SourceSandboxOptions.defaults());
        base = fixture.sources.baseUrl("stripe");
        auth = "Bearer " + fixture.sources.credentials("stripe").get("secret_key");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** Follows starting_after until has_more is false; returns every object in the order served. */
    private static List<JsonNode> all(String path) {
        List<JsonNode> objects = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 1_000; pages++) {
            String url = base + path + (path.contains("?") ? "&" : "?") + "limit=100"
                    + (after == null ? "" : "&starting_after=" + after);
            HttpResponse<byte[]> response = get(url, auth);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = json(response);
            assertThat(page.path("object").asText()).isEqualTo("list");
            assertThat(page.path("url").asText()).isEqualTo(path.replaceAll("\\?.*", ""));
            page.path("data").forEach(objects::add);
            if (!page.path("has_more").asBoolean()) {
                return objects;
            }
            after = page.path("data").get(page.path("data").size() - 1).path("id").asText();
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void a_page_asked_for_gzipped_comes_gzipped_and_holds_the_same_list() throws java.io.IOException,
            InterruptedException {
        String url = base + "/v1/invoices?limit=100";
        HttpResponse<byte[]> plain = get(url, auth);
        // HTTP/1.1 as the connectors' client speaks it (the JDK client's h2c upgrade loses a large body's end now
        // and then, with Jetty's own gzip as with this one)
        HttpResponse<byte[]> gzipped = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(url)).header("Authorization", auth).header("Accept-Encoding", "gzip")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 4);
        byte[] unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))
                .readAllBytes();
        assertThat(SourceSandboxFixture.JSON.readTree(unzipped)).isEqualTo(json(plain));
    }

    @Test
    void customers_page_newest_first_and_each_is_seen_once_with_the_crm_id_in_metadata() {
        List<JsonNode> customers = all("/v1/customers");
        assertThat(customers.stream().map(c -> c.path("id").asText()).toList()).doesNotHaveDuplicates()
                .hasSize(fixture.sources.company().accounts().size());
        for (int i = 1; i < customers.size(); i++) {
            assertThat(customers.get(i).path("created").asLong())
                    .isLessThanOrEqualTo(customers.get(i - 1).path("created").asLong());
        }
        long withCrmId = customers.stream().filter(c -> c.path("metadata").has("salesforce_account_id")).count();
        assertThat(withCrmId).isEqualTo(fixture.sources.company().crmAccounts().size());
        assertThat(customers.size() - withCrmId).isEqualTo(12);
    }

    @Test
    void subscriptions_with_status_all_include_the_canceled_ones_and_carry_quantity_and_interval() {
        List<JsonNode> all = all("/v1/subscriptions?status=all");
        List<JsonNode> current = all("/v1/subscriptions");
        long canceled = fixture.sources.company().accounts().stream().filter(h -> h.billing().canceled()).count();
        assertThat(canceled).isPositive();
        assertThat(all).hasSize(fixture.sources.company().accounts().size());
        assertThat(current).hasSize(all.size() - (int) canceled);
        JsonNode subscription = all.get(0);
        JsonNode item = subscription.path("items").path("data").get(0);
        assertThat(item.path("price").path("recurring").path("interval").asText()).isIn("month", "year");
        assertThat(item.path("quantity").asInt()).isPositive();
        assertThat(item.path("current_period_end").asLong()).isEqualTo(subscription.path("current_period_end").asLong());
        JsonNode oneCanceled = all.stream().filter(s -> s.path("status").asText().equals("canceled")).findFirst()
                .orElseThrow();
        assertThat(oneCanceled.path("ended_at").asLong()).isPositive();
        assertThat(oneCanceled.path("cancellation_details").path("reason").asText()).isEqualTo("cancellation_requested");
    }

    @Test
    void invoices_page_by_starting_after_and_created_filters_narrow_them() {
        List<JsonNode> invoices = all("/v1/invoices");
        long expected = fixture.sources.company().accounts().stream().mapToLong(h -> h.billing().invoices().size()).sum();
        assertThat(invoices.stream().map(i -> i.path("id").asText()).toList()).doesNotHaveDuplicates()
                .hasSize((int) expected);
        assertThat(invoices).anyMatch(i -> i.path("attempt_count").asInt() > 1 && i.path("status").asText().equals("paid"));
        JsonNode paid = invoices.stream().filter(i -> i.path("status").asText().equals("paid")).findFirst().orElseThrow();
        assertThat(paid.path("status_transitions").path("paid_at").asLong()).isPositive();
        assertThat(paid.path("amount_paid").asLong()).isEqualTo(paid.path("amount_due").asLong());

        long since = invoices.get(invoices.size() / 2).path("created").asLong();
        List<JsonNode> recent = all("/v1/invoices?created%5Bgte%5D=" + since);
        assertThat(recent).hasSize((int) invoices.stream().filter(i -> i.path("created").asLong() >= since).count());
    }

    @Test
    void ids_sort_by_creation_as_stripes_own_do_so_a_list_newest_first_is_in_falling_id_order() {
        for (String path : List.of("/v1/invoices", "/v1/customers", "/v1/subscriptions?status=all", "/v1/events")) {
            List<JsonNode> listed = all(path);
            assertThat(listed).as(path).hasSizeGreaterThan(10);
            for (int i = 1; i < listed.size(); i++) {
                JsonNode newer = listed.get(i - 1);
                JsonNode older = listed.get(i);
                if (newer.path("created").asLong() > older.path("created").asLong()) {
                    assertThat(newer.path("id").asText()).as(path + " " + i).isGreaterThan(older.path("id").asText());
                }
            }
        }
        String invoice = all("/v1/invoices").get(0).path("id").asText();
        assertThat(invoice).matches("in_1[0-9A-Za-z]{23}");
        String account = invoice.substring("in_1".length() + 5, "in_1".length() + 15);
        assertThat(all("/v1/events")).allSatisfy(e -> assertThat(e.path("id").asText()).contains(account));
    }

    @Test
    void events_cover_the_last_30_days_only_and_filter_by_type() {
        List<JsonNode> events = all("/v1/events");
        long thirtyDaysAgo = fixture.sources.company().window().todayStart().minus(Duration.ofDays(30)).getEpochSecond();
        assertThat(events).isNotEmpty().allMatch(e -> e.path("created").asLong() >= thirtyDaysAgo);
        List<JsonNode> failed = all("/v1/events?types%5B%5D=invoice.payment_failed&types%5B%5D=customer.subscription.deleted");
        assertThat(failed).allMatch(e -> e.path("type").asText().equals("invoice.payment_failed")
                || e.path("type").asText().equals("customer.subscription.deleted"));
        events.stream().filter(e -> e.path("type").asText().equals("customer.subscription.updated")
                        && e.path("data").path("previous_attributes").has("quantity"))
                .forEach(e -> assertThat(e.path("data").path("previous_attributes").path("quantity").asInt())
                        .isNotEqualTo(e.path("data").path("object").path("quantity").asInt()));
        long expectedFailures = fixture.sources.company().accounts().stream()
                .flatMap(h -> h.billing().invoices().stream())
                .filter(i -> i.failedAt() != null && i.failedAt().getEpochSecond() >= thirtyDaysAgo).count();
        assertThat(failed.stream().filter(e -> e.path("type").asText().equals("invoice.payment_failed")).count())
                .isEqualTo(expectedFailures);
    }

    @Test
    void a_limit_over_100_and_an_unknown_starting_after_are_invalid_requests() {
        HttpResponse<byte[]> tooMany = get(base + "/v1/customers?limit=101", auth);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(tooMany).path("error").path("param").asText()).isEqualTo("limit");
        HttpResponse<byte[]> unknown = get(base + "/v1/customers?starting_after=cus_nope", auth);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("resource_missing");
    }

    @Test
    void requests_without_the_secret_key_are_refused_without_echoing_it() {
        HttpResponse<byte[]> none = get(base + "/v1/customers", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<byte[]> wrong = get(base + "/v1/customers", "Bearer sk_test_wrongwrongwrong1234");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(new String(wrong.body())).doesNotContain("sk_test_wrongwrongwrong1234").contains("1234");
    }

    @Test
    void a_429_is_a_rate_limit_error_without_retry_after_unless_switched_on() {
        try (SourceSandboxFixture limited = SourceSandboxFixture.start(20,
                SourceSandboxOptions.defaults().withRateLimitEvery(3))) {
            String url = limited.sources.baseUrl("stripe") + "/v1/customers";
            get(url, auth);
            get(url, auth);
            HttpResponse<byte[]> third = get(url, auth);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(json(third).path("error").path("type").asText()).isEqualTo("rate_limit_error");
            assertThat(third.headers().firstValue("Retry-After")).isEmpty();
        }
        try (SourceSandboxFixture limited = SourceSandboxFixture.start(20,
                SourceSandboxOptions.defaults().withRateLimitEvery(3).withStripeRetryAfter(true))) {
            String url = limited.sources.baseUrl("stripe") + "/v1/customers";
            get(url, auth);
            get(url, auth);
            assertThat(get(url, auth).headers().firstValue("Retry-After")).contains("1");
        }
    }

    @Test
    void an_outage_burst_answers_503_then_recovers_and_a_malformed_page_is_cut_short() {
        try (SourceSandboxFixture faulty = SourceSandboxFixture.start(20,
                SourceSandboxOptions.defaults().withOutageBurst(2).withMalformedPageOnCall(5))) {
            String url = faulty.sources.baseUrl("stripe") + "/v1/customers";
            assertThat(get(url, auth).statusCode()).isEqualTo(200);
            assertThat(get(url, auth).statusCode()).isEqualTo(503);
            assertThat(get(url, auth).statusCode()).isEqualTo(503);
            assertThat(get(url, auth).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> cut = get(url, auth);
            assertThat(cut.statusCode()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> json(cut)).isInstanceOf(RuntimeException.class);
            assertThat(faulty.sources.callsByKind("stripe")).containsEntry("unavailable", 2L)
                    .containsEntry("malformed", 1L);
        }
    }

    @Test
    void every_crm_customer_has_one_subscription_whose_quantity_starts_at_the_licensed_seats() {
        for (AccountHistory history : fixture.sources.company().crmAccounts()) {
            assertThat(history.billing().quantityAt(history.billing().created())).isEqualTo(history.account().seats());
        }
    }
}

package io.healthsync.sandbox.zendesk;

import static io.healthsync.sandbox.SourceSandboxFixture.get;
import static io.healthsync.sandbox.SourceSandboxFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.sandbox.SourceSandboxFixture;
import io.healthsync.sandbox.SourceSandboxOptions;
import io.healthsync.sandbox.company.Ticket;
import io.healthsync.sandbox.http.BasicAuth;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZendeskSandboxTest {

    private static SourceSandboxFixture fixture;
    private static String base;
    private static String auth;

    @BeforeAll
    static void start() {
        fixture = SourceSandboxFixture.start(300, SourceSandboxOptions.defaults());
        base = fixture.sources.baseUrl("zendesk");
        auth = BasicAuth.header(fixture.sources.credentials("zendesk").get("email") + "/token",
                fixture.sources.credentials("zendesk").get("api_token"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void the_cursor_export_reaches_end_of_stream_and_serves_every_ticket_once_with_its_sideloads() {
        List<Long> seen = new ArrayList<>();
        Set<Long> users = new HashSet<>();
        int metricSets = 0;
        String url = base + "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=100&include=users,metric_sets";
        boolean end = false;
        int pages = 0;
        while (!end) {
            HttpResponse<byte[]> response = get(url, auth);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("zendesk-ratelimit-incremental-exports").orElseThrow())
                    .matches("total=10; remaining=\\d+; resets=\\d+");
            assertThat(response.headers().firstValue("x-rate-limit")).contains("700");
            JsonNode page = json(response);
            page.path("tickets").forEach(ticket -> seen.add(ticket.path("id").asLong()));
            page.path("users").forEach(user -> users.add(user.path("id").asLong()));
            metricSets += page.path("metric_sets").size();
            for (JsonNode ticket : page.path("tickets")) {
                assertThat(users).contains(ticket.path("requester_id").asLong());
                assertThat(ticket.path("organization_id").asLong()).isPositive();
            }
            end = page.path("end_of_stream").asBoolean();
            url = page.path("after_url").asText();
            assertThat(page.path("after_cursor").asText()).isNotEmpty();
            pages++;
        }
        List<Long> expected = fixture.sources.company().tickets().stream().map(Ticket::id).sorted().toList();
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().sorted().toList()).isEqualTo(expected);
        assertThat(metricSets).isEqualTo(expected.size());
        assertThat(pages).isEqualTo((expected.size() + 99) / 100);

        // resuming from the last after_url later: nothing new, still end_of_stream
        JsonNode again = json(get(url, auth));
        assertThat(again.path("tickets").size()).isZero();
        assertThat(again.path("end_of_stream").asBoolean()).isTrue();
    }

    @Test
    void one_ticket_has_an_unparseable_created_at() {
        Ticket malformed = fixture.sources.company().tickets().stream().filter(Ticket::malformed).findFirst()
                .orElseThrow();
        String url = base + "/api/v2/incremental/tickets/cursor.json?start_time="
                + malformed.updatedAt().getEpochSecond() + "&per_page=1000";
        JsonNode page = json(get(url, auth));
        JsonNode ticket = null;
        for (JsonNode candidate : page.path("tickets")) {
            if (candidate.path("id").asLong() == malformed.id()) {
                ticket = candidate;
            }
        }
        assertThat(ticket).isNotNull();
        assertThat(ticket.path("created_at").asText()).isEqualTo(ZendeskRecords.MALFORMED_CREATED_AT);
    }

    @Test
    void organizations_export_by_time_with_the_crm_id_as_external_id_and_some_by_domain_only() {
        Set<Long> seen = new HashSet<>();
        int withoutExternalId = 0;
        String url = base + "/api/v2/incremental/organizations.json?start_time=0&per_page=100";
        for (int pages = 0; pages < 50; pages++) {
            JsonNode page = json(get(url, auth));
            for (JsonNode org : page.path("organizations")) {
                if (seen.add(org.path("id").asLong()) && org.path("external_id").isNull()) {
                    withoutExternalId++;
                    assertThat(org.path("domain_names").get(0).asText()).isNotEmpty();
                }
            }
            assertThat(page.path("count").asInt()).isEqualTo(page.path("organizations").size());
            if (page.path("end_of_stream").asBoolean()) {
                break;
            }
            url = page.path("next_page").asText();
        }
        assertThat(seen).hasSize(fixture.sources.company().accounts().size());
        long strays = fixture.sources.company().accounts().stream().filter(h -> !h.account().inCrm()).count();
        assertThat(withoutExternalId).isGreaterThanOrEqualTo((int) strays);
    }

    @Test
    void the_score_filter_received_means_any_answer_and_bad_only_bad_ones() {
        int received = json(get(base + "/api/v2/satisfaction_ratings.json?score=received&start_time=0&page%5Bsize%5D=100",
                auth)).path("satisfaction_ratings").size();
        JsonNode bad = json(get(base + "/api/v2/satisfaction_ratings.json?score=bad&start_time=0&page%5Bsize%5D=100", auth))
                .path("satisfaction_ratings");

        assertThat(received).isEqualTo(100);
        assertThat(bad).isNotEmpty().allSatisfy(r -> assertThat(r.path("score").asText()).isEqualTo("bad"));
    }

    @Test
    void satisfaction_ratings_page_by_cursor_and_each_is_seen_once() {
        List<Long> seen = new ArrayList<>();
        String url = base + "/api/v2/satisfaction_ratings.json?start_time=0&page%5Bsize%5D=50";
        while (true) {
            JsonNode page = json(get(url, auth));
            for (JsonNode rating : page.path("satisfaction_ratings")) {
                seen.add(rating.path("id").asLong());
                assertThat(rating.path("score").asText()).isIn("good", "bad");
                assertThat(rating.path("ticket_id").asLong()).isPositive();
                assertThat(rating.has("organization_id")).as("Zendesk's documented rating has none").isFalse();
            }
            if (!page.path("meta").path("has_more").asBoolean()) {
                break;
            }
            url = page.path("links").path("next").asText();
        }
        long rated = fixture.sources.company().tickets().stream().filter(t -> t.rating() != null).count();
        assertThat(seen).doesNotHaveDuplicates().hasSize((int) rated);
    }

    @Test
    void requests_without_valid_credentials_are_refused() {
        HttpResponse<byte[]> none = get(base + "/api/v2/incremental/organizations.json?start_time=0", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).path("error").asText()).isEqualTo("Couldn't authenticate you");
        HttpResponse<byte[]> wrong = get(base + "/api/v2/incremental/organizations.json?start_time=0",
                BasicAuth.header(fixture.sources.credentials("zendesk").get("email") + "/token", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(fixture.sources.callsByKind("zendesk")).containsKey("unauthorized");
    }

    @Test
    void a_start_time_within_the_last_minute_is_too_recent() {
        long now = Instant.now().getEpochSecond();
        HttpResponse<byte[]> response = get(base + "/api/v2/incremental/tickets/cursor.json?start_time=" + now, auth);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("description").asText()).contains("Too recent start_time");
    }

    @Test
    void with_rate_limits_switched_on_the_third_call_of_a_stream_is_a_429_with_retry_after() {
        try (SourceSandboxFixture limited = SourceSandboxFixture.start(20,
                SourceSandboxOptions.defaults().withRateLimitEvery(3))) {
            String url = limited.sources.baseUrl("zendesk") + "/api/v2/incremental/organizations.json?start_time=0";
            assertThat(get(url, auth).statusCode()).isEqualTo(200);
            assertThat(get(url, auth).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> third = get(url, auth);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).contains("1");
            assertThat(new String(third.body())).isEqualTo("Number of allowed API requests per minute exceeded");
            assertThat(get(url, auth).statusCode()).isEqualTo(200);
            assertThat(limited.sources.callsServed("zendesk")).isEqualTo(4);
        }
    }

    @Test
    void the_same_seed_serves_the_same_pages() {
        try (SourceSandboxFixture twin = SourceSandboxFixture.start(300, SourceSandboxOptions.defaults())) {
            String path = "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=50&include=users";
            String mine = new String(get(base + path, auth).body()).replace(base, "BASE");
            String theirs = new String(get(twin.sources.baseUrl("zendesk") + path, auth).body())
                    .replace(twin.sources.baseUrl("zendesk"), "BASE");
            assertThat(theirs).isEqualTo(mine);
        }
    }
}

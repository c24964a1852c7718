package io.healthsync.connectors.stripe;

import static io.healthsync.connectors.stripe.StripeFixtures.API_KEY;
import static io.healthsync.connectors.stripe.StripeFixtures.NOW;
import static io.healthsync.connectors.stripe.StripeFixtures.firstPage;
import static io.healthsync.connectors.stripe.StripeFixtures.replyBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.model.QuarantinedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripePagingAndFaultsTest {

    private final StripeSource source = StripeFixtures.source();

    @Test
    void has_more_asks_for_the_next_page_after_the_last_object_and_stores_the_sweep_so_far() throws Exception {
        SourcePage page = firstPage(source, "customers", "customers_page.json");

        assertThat(page.next().url()).isEqualTo("https://api.stripe.com/v1/customers?limit=100"
                + "&created%5Blte%5D=1718020800&starting_after=cus_Globex02");
        assertThat(page.next().headers()).containsEntry("Authorization", "Bearer " + API_KEY);
        assertThat(page.cursor()).isEqualTo("{\"until\":1718020800,\"after\":\"cus_Globex02\"}");
        // the cursor resumes exactly the request the page asked for next
        assertThat(source.firstRequest("customers", page.cursor(), NOW.plusSeconds(3600)).url())
                .isEqualTo(page.next().url());
        assertThat(page.records()).isEqualTo(3);
    }

    @Test
    void the_last_page_ends_the_sweep_and_the_next_sweep_starts_five_minutes_before_this_one_ended() throws Exception {
        SourceRequest second = source.firstRequest("invoices",
                "{\"since\":1710244800,\"until\":1718020800,\"after\":\"in_Zzz\"}", NOW);
        SourcePage page = source.map("invoices", second, StripeFixtures.reply("invoices_page.json"), NOW);

        assertThat(page.next()).isNull();
        // 1718020800 - 300
        assertThat(page.cursor()).isEqualTo("{\"since\":1718020500}");
        assertThat(source.firstRequest("invoices", page.cursor(), NOW.plusSeconds(3600)).url())
                .isEqualTo("https://api.stripe.com/v1/invoices?limit=100&created%5Bgte%5D=1718020500"
                        + "&created%5Blte%5D=1718024400");
    }

    @Test
    void an_empty_list_ends_the_sweep() throws Exception {
        SourceRequest request = source.firstRequest("events", null, NOW);
        SourcePage page = source.map("events", request,
                replyBody("{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/events\"}"), NOW);

        assertThat(page.next()).isNull();
        assertThat(page.records()).isZero();
        assertThat(page.cursor()).isEqualTo("{\"since\":1718020500}");
    }

    @Test
    void an_object_that_cannot_be_mapped_is_quarantined_with_what_and_where_and_the_page_goes_on() throws Exception {
        SourcePage subscriptions = firstPage(source, "subscriptions", "subscriptions_page.json");

        assertThat(subscriptions.subscriptions()).hasSize(3);
        assertThat(subscriptions.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.source()).isEqualTo("stripe");
            assertThat(q.objectName()).isEqualTo("subscriptions");
            assertThat(q.recordId()).isEqualTo("sub_Fortnight");
            assertThat(q.reason()).isEqualTo("subscriptions: billing interval 'fortnight' is not day, week, month "
                    + "or year at items.data[0].price.recurring.interval");
            assertThat(q.payload()).contains("\"id\":\"sub_Fortnight\"").contains("fortnight");
        });

        SourcePage invoices = firstPage(source, "invoices", "invoices_page.json");
        assertThat(invoices.quarantined()).extracting(QuarantinedRecord::recordId, QuarantinedRecord::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("in_NoPaidAt05",
                        "invoices: invoice in_NoPaidAt05 is paid but has no status_transitions.paid_at"));

        SourcePage customers = firstPage(source, "customers", "customers_page.json");
        assertThat(customers.quarantined()).extracting(QuarantinedRecord::recordId, QuarantinedRecord::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "customers: customer has no id"));
    }

    @Test
    void an_update_whose_previous_terms_cannot_be_read_is_quarantined_whole() throws Exception {
        // an upgrade whose previous items are unreadable: neither the activity nor the outcome is kept
        String event = "{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\"evt_Bad\",\"object\":\"event\","
                + "\"created\":1717400000,\"type\":\"customer.subscription.updated\",\"data\":{\"object\":"
                + "{\"id\":\"sub_X\",\"customer\":\"cus_X\",\"currency\":\"usd\",\"items\":{\"data\":[{\"quantity\":2,"
                + "\"price\":{\"unit_amount\":100,\"recurring\":{\"interval\":\"month\"}}}]}},"
                + "\"previous_attributes\":{\"items\":{\"data\":[{\"quantity\":1}]}}}}]}";
        SourcePage page = source.map("events", source.firstRequest("events", null, NOW), replyBody(event), NOW);

        assertThat(page.activities()).isEmpty();
        assertThat(page.outcomes()).isEmpty();
        assertThat(page.quarantined()).singleElement().extracting(QuarantinedRecord::reason).isEqualTo(
                "events: customer.subscription.updated event evt_Bad: previous_attributes: no price or plan at "
                        + "items.data[0]");
    }

    @Test
    void a_reply_that_is_not_json_is_a_malformed_page() {
        SourceRequest request = source.firstRequest("invoices", null, NOW);
        SourceReply html = new SourceReply(200, Map.of("Content-Type", "text/html"),
                "<html><body>Bad gateway</body></html>".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> source.map("invoices", request, html, NOW)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("not JSON").hasMessageContaining("text/html");
    }

    @Test
    void json_without_a_data_array_is_a_malformed_page_that_names_a_stripe_error() {
        SourceRequest request = source.firstRequest("invoices", null, NOW);

        assertThatThrownBy(() -> source.map("invoices", request, replyBody("{\"object\":\"list\",\"data\":{}}"), NOW))
                .isInstanceOf(MalformedPageException.class).hasMessage("stripe invoices: the reply has no data array");
        assertThatThrownBy(() -> source.map("invoices", request, replyBody("{\"error\":{\"type\":\"api_error\","
                + "\"message\":\"Something went wrong on Stripe's end.\"}}"), NOW))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("Stripe error of type api_error: Something went wrong")
                .hasMessageNotContaining(API_KEY);
    }

    @Test
    void stripe_error_replies_are_not_answers_and_retry_after_is_honoured_only_when_sent() {
        SourceReply rateLimited = new SourceReply(429, Map.of("Content-Type", "application/json"),
                ("{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Too many requests\"}}")
                        .getBytes(StandardCharsets.UTF_8));
        SourceReply withRetryAfter = new SourceReply(429, Map.of("Retry-After", "2"), new byte[0]);
        SourceReply invalid = new SourceReply(400, Map.of(), ("{\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"No such customer: 'cus_Gone'\"}}").getBytes(StandardCharsets.UTF_8));

        assertThat(source.isAnswer(rateLimited)).isFalse();
        assertThat(source.isAnswer(invalid)).isFalse();
        assertThat(source.isAnswer(StripeFixtures.reply("invoices_page.json"))).isTrue();
        assertThat(source.retryAfterMillis(rateLimited)).isEqualTo(-1);
        assertThat(source.retryAfterMillis(withRetryAfter)).isEqualTo(2000);
    }

    @Test
    void has_more_with_no_object_id_to_continue_after_is_a_malformed_page() {
        SourceRequest request = source.firstRequest("customers", null, NOW);

        assertThatThrownBy(() -> source.map("customers", request,
                replyBody("{\"object\":\"list\",\"data\":[{\"object\":\"customer\"}],\"has_more\":true}"), NOW))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("has_more");
    }
}

package io.healthsync.connectors.stripe;

import static io.healthsync.connectors.stripe.StripeFixtures.API_KEY;
import static io.healthsync.connectors.stripe.StripeFixtures.NOW;
import static io.healthsync.connectors.stripe.StripeFixtures.NOW_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.mappings.IdentityConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripeRequestsTest {

    private static final String BASE = "https://api.stripe.com";
    private static final String EVENT_TYPES = "&types%5B%5D=customer.subscription.updated"
            + "&types%5B%5D=customer.subscription.deleted&types%5B%5D=invoice.payment_failed&types%5B%5D=invoice.paid";

    private final StripeSource source = StripeFixtures.source();

    @Test
    void streams_are_pulled_customers_first() {
        assertThat(source.name()).isEqualTo("stripe");
        assertThat(source.streams()).containsExactly("customers", "subscriptions", "invoices", "events");
    }

    @Test
    void first_pull_reads_all_customers_and_subscriptions_and_history_days_of_invoices() {
        // page_size 250 is capped to Stripe's 100; history_days 90: 1718020800 - 90 x 86400 = 1710244800
        assertThat(source.firstRequest("customers", null, NOW).url())
                .isEqualTo(BASE + "/v1/customers?limit=100&created%5Blte%5D=1718020800");
        assertThat(source.firstRequest("subscriptions", null, NOW).url())
                .isEqualTo(BASE + "/v1/subscriptions?limit=100&status=all&created%5Blte%5D=1718020800");
        assertThat(source.firstRequest("invoices", null, NOW).url())
                .isEqualTo(BASE + "/v1/invoices?limit=100&created%5Bgte%5D=1710244800&created%5Blte%5D=1718020800");
    }

    @Test
    void first_pull_of_events_reaches_back_no_further_than_stripe_keeps_them() {
        // 30 days, not 90: 1718020800 - 30 x 86400 = 1715428800
        assertThat(source.firstRequest("events", null, NOW).url()).isEqualTo(BASE + "/v1/events?limit=100"
                + EVENT_TYPES + "&created%5Bgte%5D=1715428800&created%5Blte%5D=1718020800");
    }

    @Test
    void requests_carry_the_key_as_a_bearer_token_and_the_pinned_api_version() {
        StripeSource pinned = new StripeSource(StripeFixtures.config(50, Map.of("api_version", "2024-06-20")),
                IdentityConfig.defaults(), Map.of("api_key", API_KEY));
        SourceRequest request = pinned.firstRequest("invoices", null, NOW);
        assertThat(request.headers()).containsEntry("Authorization", "Bearer " + API_KEY)
                .containsEntry("Stripe-Version", "2024-06-20");
        assertThat(request.url()).startsWith(BASE + "/v1/invoices?limit=50&");
        assertThat(request.url()).doesNotContain(API_KEY);
    }

    @Test
    void a_sweep_interrupted_between_pages_resumes_after_the_last_stored_object() {
        String cursor = "{\"since\":1710244800,\"until\":1718000000,\"after\":\"in_Cycle001\"}";
        assertThat(source.firstRequest("invoices", cursor, NOW).url()).isEqualTo(BASE + "/v1/invoices?limit=100"
                + "&created%5Bgte%5D=1710244800&created%5Blte%5D=1718000000&starting_after=in_Cycle001");
    }

    @Test
    void a_whole_list_sweep_interrupted_resumes_as_a_whole_list_sweep() {
        String cursor = "{\"until\":1718000000,\"after\":\"cus_Acme001\"}";
        assertThat(source.firstRequest("customers", cursor, NOW).url()).isEqualTo(BASE + "/v1/customers?limit=100"
                + "&created%5Blte%5D=1718000000&starting_after=cus_Acme001");
    }

    @Test
    void later_pulls_read_what_was_created_since_the_last_sweep_began_its_overlap() {
        // the last sweep ended at 11:00 the same day (1718017200); its cursor starts 5 minutes earlier
        String cursor = "{\"since\":1718016900}";
        assertThat(source.firstRequest("invoices", cursor, NOW).url())
                .isEqualTo(BASE + "/v1/invoices?limit=100&created%5Bgte%5D=1718016900&created%5Blte%5D=1718020800");
        assertThat(source.firstRequest("customers", cursor, NOW).url())
                .isEqualTo(BASE + "/v1/customers?limit=100&created%5Bgte%5D=1718016900&created%5Blte%5D=1718020800");
    }

    @Test
    void the_first_pull_of_a_new_refresh_period_reads_customers_and_subscriptions_whole_again() {
        // the last sweep ended 2024-06-09T23:00Z (1717974000): a day boundary lies between it and now
        String cursor = "{\"since\":1717973700}";
        assertThat(source.firstRequest("subscriptions", cursor, NOW).url())
                .isEqualTo(BASE + "/v1/subscriptions?limit=100&status=all&created%5Blte%5D=1718020800");
        // invoices and events never need it: what changes them arrives as events
        assertThat(source.firstRequest("invoices", cursor, NOW).url())
                .isEqualTo(BASE + "/v1/invoices?limit=100&created%5Bgte%5D=1717973700&created%5Blte%5D=1718020800");
    }

    @Test
    void a_missing_api_key_fails_at_construction_with_a_message_that_says_where_it_comes_from() {
        assertThatThrownBy(() -> new StripeSource(StripeFixtures.config(100, Map.of()), IdentityConfig.defaults(),
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api_key")
                .hasMessageContaining("stripe.auth.api_key");
    }

    @Test
    void the_source_never_shows_its_key() {
        assertThat(source.toString()).doesNotContain(API_KEY).doesNotContain("sk_");
        assertThat(source.firstRequest("customers", null, NOW).describe()).isEqualTo(BASE + "/v1/customers");
        assertThat(NOW.getEpochSecond()).isEqualTo(NOW_EPOCH);
    }
}

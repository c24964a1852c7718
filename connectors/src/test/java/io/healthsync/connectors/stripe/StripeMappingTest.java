package io.healthsync.connectors.stripe;

import static io.healthsync.connectors.stripe.StripeFixtures.firstPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.healthsync.connectors.source.AccountLink;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.Outcome;
import io.healthsync.model.OutcomeKind;
import io.healthsync.model.Subscription;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripeMappingTest {

    private final StripeSource source = StripeFixtures.source();

    @Test
    void customers_become_links_with_the_metadata_crm_id_then_the_email_domain() throws Exception {
        SourcePage page = firstPage(source, "customers", "customers_page.json");

        assertThat(page.links()).extracting(AccountLink::entityId, AccountLink::name, AccountLink::keys).containsExactly(
                tuple("cus_Acme001", "Acme Corp",
                        List.of(AccountKey.crmId("001Acme0000001AAA"), AccountKey.domain("acme.com"))),
                // no metadata: the domain alone; no name: the description names it
                tuple("cus_Globex02", "Globex (EU entity)", List.of(AccountKey.domain("globex.io"))));
    }

    @Test
    void identity_yaml_decides_the_order_of_a_customer_s_keys() throws Exception {
        IdentityConfig domainFirst = new IdentityConfig(IdentityConfig.ZENDESK_ORGANIZATION_KEYS,
                IdentityConfig.ZENDESK_TICKET_KEYS, List.of("email_domain", "metadata"), "salesforce_account_id",
                "account_id", "crm_id");
        StripeSource custom = new StripeSource(StripeFixtures.config(100, Map.of()), domainFirst,
                Map.of("api_key", StripeFixtures.API_KEY));

        assertThat(firstPage(custom, "customers", "customers_page.json").links().get(0).keys())
                .containsExactly(AccountKey.domain("acme.com"), AccountKey.crmId("001Acme0000001AAA"));
    }

    @Test
    void subscriptions_carry_seats_and_annual_amounts_computed_from_their_items() throws Exception {
        SourcePage page = firstPage(source, "subscriptions", "subscriptions_page.json");

        assertThat(page.subscriptions()).extracting(Keyed::keys).allSatisfy(keys -> assertThat(keys).hasSize(1));
        assertThat(page.subscriptions()).extracting(k -> k.keys().get(0), Keyed::record).containsExactly(
                // 50.00 USD a month x 10 seats x 12 months = 6000; the period end read from the item
                tuple(AccountKey.link("cus_Acme001"), new Subscription("stripe", "sub_Monthly10", null, "active", 10,
                        6000.0, "USD", LocalDate.of(2024, 7, 1), false)),
                // 120000 JPY (zero-decimal: yen, not cents) a year x 3 seats; the metered item counts for nothing;
                // the period end read from the subscription (older API versions)
                tuple(AccountKey.link("cus_Globex02"), new Subscription("stripe", "sub_YenYearly", null, "active", 3,
                        360000.0, "JPY", LocalDate.of(2025, 1, 1), true)),
                // 20.00 USD every 3 months x 2 seats x 4 quarters = 160
                tuple(AccountKey.link("cus_Initech3"), new Subscription("stripe", "sub_Quarterly", null, "canceled", 2,
                        160.0, "USD", LocalDate.of(2024, 6, 1), false)));
    }

    @Test
    void a_canceled_subscription_is_a_cancellation_and_a_churn_of_its_annual_value() throws Exception {
        SourcePage page = firstPage(source, "subscriptions", "subscriptions_page.json");

        // sub_YenYearly is set to cancel at period end but still active: not churned yet
        assertThat(page.activities()).extracting(Keyed::record).containsExactly(new Activity("stripe",
                "cancelled/sub_Quarterly", null, ActivityType.SUBSCRIPTION_CANCELLED, "canceled", "subscription",
                Instant.ofEpochSecond(1717000000), null, null, Map.of("annual_amount", 160.0)));
        // dated ended_at (2024-06-01T00:00Z), not canceled_at (2024-05-29)
        assertThat(page.outcomes()).extracting(Keyed::record).containsExactly(new Outcome("stripe",
                "churned/sub_Quarterly", null, OutcomeKind.CHURNED, LocalDate.of(2024, 6, 1), 160.0, "USD"));
    }

    @Test
    void invoices_become_payments_renewals_and_failed_payments() throws Exception {
        SourcePage page = firstPage(source, "invoices", "invoices_page.json");

        assertThat(page.activities()).extracting(k -> k.keys().get(0), Keyed::record).containsExactly(
                tuple(AccountKey.link("cus_Acme001"), new Activity("stripe", "invoice_paid/in_Cycle001", null,
                        ActivityType.INVOICE_PAID, "subscription_cycle", "invoice", Instant.ofEpochSecond(1717232400),
                        null, null, Map.of("amount", 500.0))),
                // a 30-day subscription line of 500.00 USD: 12 a year = 6000
                tuple(AccountKey.link("cus_Acme001"), new Activity("stripe", "renewed/in_Cycle001", null,
                        ActivityType.SUBSCRIPTION_RENEWED, "subscription_cycle", "invoice",
                        Instant.ofEpochSecond(1717232400), null, null, Map.of("amount", 500.0, "annual_amount", 6000.0))),
                // open after two attempts, dated at finalization (the list says no more); 30000 JPY is 30000 yen
                tuple(AccountKey.link("cus_Globex02"), new Activity("stripe", "payment_failed/in_Failed02/2", null,
                        ActivityType.PAYMENT_FAILED, "subscription_cycle", "invoice", Instant.ofEpochSecond(1717300000),
                        null, null, Map.of("attempts", 2.0, "amount", 30000.0))),
                // the draft gives nothing; a manual invoice is a payment, not a renewal
                tuple(AccountKey.link("cus_Acme001"), new Activity("stripe", "invoice_paid/in_Manual04", null,
                        ActivityType.INVOICE_PAID, "manual", "invoice", Instant.ofEpochSecond(1717270200), null, null,
                        Map.of("amount", 12.5))));
        assertThat(page.outcomes()).extracting(Keyed::record).containsExactly(new Outcome("stripe",
                "renewal/in_Cycle001", null, OutcomeKind.RENEWED, LocalDate.of(2024, 6, 1), 6000.0, "USD"));
    }

    @Test
    void events_become_upgrades_downgrades_churn_and_payments() throws Exception {
        SourcePage page = firstPage(source, "events", "events_page.json");

        assertThat(page.activities()).extracting(Keyed::record).containsExactly(
                // invoice.paid of the invoice that had failed twice: paid, renewed
                new Activity("stripe", "invoice_paid/in_Failed02", null, ActivityType.INVOICE_PAID,
                        "subscription_cycle", "invoice", Instant.ofEpochSecond(1717500000), null, null,
                        Map.of("amount", 30000.0)),
                // no subscription lines in the response: subtotal over the invoice's 31-day period, x 12
                new Activity("stripe", "renewed/in_Failed02", null, ActivityType.SUBSCRIPTION_RENEWED,
                        "subscription_cycle", "invoice", Instant.ofEpochSecond(1717500000), null, null,
                        Map.of("amount", 30000.0, "annual_amount", 360000.0)),
                // invoice.payment_failed: dated the event
                new Activity("stripe", "payment_failed/in_Late06/1", null, ActivityType.PAYMENT_FAILED,
                        "subscription_cycle", "invoice", Instant.ofEpochSecond(1717450000), null, null,
                        Map.of("attempts", 1.0, "amount", 50.0)),
                new Activity("stripe", "cancelled/sub_Quarterly", null, ActivityType.SUBSCRIPTION_CANCELLED,
                        "canceled", "subscription", Instant.ofEpochSecond(1717000000), null, null,
                        Map.of("annual_amount", 160.0)),
                // 3 seats at 120000 JPY a year -> 3 at 100000: -60000 a year
                new Activity("stripe", "event/evt_Down", null, ActivityType.SUBSCRIPTION_DOWNGRADED,
                        "customer.subscription.updated", "event", Instant.ofEpochSecond(1717410000), null, null,
                        Map.of("annual_change", -60000.0, "seats_before", 3.0, "seats_after", 3.0)),
                // 10 -> 12 seats at 50 USD a month: 6000 -> 7200 a year
                new Activity("stripe", "event/evt_Up", null, ActivityType.SUBSCRIPTION_UPGRADED,
                        "customer.subscription.updated", "event", Instant.ofEpochSecond(1717400000), null, null,
                        Map.of("annual_change", 1200.0, "seats_before", 10.0, "seats_after", 12.0)));
        // evt_PeriodOnly (a renewal moved current_period_end on the items) changes no terms: nothing
        assertThat(page.outcomes()).extracting(Keyed::record).containsExactly(
                new Outcome("stripe", "renewal/in_Failed02", null, OutcomeKind.RENEWED, LocalDate.of(2024, 6, 4),
                        360000.0, "JPY"),
                new Outcome("stripe", "churned/sub_Quarterly", null, OutcomeKind.CHURNED, LocalDate.of(2024, 6, 1),
                        160.0, "USD"),
                new Outcome("stripe", "plan_change/sub_YenYearly/2024-06-03", null, OutcomeKind.CONTRACTED,
                        LocalDate.of(2024, 6, 3), 60000.0, "JPY"),
                new Outcome("stripe", "plan_change/sub_Monthly10/2024-06-03", null, OutcomeKind.EXPANDED,
                        LocalDate.of(2024, 6, 3), 1200.0, "USD"));
        assertThat(page.outcomes()).extracting(k -> k.keys().get(0)).containsExactly(AccountKey.link("cus_Globex02"),
                AccountKey.link("cus_Initech3"), AccountKey.link("cus_Globex02"), AccountKey.link("cus_Acme001"));
        // the deleted subscription's final state is a snapshot too: nothing can follow a deletion
        assertThat(page.subscriptions()).extracting(k -> k.record().sourceId(), k -> k.record().status())
                .containsExactly(tuple("sub_Quarterly", "canceled"));
    }

    /**
     * 10 -> 12 seats at 50 USD a month on 2024-06-03 with 15 of 30 days left: the proration line charges 2 x 50 x
     * 15/30 = 50.00 for the 15 days it covers: 50 x 365/15 = 1,216.67 a year -- the expansion, under the same id
     * the upgrade's event gives it, so one upgrade seen both ways is one outcome.
     */
    @Test
    void a_paid_proration_invoice_is_the_expansion_of_its_subscription_on_its_day() throws Exception {
        long created = 1717400000L; // 2024-06-03
        long end = created + 15 * 86_400L;
        String invoice = "{\"object\":\"list\",\"has_more\":false,\"url\":\"/v1/invoices\",\"data\":[{\"id\":\"in_Prorate1\","
                + "\"object\":\"invoice\",\"customer\":\"cus_Acme001\",\"currency\":\"usd\",\"status\":\"paid\","
                + "\"billing_reason\":\"subscription_update\",\"created\":" + created + ",\"amount_paid\":5000,"
                + "\"attempt_count\":1,\"status_transitions\":{\"paid_at\":" + (created + 60) + "},"
                + "\"parent\":{\"type\":\"subscription_details\",\"subscription_details\":{\"subscription\":\"sub_Monthly10\"}},"
                + "\"lines\":{\"object\":\"list\",\"has_more\":false,\"data\":[{\"id\":\"il_1\",\"amount\":5000,"
                + "\"period\":{\"start\":" + created + ",\"end\":" + end + "},\"parent\":{\"type\":\"subscription_item_details\","
                + "\"subscription_item_details\":{\"proration\":true,\"subscription\":\"sub_Monthly10\"}}}]}}]}";
        var request = source.firstRequest("invoices", null, StripeFixtures.NOW);

        SourcePage page = source.map("invoices", request, StripeFixtures.replyBody(invoice), StripeFixtures.NOW);

        assertThat(page.outcomes()).extracting(Keyed::record).singleElement().satisfies(o -> {
            assertThat(o.sourceId()).isEqualTo("plan_change/sub_Monthly10/2024-06-03");
            assertThat(o.kind()).isEqualTo(OutcomeKind.EXPANDED);
            assertThat(o.annualAmount()).isCloseTo(1216.67, org.assertj.core.data.Offset.offset(0.01));
            assertThat(o.currency()).isEqualTo("USD");
        });
        assertThat(page.outcomes().get(0).keys()).containsExactly(AccountKey.link("cus_Acme001"));
    }

    @Test
    void one_churn_read_from_the_list_and_from_its_deletion_event_is_one_record() throws Exception {
        SourcePage fromList = firstPage(source, "subscriptions", "subscriptions_page.json");
        SourcePage fromEvents = firstPage(source, "events", "events_page.json");

        Outcome listed = fromList.outcomes().get(0).record();
        Outcome evented = fromEvents.outcomes().stream().map(Keyed::record)
                .filter(o -> o.kind() == OutcomeKind.CHURNED).findFirst().orElseThrow();
        assertThat(evented).isEqualTo(listed);
        assertThat(fromEvents.activities()).extracting(k -> k.record().sourceId())
                .contains(fromList.activities().get(0).record().sourceId());
    }
}

package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.Outcome;
import io.healthsync.model.OutcomeKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Adds Stripe-derived records to a page, each keyed by the Stripe customer it belongs to (a link the
 * customer's own keys resolve). The sourceId schemes live here, one per real-world fact, so the lists
 * and the events derive the same id for the same fact and a re-read upserts instead of duplicating.
 */
final class StripeRecords {

    static final String SOURCE = "stripe";

    private StripeRecords() {
    }

    static String invoicePaidId(String invoiceId) {
        return "invoice_paid/" + invoiceId;
    }

    static String renewedId(String invoiceId) {
        return "renewed/" + invoiceId;
    }

    static String renewalOutcomeId(String invoiceId) {
        return "renewal/" + invoiceId;
    }

    /** One per failed attempt: Stripe retries an invoice several times, each failure is a signal. */
    static String paymentFailedId(String invoiceId, long attempt) {
        return "payment_failed/" + invoiceId + "/" + attempt;
    }

    static String cancelledId(String subscriptionId) {
        return "cancelled/" + subscriptionId;
    }

    static String churnedId(String subscriptionId) {
        return "churned/" + subscriptionId;
    }

    /** Upgrades and downgrades as activities: seen in an event. */
    static String eventId(String eventId) {
        return "event/" + eventId;
    }

    /**
     * An expansion or contraction of a subscription on a day: the same id whether it is seen in an event (the
     * last 30 days) or in the proration invoice the change produced (any time back), so it is stored once.
     */
    static String planChangeOutcomeId(String subscriptionId, java.time.LocalDate day) {
        return "plan_change/" + subscriptionId + "/" + day;
    }

    static void activity(SourcePage page, String recordId, String customer, String sourceId, ActivityType type,
                         String rawType, String sourceType, Instant at, Map<String, Double> measures) {
        Activity activity = new Activity(SOURCE, sourceId, null, type, rawType, sourceType, at, null, null, measures);
        page.activities().add(new Keyed<>(recordId, List.of(AccountKey.link(customer)), activity));
    }

    static void outcome(SourcePage page, String recordId, String customer, String sourceId, OutcomeKind kind,
                        LocalDate date, Double annualAmount, String currency) {
        Outcome outcome = new Outcome(SOURCE, sourceId, null, kind, date, annualAmount, currency);
        page.outcomes().add(new Keyed<>(recordId, List.of(AccountKey.link(customer)), outcome));
    }
}

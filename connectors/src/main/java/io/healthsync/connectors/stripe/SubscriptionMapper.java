package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.model.AccountKey;
import io.healthsync.model.ActivityType;
import io.healthsync.model.OutcomeKind;
import io.healthsync.model.Subscription;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Stripe subscription (from the list, or the final state in a customer.subscription.deleted event)
 * becomes the account's {@link Subscription} as it stands, and, once canceled, a SUBSCRIPTION_CANCELLED
 * activity at canceled_at and a CHURNED outcome dated ended_at (else canceled_at) for the annual value
 * lost. Both paths give the same ids ({@code cancelled/<sub>}, {@code churned/<sub>}), so one churn is
 * stored once. A subscription merely set to cancel at period end is still active: no churn yet.
 */
final class SubscriptionMapper {

    private SubscriptionMapper() {
    }

    static void map(JsonNode subscription, SourcePage page) throws UnmappableRecord {
        String id = StripeJson.required(subscription, "id", "subscription");
        String customer = StripeJson.required(subscription, "customer", "subscription " + id);
        String status = StripeJson.text(subscription, "status");
        SubscriptionTerms terms = SubscriptionTerms.of(subscription);
        Subscription snapshot = new Subscription(StripeRecords.SOURCE, id, null, status, terms.seats(),
                terms.annualAmount(), terms.currency(), StripeJson.utcDate(terms.currentPeriodEnd()),
                subscription.path("cancel_at_period_end").asBoolean(false));
        if ("canceled".equals(status)) {
            churn(id, customer, subscription, terms, page);
        }
        page.subscriptions().add(new Keyed<>(id, List.of(AccountKey.link(customer)), snapshot));
    }

    private static void churn(String id, String customer, JsonNode subscription, SubscriptionTerms terms,
                              SourcePage page) throws UnmappableRecord {
        Instant canceledAt = StripeJson.epoch(subscription, "canceled_at");
        Instant endedAt = StripeJson.epoch(subscription, "ended_at");
        if (canceledAt == null && endedAt == null) {
            throw new UnmappableRecord("subscription " + id + " is canceled but has neither canceled_at nor ended_at");
        }
        Map<String, Double> measures = new HashMap<>();
        if (terms.annualAmount() != null) {
            measures.put("annual_amount", terms.annualAmount());
        }
        StripeRecords.activity(page, id, customer, StripeRecords.cancelledId(id), ActivityType.SUBSCRIPTION_CANCELLED,
                "canceled", "subscription", canceledAt != null ? canceledAt : endedAt, measures);
        StripeRecords.outcome(page, id, customer, StripeRecords.churnedId(id), OutcomeKind.CHURNED,
                StripeJson.utcDate(endedAt != null ? endedAt : canceledAt), terms.annualAmount(), terms.currency());
    }
}

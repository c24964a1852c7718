package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.model.ActivityType;
import io.healthsync.model.OutcomeKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe events: the changes to existing objects that the created-filtered lists cannot see.
 * <ul>
 *   <li>customer.subscription.updated whose previous_attributes hold items, quantity or plan: the
 *       subscription's terms before (the object with the previous attributes laid over it) and after.
 *       A higher annual amount (or, at the same amount, more seats) is SUBSCRIPTION_UPGRADED, a lower one
 *       SUBSCRIPTION_DOWNGRADED, with measures {@code annual_change} (after - before, signed),
 *       {@code seats_before}, {@code seats_after}; a changed annual amount is also an EXPANDED or
 *       CONTRACTED outcome for the absolute change, dated the event. Updates that change neither (a
 *       renewal moves current_period_end on the items) give nothing.</li>
 *   <li>customer.subscription.deleted: the canceled subscription, mapped as the list maps it (same
 *       cancellation and churn ids, so the list and the event never churn an account twice).</li>
 *   <li>invoice.paid and invoice.payment_failed: the invoice, mapped as the list maps it (an invoice
 *       created before the last pull and paid, or failed, since).</li>
 * </ul>
 */
final class EventMapper {

    static final List<String> TYPES = List.of("customer.subscription.updated", "customer.subscription.deleted",
            "invoice.payment_failed", "invoice.paid");
    private static final List<String> TERMS_FIELDS = List.of("items", "quantity", "plan");

    private EventMapper() {
    }

    static void map(JsonNode event, SourcePage page) throws UnmappableRecord {
        String id = StripeJson.required(event, "id", "event");
        String type = StripeJson.text(event, "type");
        Instant created = StripeJson.epoch(event, "created");
        JsonNode object = event.path("data").path("object");
        if (!object.isObject() || created == null) {
            throw new UnmappableRecord("event " + id + " has no " + (created == null ? "created" : "data.object"));
        }
        try {
            switch (type == null ? "" : type) {
                case "customer.subscription.updated" -> changed(id, type, created, object,
                        event.path("data").path("previous_attributes"), page);
                case "customer.subscription.deleted" -> SubscriptionMapper.map(object, page);
                case "invoice.paid" -> InvoiceMapper.map(object, page, null);
                case "invoice.payment_failed" -> InvoiceMapper.map(object, page, created);
                default -> {
                    // the request asks for the types above only; anything else is not ours to read
                }
            }
        } catch (UnmappableRecord inner) {
            throw new UnmappableRecord(type + " event " + id + ": " + inner.getMessage());
        }
    }

    private static void changed(String eventId, String type, Instant at, JsonNode subscription, JsonNode previous,
                                SourcePage page) throws UnmappableRecord {
        if (!previous.isObject() || TERMS_FIELDS.stream().noneMatch(previous::has)) {
            return;
        }
        String subscriptionId = StripeJson.required(subscription, "id", "subscription");
        String customer = StripeJson.required(subscription, "customer", "subscription " + subscriptionId);
        SubscriptionTerms after = SubscriptionTerms.of(subscription);
        SubscriptionTerms before;
        try {
            before = SubscriptionTerms.of(before(subscription, previous));
        } catch (UnmappableRecord inner) {
            throw new UnmappableRecord("previous_attributes: " + inner.getMessage());
        }
        Double change = before.annualAmount() == null || after.annualAmount() == null ? null
                : round(after.annualAmount() - before.annualAmount());
        int direction = change != null && change != 0 ? Double.compare(change, 0)
                : Integer.compare(seats(after), seats(before));
        if (direction == 0) {
            return;
        }
        Map<String, Double> measures = new HashMap<>();
        if (change != null) {
            measures.put("annual_change", change);
        }
        if (before.seats() != null) {
            measures.put("seats_before", before.seats().doubleValue());
        }
        if (after.seats() != null) {
            measures.put("seats_after", after.seats().doubleValue());
        }
        String sourceId = StripeRecords.eventId(eventId);
        StripeRecords.activity(page, subscriptionId, customer, sourceId,
                direction > 0 ? ActivityType.SUBSCRIPTION_UPGRADED : ActivityType.SUBSCRIPTION_DOWNGRADED,
                type, "event", at, measures);
        if (change != null && change != 0) {
            StripeRecords.outcome(page, subscriptionId, customer,
                    StripeRecords.planChangeOutcomeId(subscriptionId, StripeJson.utcDate(at)),
                    change > 0 ? OutcomeKind.EXPANDED : OutcomeKind.CONTRACTED, StripeJson.utcDate(at),
                    Math.abs(change), after.currency());
        }
    }

    /** The subscription as it was: Stripe sends only the attributes that changed, with their old values. */
    private static JsonNode before(JsonNode subscription, JsonNode previous) {
        ObjectNode old = subscription.deepCopy();
        for (String field : TERMS_FIELDS) {
            if (previous.has(field)) {
                old.set(field, previous.get(field));
            }
        }
        if (!previous.has("items") && subscription.path("items").path("data").size() <= 1) {
            // a single-plan subscription of an older API version changed its plan or quantity: the items
            // show the new terms only, the old ones are in subscription.plan and subscription.quantity
            old.remove("items");
        }
        return old;
    }

    private static int seats(SubscriptionTerms terms) {
        return terms.seats() == null ? 0 : terms.seats();
    }

    private static double round(double amount) {
        return Math.round(amount * 1000) / 1000.0;
    }
}

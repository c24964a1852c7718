package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a subscription is worth, read from its items: seats = the sum of the licensed items' quantities;
 * annual amount = the sum of unit amount x quantity x billing periods per year, in major units; the end
 * of the current paid period. Metered items (usage billed in arrears) have no quantity and no amount known
 * in advance: they count for neither. A tiered price has no unit amount in the list response, so a
 * subscription with one has an unknown (null) annual amount but still its seats.
 *
 * <p>Shapes read: current API versions (items.data[].price.recurring, current_period_end on each item)
 * and older ones (current_period_end on the subscription; item.plan instead of item.price; a single
 * subscription.plan with subscription.quantity and no items).
 */
record SubscriptionTerms(Integer seats, Double annualAmount, String currency, Instant currentPeriodEnd) {

    static SubscriptionTerms of(JsonNode subscription) throws UnmappableRecord {
        String currency = StripeJson.text(subscription, "currency");
        JsonNode items = subscription.path("items").path("data");
        if (!items.isArray() || items.isEmpty()) {
            items = legacySinglePlan(subscription);
        }
        int seats = 0;
        boolean licensed = false;
        BigDecimal annualMinor = BigDecimal.ZERO;
        Instant periodEnd = StripeJson.epoch(subscription, "current_period_end");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = "items.data[" + i + "]";
            Price price = Price.of(item, where);
            if (currency == null) {
                currency = price.currency();
            }
            Instant itemEnd = StripeJson.epoch(item, "current_period_end");
            if (itemEnd != null && (periodEnd == null || itemEnd.isBefore(periodEnd))) {
                // items may renew on different days: the first one to end is the next renewal
                periodEnd = itemEnd;
            }
            if (price.metered()) {
                continue;
            }
            licensed = true;
            long quantity = item.path("quantity").asLong(1);
            seats += (int) quantity;
            annualMinor = annualMinor == null || price.unitAmount() == null ? null
                    : annualMinor.add(price.unitAmount().multiply(BigDecimal.valueOf(quantity)).multiply(price.perYear()));
        }
        Double annual = licensed && annualMinor != null ? StripeMoney.major(annualMinor, currency) : null;
        return new SubscriptionTerms(licensed ? seats : null, annual, StripeMoney.isoCode(currency), periodEnd);
    }

    private static JsonNode legacySinglePlan(JsonNode subscription) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        JsonNode plan = subscription.get("plan");
        if (plan != null && plan.isObject()) {
            items.addObject().set("plan", plan);
            ((ObjectNode) items.get(0)).set("quantity", subscription.get("quantity"));
        }
        return items;
    }

    /** A recurring price (item.price) or, in older API versions, a plan (item.plan): amount per period. */
    private record Price(BigDecimal unitAmount, BigDecimal perYear, String currency, boolean metered) {

        static Price of(JsonNode item, String where) throws UnmappableRecord {
            JsonNode price = item.get("price");
            if (price != null && price.isObject()) {
                JsonNode recurring = price.path("recurring");
                return of(amount(price, "unit_amount"), StripeJson.text(recurring, "interval"),
                        recurring.path("interval_count").asLong(1), StripeJson.text(recurring, "usage_type"),
                        StripeJson.text(price, "currency"), where + ".price.recurring.interval");
            }
            JsonNode plan = item.get("plan");
            if (plan != null && plan.isObject()) {
                return of(amount(plan, "amount"), StripeJson.text(plan, "interval"),
                        plan.path("interval_count").asLong(1), StripeJson.text(plan, "usage_type"),
                        StripeJson.text(plan, "currency"), where + ".plan.interval");
            }
            throw new UnmappableRecord("no price or plan at " + where);
        }

        private static Price of(BigDecimal amount, String interval, long count, String usageType, String currency,
                                String where) throws UnmappableRecord {
            BigDecimal perYear = StripeMoney.periodsPerYear(interval, count);
            if (perYear == null) {
                throw new UnmappableRecord("billing interval '" + interval + "' is not day, week, month or year at "
                        + where);
            }
            return new Price(amount, perYear, currency, "metered".equals(usageType));
        }

        /** The integer amount, else its decimal form (sub-cent prices), else null (tiered pricing). */
        private static BigDecimal amount(JsonNode price, String field) {
            Long whole = StripeJson.number(price, field);
            if (whole != null) {
                return BigDecimal.valueOf(whole);
            }
            String decimal = StripeJson.text(price, field + "_decimal");
            try {
                return decimal == null ? null : new BigDecimal(decimal);
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
    }
}

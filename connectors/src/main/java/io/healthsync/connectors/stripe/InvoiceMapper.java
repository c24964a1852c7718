package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.model.ActivityType;
import io.healthsync.model.OutcomeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A Stripe invoice (from the list, or inside an invoice.paid or invoice.payment_failed event) becomes:
 * <ul>
 *   <li>status paid: INVOICE_PAID at status_transitions.paid_at, measure {@code amount} = amount_paid in
 *       major units;</li>
 *   <li>paid and billing_reason subscription_cycle (a subscription billed for its next period): also
 *       SUBSCRIPTION_RENEWED and a RENEWED outcome for the renewal's annualised amount (one per billing
 *       period: a monthly plan renews monthly);</li>
 *   <li>open or uncollectible after at least one attempt: PAYMENT_FAILED, measure {@code attempts}, one per
 *       attempt count, so each retry that fails is its own signal.</li>
 * </ul>
 * Drafts, voided invoices and open ones not yet attempted say nothing about the account and give nothing.
 */
final class InvoiceMapper {

    private InvoiceMapper() {
    }

    /**
     * @param failedAt when the payment failed, known from an invoice.payment_failed event; null from the
     *                 list, which does not say: then finalized_at (the first attempt follows finalization)
     */
    static void map(JsonNode invoice, SourcePage page, Instant failedAt) throws UnmappableRecord {
        String id = StripeJson.required(invoice, "id", "invoice");
        String status = StripeJson.text(invoice, "status");
        long attempts = invoice.path("attempt_count").asLong(0);
        boolean paid = "paid".equals(status);
        boolean failed = !paid && attempts > 0 && ("open".equals(status) || "uncollectible".equals(status));
        if (!paid && !failed) {
            return;
        }
        String customer = StripeJson.required(invoice, "customer", "invoice " + id);
        String currency = StripeJson.text(invoice, "currency");
        String reason = StripeJson.text(invoice, "billing_reason");
        if (paid) {
            paid(id, customer, reason, currency, invoice, page);
        } else {
            Instant at = failedAt != null ? failedAt : firstOf(StripeJson.epoch(invoice.path("status_transitions"),
                    "finalized_at"), StripeJson.epoch(invoice, "created"));
            Map<String, Double> measures = new HashMap<>();
            measures.put("attempts", (double) attempts);
            measures.put("amount", StripeMoney.major(invoice.path("amount_due").asLong(0), currency));
            StripeRecords.activity(page, id, customer, StripeRecords.paymentFailedId(id, attempts),
                    ActivityType.PAYMENT_FAILED, reason, "invoice", at, measures);
        }
    }

    private static void paid(String id, String customer, String reason, String currency, JsonNode invoice,
                             SourcePage page) throws UnmappableRecord {
        Instant paidAt = StripeJson.epoch(invoice.path("status_transitions"), "paid_at");
        if (paidAt == null) {
            throw new UnmappableRecord("invoice " + id + " is paid but has no status_transitions.paid_at");
        }
        double amount = StripeMoney.major(invoice.path("amount_paid").asLong(0), currency);
        StripeRecords.activity(page, id, customer, StripeRecords.invoicePaidId(id), ActivityType.INVOICE_PAID,
                reason, "invoice", paidAt, Map.of("amount", amount));
        if ("subscription_update".equals(reason)) {
            planChange(id, customer, currency, invoice, page);
            return;
        }
        if (!"subscription_cycle".equals(reason)) {
            return;
        }
        Double annual = annualised(invoice, currency);
        Map<String, Double> measures = new HashMap<>();
        measures.put("amount", amount);
        if (annual != null) {
            measures.put("annual_amount", annual);
        }
        StripeRecords.activity(page, id, customer, StripeRecords.renewedId(id), ActivityType.SUBSCRIPTION_RENEWED,
                reason, "invoice", paidAt, measures);
        StripeRecords.outcome(page, id, customer, StripeRecords.renewalOutcomeId(id), OutcomeKind.RENEWED,
                StripeJson.utcDate(paidAt), annual, StripeMoney.isoCode(currency));
    }

    /**
     * The renewal's annual value: each subscription line (prorations left out) times the periods per year
     * of its price when the line still carries one (older API versions), else of its billed period. An
     * invoice whose lines are not all in the response falls back to its subtotal over its own period.
     */
    static Double annualised(JsonNode invoice, String currency) {
        JsonNode lines = invoice.path("lines");
        BigDecimal total = BigDecimal.ZERO;
        boolean any = false;
        if (!lines.path("has_more").asBoolean(false)) {
            for (JsonNode line : lines.path("data")) {
                if (!subscriptionLine(line)) {
                    continue;
                }
                BigDecimal perYear = linePeriodsPerYear(line);
                if (perYear == null) {
                    return null;
                }
                total = total.add(BigDecimal.valueOf(line.path("amount").asLong(0)).multiply(perYear));
                any = true;
            }
        }
        if (!any) {
            Long start = StripeJson.number(invoice, "period_start");
            Long end = StripeJson.number(invoice, "period_end");
            BigDecimal perYear = start == null || end == null ? null : StripeMoney.periodsPerYear(start, end);
            if (perYear == null) {
                return null;
            }
            total = BigDecimal.valueOf(invoice.path("subtotal").asLong(invoice.path("amount_paid").asLong(0)))
                    .multiply(perYear);
        }
        return StripeMoney.major(total, currency);
    }

    /**
     * A paid proration invoice is a plan change mid-period: its proration lines' net amount over the part of the
     * period they cover, annualised, is the change in annual value (an upgrade of 2 seats at 50 a month with 15
     * of 30 days left prorates 50, over 15 days: 1,216.67 a year); positive is an expansion, negative a
     * contraction. Events say the same within their 30 days; both give one outcome per subscription and day.
     */
    private static void planChange(String id, String customer, String currency, JsonNode invoice, SourcePage page) {
        BigDecimal annual = BigDecimal.ZERO;
        boolean any = false;
        String subscription = StripeJson.text(invoice.path("parent").path("subscription_details"), "subscription");
        for (JsonNode line : invoice.path("lines").path("data")) {
            JsonNode details = line.path("parent").path("subscription_item_details");
            boolean proration = details.isObject() ? details.path("proration").asBoolean(false)
                    : line.path("proration").asBoolean(false);
            Long start = StripeJson.number(line.path("period"), "start");
            Long end = StripeJson.number(line.path("period"), "end");
            if (!proration || start == null || end == null || end <= start) {
                continue;
            }
            if (subscription == null) {
                subscription = details.isObject() ? StripeJson.text(details, "subscription") : null;
            }
            BigDecimal perYear = BigDecimal.valueOf(365L * 86_400).divide(BigDecimal.valueOf(end - start), 10,
                    java.math.RoundingMode.HALF_UP);
            annual = annual.add(BigDecimal.valueOf(line.path("amount").asLong(0)).multiply(perYear));
            any = true;
        }
        if (subscription == null) {
            subscription = StripeJson.text(invoice, "subscription");
        }
        if (!any || subscription == null || annual.signum() == 0) {
            return;
        }
        Long created = StripeJson.number(invoice, "created");
        java.time.LocalDate day = StripeJson.utcDate(Instant.ofEpochSecond(created == null ? 0 : created));
        double change = StripeMoney.major(annual.abs(), currency);
        StripeRecords.outcome(page, id, customer, StripeRecords.planChangeOutcomeId(subscription, day),
                annual.signum() > 0 ? OutcomeKind.EXPANDED : OutcomeKind.CONTRACTED, day, change,
                StripeMoney.isoCode(currency));
    }

    private static boolean subscriptionLine(JsonNode line) {
        JsonNode details = line.path("parent").path("subscription_item_details");
        if (details.isObject()) {
            return !details.path("proration").asBoolean(false);
        }
        // before the 2025 API versions a line said its type and proration itself
        return "subscription".equals(StripeJson.text(line, "type")) && !line.path("proration").asBoolean(false);
    }

    private static BigDecimal linePeriodsPerYear(JsonNode line) {
        JsonNode recurring = line.path("price").path("recurring");
        if (recurring.isObject()) {
            return StripeMoney.periodsPerYear(StripeJson.text(recurring, "interval"),
                    recurring.path("interval_count").asLong(1));
        }
        JsonNode plan = line.path("plan");
        if (plan.isObject()) {
            return StripeMoney.periodsPerYear(StripeJson.text(plan, "interval"), plan.path("interval_count").asLong(1));
        }
        Long start = StripeJson.number(line.path("period"), "start");
        Long end = StripeJson.number(line.path("period"), "end");
        return start == null || end == null ? null : StripeMoney.periodsPerYear(start, end);
    }

    private static Instant firstOf(Instant a, Instant b) {
        return a != null ? a : b;
    }
}

package io.healthsync.sandbox.stripe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.sandbox.company.AccountHistory;
import io.healthsync.sandbox.company.Billing;
import io.healthsync.sandbox.company.Invoice;
import java.time.Instant;

/**
 * The company's billing as Stripe objects, in the current API's shapes (customer, subscription with its
 * items, price and plan, invoice with its line and parent, event): ids derived from the seed and the
 * customer, so they are the same on every run. A subscription or invoice can be drawn as it was at an
 * instant, which is what an event's data.object holds.
 */
final class StripeObjects {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String PRODUCT = "prod_HealthsyncPlat1";

    /** Stripe's ids count time from about here (2010-01-01), in base 62: five digits last until 2039. */
    private static final long ID_EPOCH_SECOND = 1_262_304_000L;
    private static final long FIVE_DIGITS = 62L * 62 * 62 * 62 * 62;

    private final long seed;
    /** The part of an object's id that names the Stripe account: the same in every id of the sandbox's account. */
    private final String accountPart;

    StripeObjects(long seed) {
        this.seed = seed;
        this.accountPart = id("", "account", 10);
    }

    String id(String prefix, String key, int length) {
        long a = mix(seed, prefix + key);
        long b = mix(a, key + prefix);
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            long source = i < 10 ? a : b;
            int shift = (i % 10) * 6;
            id.append(ALPHABET.charAt((int) ((source >>> shift) & 0x3F) % ALPHABET.length()));
        }
        return id.toString();
    }

    /**
     * An invoice's, subscription's or event's id as Stripe makes them (the reference shapes: in_1TbSiZEZpD6kXrae...,
     * in_1TbSjiEZpD6kXrae...): a version digit, the creation time in five base-62 digits, the account's part, then
     * eight of the object's own. Such ids sort by creation, as a store keyed by them sees a real backfill: a list,
     * newest first, writes each page's keys just below the page before.
     */
    String timedId(String prefix, Instant created, String key) {
        return prefix + "1" + timeDigits(created) + accountPart + id("", key + prefix, 8);
    }

    /** The creation time as the five base-62 digits that lead Stripe's ids, so that they sort by it. */
    private static String timeDigits(Instant created) {
        long left = Math.floorMod(created.getEpochSecond() - ID_EPOCH_SECOND, FIVE_DIGITS);
        char[] digits = new char[5];
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (left % 62));
            left /= 62;
        }
        return new String(digits);
    }

    /** A customer's id (cus_Uae07nJucy33Kr): the creation time's five base-62 digits lead it too. */
    String customerId(AccountHistory history) {
        return "cus_" + timeDigits(history.billing().created()) + id("", history.key(), 9);
    }

    String subscriptionId(AccountHistory history) {
        return timedId("sub_", history.billing().created(), history.key());
    }

    String itemId(AccountHistory history) {
        return id("si_", history.key(), 14);
    }

    String invoiceId(AccountHistory history, Invoice invoice) {
        return timedId("in_", invoice.created(), history.key() + "#" + invoice.seq());
    }

    static String priceId(String plan) {
        return "price_" + plan.replace("_", "");
    }

    ObjectNode customer(AccountHistory history, Instant now) {
        ObjectNode node = JSON.objectNode();
        node.put("id", customerId(history));
        node.put("object", "customer");
        node.putNull("address");
        node.put("balance", 0);
        node.put("created", history.billing().created().getEpochSecond());
        node.put("currency", "usd");
        node.putNull("customer_account");
        node.putNull("default_source");
        node.put("delinquent", history.billing().invoices().stream()
                .anyMatch(invoice -> invoice.status().equals("open") || invoice.status().equals("uncollectible")));
        node.putNull("description");
        node.putNull("discount");
        node.put("email", "billing@" + history.account().domain());
        node.put("invoice_prefix", id("", history.key(), 8).toUpperCase());
        ObjectNode settings = node.putObject("invoice_settings");
        settings.putNull("custom_fields");
        settings.put("default_payment_method", id("pm_", history.key(), 24));
        settings.putNull("footer");
        settings.putNull("rendering_options");
        node.put("livemode", false);
        ObjectNode metadata = node.putObject("metadata");
        if (history.account().inCrm()) {
            metadata.put("salesforce_account_id", history.account().crmId());
        }
        node.put("name", history.account().name());
        node.put("next_invoice_sequence", history.billing().invoices().size() + 1);
        node.putNull("phone");
        node.putArray("preferred_locales").add("en-US");
        node.putNull("shipping");
        node.put("tax_exempt", "none");
        node.putNull("test_clock");
        return node;
    }

    /** The subscription as it is now ({@code at} null) or as it was at {@code at}. */
    ObjectNode subscription(AccountHistory history, Instant when) {
        Billing billing = history.billing();
        Instant at = when == null ? Instant.MAX : when;
        boolean ended = billing.endedAt() != null && !at.isBefore(billing.endedAt());
        boolean cancelRequested = billing.canceledAt() != null && !at.isBefore(billing.canceledAt());
        int quantity = billing.quantityAt(at);
        String status = when == null ? billing.status() : ended ? "canceled" : pastDueAt(billing, at) ? "past_due"
                : "active";
        long periodStart = billing.currentPeriodStart().getEpochSecond();
        long periodEnd = billing.currentPeriodEnd().getEpochSecond();
        ObjectNode node = JSON.objectNode();
        String id = subscriptionId(history);
        node.put("id", id);
        node.put("object", "subscription");
        node.putNull("application");
        node.putNull("application_fee_percent");
        ObjectNode tax = node.putObject("automatic_tax");
        tax.putNull("disabled_reason");
        tax.put("enabled", false);
        tax.putNull("liability");
        node.put("billing_cycle_anchor", billing.created().getEpochSecond());
        node.putNull("billing_thresholds");
        if (cancelRequested && billing.endedAt() != null) {
            node.put("cancel_at", billing.endedAt().getEpochSecond());
            node.put("cancel_at_period_end", !ended);
            node.put("canceled_at", billing.canceledAt().getEpochSecond());
        } else {
            node.putNull("cancel_at");
            node.put("cancel_at_period_end", false);
            node.putNull("canceled_at");
        }
        ObjectNode cancellation = node.putObject("cancellation_details");
        cancellation.putNull("comment");
        if (cancelRequested) {
            cancellation.put("feedback", billing.cancelFeedback());
            cancellation.put("reason", "cancellation_requested");
        } else {
            cancellation.putNull("feedback");
            cancellation.putNull("reason");
        }
        node.put("collection_method", "charge_automatically");
        node.put("created", billing.created().getEpochSecond());
        node.put("currency", "usd");
        node.put("current_period_end", periodEnd);
        node.put("current_period_start", periodStart);
        node.put("customer", customerId(history));
        node.putNull("days_until_due");
        node.put("default_payment_method", id("pm_", history.key(), 24));
        node.putNull("default_source");
        node.putArray("default_tax_rates");
        node.putNull("description");
        node.putArray("discounts");
        if (ended) {
            node.put("ended_at", billing.endedAt().getEpochSecond());
        } else {
            node.putNull("ended_at");
        }
        ObjectNode items = node.putObject("items");
        items.put("object", "list");
        ObjectNode item = items.putArray("data").addObject();
        item(item, history, quantity, periodStart, periodEnd);
        items.put("has_more", false);
        items.put("total_count", 1);
        items.put("url", "/v1/subscription_items?subscription=" + id);
        if (billing.invoices().isEmpty()) {
            node.putNull("latest_invoice");
        } else {
            node.put("latest_invoice", invoiceId(history, billing.invoices().get(billing.invoices().size() - 1)));
        }
        node.put("livemode", false);
        node.putObject("metadata");
        node.putNull("next_pending_invoice_item_invoice");
        node.putNull("on_behalf_of");
        node.putNull("pause_collection");
        node.putNull("pending_invoice_item_interval");
        node.putNull("pending_setup_intent");
        node.putNull("pending_update");
        plan(node.putObject("plan"), billing);
        node.put("quantity", quantity);
        node.putNull("schedule");
        node.put("start_date", billing.created().getEpochSecond());
        node.put("status", status);
        node.putNull("test_clock");
        node.putNull("transfer_data");
        node.putNull("trial_end");
        node.putNull("trial_start");
        return node;
    }

    /** The subscription's only item with the quantity given (what previous_attributes.items shows too). */
    ObjectNode item(ObjectNode item, AccountHistory history, int quantity, long periodStart, long periodEnd) {
        Billing billing = history.billing();
        item.put("id", itemId(history));
        item.put("object", "subscription_item");
        item.putNull("billing_thresholds");
        item.put("created", billing.created().getEpochSecond());
        item.put("current_period_end", periodEnd);
        item.put("current_period_start", periodStart);
        item.putArray("discounts");
        item.putObject("metadata");
        plan(item.putObject("plan"), billing);
        price(item.putObject("price"), billing);
        item.put("quantity", quantity);
        item.put("subscription", subscriptionId(history));
        item.putArray("tax_rates");
        return item;
    }

    private static void price(ObjectNode price, Billing billing) {
        price.put("id", priceId(billing.plan()));
        price.put("object", "price");
        price.put("active", true);
        price.put("billing_scheme", "per_unit");
        price.put("created", 1_640_995_200L);
        price.put("currency", "usd");
        price.putNull("custom_unit_amount");
        price.put("livemode", false);
        price.put("lookup_key", billing.plan());
        price.putObject("metadata");
        price.put("nickname", billing.plan());
        price.put("product", PRODUCT);
        ObjectNode recurring = price.putObject("recurring");
        recurring.put("interval", billing.interval());
        recurring.put("interval_count", 1);
        recurring.putNull("meter");
        recurring.putNull("trial_period_days");
        recurring.put("usage_type", "licensed");
        price.put("tax_behavior", "unspecified");
        price.putNull("tiers_mode");
        price.putNull("transform_quantity");
        price.put("type", "recurring");
        price.put("unit_amount", billing.unitAmount());
        price.put("unit_amount_decimal", String.valueOf(billing.unitAmount()));
    }

    private static void plan(ObjectNode plan, Billing billing) {
        plan.put("id", priceId(billing.plan()));
        plan.put("object", "plan");
        plan.put("active", true);
        plan.put("amount", billing.unitAmount());
        plan.put("amount_decimal", String.valueOf(billing.unitAmount()));
        plan.put("billing_scheme", "per_unit");
        plan.put("created", 1_640_995_200L);
        plan.put("currency", "usd");
        plan.put("interval", billing.interval());
        plan.put("interval_count", 1);
        plan.put("livemode", false);
        plan.putObject("metadata");
        plan.putNull("meter");
        plan.put("nickname", billing.plan());
        plan.put("product", PRODUCT);
        plan.putNull("tiers_mode");
        plan.putNull("transform_usage");
        plan.putNull("trial_period_days");
        plan.put("usage_type", "licensed");
    }

    /**
     * The invoice as it is now ({@code at} null) or as it was at {@code at}: before a failed invoice's
     * retry succeeded it was open with one attempt.
     */
    ObjectNode invoice(AccountHistory history, Invoice invoice, Instant at) {
        boolean paid;
        boolean uncollectible;
        int attempts;
        if (at == null) {
            paid = invoice.status().equals("paid");
            uncollectible = invoice.status().equals("uncollectible");
            attempts = invoice.attemptCount();
        } else {
            paid = invoice.paidAt() != null && !at.isBefore(invoice.paidAt());
            uncollectible = invoice.markedUncollectibleAt() != null && !at.isBefore(invoice.markedUncollectibleAt());
            attempts = paid || uncollectible ? invoice.attemptCount()
                    : invoice.failedAt() != null && !at.isBefore(invoice.failedAt()) ? 1 : 0;
        }
        String status = paid ? "paid" : uncollectible ? "uncollectible" : "open";
        String id = invoiceId(history, invoice);
        ObjectNode node = JSON.objectNode();
        node.put("id", id);
        node.put("object", "invoice");
        node.put("account_country", "US");
        node.put("account_name", "healthsync demo");
        node.putNull("account_tax_ids");
        node.put("amount_due", invoice.amountCents());
        node.put("amount_overpaid", 0);
        node.put("amount_paid", paid ? invoice.amountCents() : 0);
        node.put("amount_remaining", paid ? 0 : invoice.amountCents());
        node.put("amount_shipping", 0);
        node.putNull("application");
        node.put("attempt_count", attempts);
        node.put("attempted", attempts > 0);
        node.put("auto_advance", !paid && !status.equals("uncollectible"));
        node.put("billing_reason", invoice.billingReason());
        node.put("collection_method", "charge_automatically");
        node.put("created", invoice.created().getEpochSecond());
        node.put("currency", "usd");
        node.put("customer", customerId(history));
        node.put("customer_email", "billing@" + history.account().domain());
        node.put("customer_name", history.account().name());
        node.putArray("discounts");
        node.putNull("due_date");
        node.put("effective_at", invoice.created().getEpochSecond());
        node.put("ending_balance", 0);
        node.putNull("footer");
        node.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_demo/" + id);
        node.putNull("last_finalization_error");
        ObjectNode lines = node.putObject("lines");
        lines.put("object", "list");
        ObjectNode line = lines.putArray("data").addObject();
        line.put("id", id("il_", history.key() + "#" + invoice.seq(), 24));
        line.put("object", "line_item");
        line.put("amount", invoice.amountCents());
        line.put("currency", "usd");
        line.put("description", invoice.quantity() + " seat" + (invoice.quantity() == 1 ? "" : "s") + " x healthsync ("
                + history.billing().plan() + ")");
        line.put("invoice", id);
        line.put("livemode", false);
        line.putObject("metadata");
        ObjectNode period = line.putObject("period");
        period.put("end", invoice.periodEnd().getEpochSecond());
        period.put("start", invoice.periodStart().getEpochSecond());
        ObjectNode pricing = line.putObject("pricing");
        ObjectNode priceDetails = pricing.putObject("price_details");
        priceDetails.put("price", priceId(history.billing().plan()));
        priceDetails.put("product", PRODUCT);
        pricing.put("type", "price_details");
        pricing.put("unit_amount_decimal", String.valueOf(history.billing().unitAmount()));
        line.put("quantity", invoice.quantity());
        ObjectNode lineParent = line.putObject("parent");
        lineParent.putNull("invoice_item_details");
        ObjectNode itemDetails = lineParent.putObject("subscription_item_details");
        itemDetails.putNull("invoice_item");
        itemDetails.put("proration", invoice.billingReason().equals("subscription_update"));
        itemDetails.putNull("proration_details");
        itemDetails.put("subscription", subscriptionId(history));
        itemDetails.put("subscription_item", itemId(history));
        lineParent.put("type", "subscription_item_details");
        lines.put("has_more", false);
        lines.put("total_count", 1);
        lines.put("url", "/v1/invoices/" + id + "/lines");
        node.put("livemode", false);
        node.putObject("metadata");
        node.putNull("next_payment_attempt");
        node.put("number", id("", history.key(), 8).toUpperCase() + "-" + String.format("%04d", invoice.seq()));
        node.putNull("on_behalf_of");
        ObjectNode parent = node.putObject("parent");
        parent.putNull("quote_details");
        ObjectNode details = parent.putObject("subscription_details");
        details.putObject("metadata");
        details.put("subscription", subscriptionId(history));
        parent.put("type", "subscription_details");
        node.put("period_end", invoice.periodStart().getEpochSecond());
        node.put("period_start", invoice.periodStart().getEpochSecond());
        node.put("post_payment_credit_notes_amount", 0);
        node.put("pre_payment_credit_notes_amount", 0);
        node.putNull("receipt_number");
        node.put("starting_balance", 0);
        node.putNull("statement_descriptor");
        node.put("status", status);
        ObjectNode transitions = node.putObject("status_transitions");
        transitions.put("finalized_at", invoice.created().getEpochSecond());
        if (uncollectible) {
            transitions.put("marked_uncollectible_at", invoice.markedUncollectibleAt().getEpochSecond());
        } else {
            transitions.putNull("marked_uncollectible_at");
        }
        if (paid) {
            transitions.put("paid_at", invoice.paidAt().getEpochSecond());
        } else {
            transitions.putNull("paid_at");
        }
        transitions.putNull("voided_at");
        // the field moved to parent.subscription_details in 2025; older clients still read it here
        node.put("subscription", subscriptionId(history));
        node.put("subtotal", invoice.amountCents());
        node.put("subtotal_excluding_tax", invoice.amountCents());
        node.putNull("test_clock");
        node.put("total", invoice.amountCents());
        node.putArray("total_discount_amounts");
        node.put("total_excluding_tax", invoice.amountCents());
        node.putArray("total_taxes");
        node.put("webhooks_delivered_at", invoice.created().getEpochSecond());
        return node;
    }

    private static boolean pastDueAt(Billing billing, Instant at) {
        Invoice latest = null;
        for (Invoice invoice : billing.invoices()) {
            if (!invoice.created().isAfter(at)) {
                latest = invoice;
            }
        }
        return latest != null && latest.failedAt() != null && !at.isBefore(latest.failedAt())
                && (latest.paidAt() == null || at.isBefore(latest.paidAt()));
    }

    static long mix(long seed, String key) {
        long z = seed * 0x9E3779B97F4A7C15L + key.hashCode() * 0xC2B2AE3D27D4EB4FL + key.length();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

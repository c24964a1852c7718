package io.healthsync.model;

import java.time.LocalDate;

/**
 * An account's subscription as the billing source knows it now: its status (active, past_due, canceled,
 * ...), seats (quantity), annual value, and the end of the paid period, which is the renewal date when
 * the CRM has none.
 */
public record Subscription(
        String source,
        String sourceId,
        String accountId,
        String status,
        Integer seats,
        Double annualAmount,
        String currency,
        LocalDate currentPeriodEnd,
        boolean cancelAtPeriodEnd) {

    public Subscription withAccountId(String matched) {
        return new Subscription(source, sourceId, matched, status, seats, annualAmount, currency, currentPeriodEnd,
                cancelAtPeriodEnd);
    }

    public boolean active() {
        return "active".equals(status) || "trialing".equals(status) || "past_due".equals(status);
    }
}

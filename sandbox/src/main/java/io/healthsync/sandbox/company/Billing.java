package io.healthsync.sandbox.company;

import java.time.Instant;
import java.util.List;

/**
 * An account's subscription as of today: one licensed item (the segment's plan) billed monthly or yearly
 * from the contract start, its seat changes, invoices (those from the simulation's start on) and, for a
 * churned account, its cancellation (requested at {@code canceledAt}, effective at {@code endedAt}, the
 * renewal).
 *
 * @param plan           the price's lookup key, e.g. "smb_monthly"
 * @param interval       month or year
 * @param unitAmount     cents per seat per interval
 * @param status         active, past_due or canceled
 * @param quantity       seats now (at the end for a canceled one)
 * @param cancelFeedback Stripe's cancellation feedback (too_expensive, unused, switched_service, ...), or null
 */
public record Billing(String plan, String interval, long unitAmount, Instant created, String status, int quantity,
                      Instant currentPeriodStart, Instant currentPeriodEnd, Instant canceledAt, Instant endedAt,
                      String cancelFeedback, List<SeatChange> seatChanges, List<Invoice> invoices) {

    /** The quantity in force at an instant (the first quantity before any change). */
    public int quantityAt(Instant at) {
        int quantity = seatChanges.isEmpty() ? this.quantity : seatChanges.get(0).from();
        for (SeatChange change : seatChanges) {
            if (!change.at().isAfter(at)) {
                quantity = change.to();
            }
        }
        return quantity;
    }

    public boolean canceled() {
        return "canceled".equals(status);
    }

    /** The annual value of the subscription at its current quantity, in cents. */
    public long annualAmount() {
        return unitAmount * quantity * ("month".equals(interval) ? 12 : 1);
    }
}

package io.healthsync.sandbox.company;

import java.time.Instant;

/**
 * A subscription invoice: a period's charge (subscription_create, subscription_cycle) or a mid-period
 * seat upgrade's proration (subscription_update). A failed payment shows as {@code failedAt} (the first
 * attempt's failure); it is then paid on a retry, left open (recent) or marked uncollectible.
 *
 * @param seq           the invoice's number within its customer (1, 2, ...)
 * @param status        paid, open or uncollectible
 * @param attemptCount  payment attempts made
 */
public record Invoice(int seq, Instant created, long amountCents, int quantity, String billingReason,
                      Instant periodStart, Instant periodEnd, String status, int attemptCount, Instant failedAt,
                      Instant paidAt, Instant markedUncollectibleAt) {

    public boolean paymentFailed() {
        return failedAt != null;
    }
}

package io.healthsync.scoring.features;

import io.healthsync.model.ActivityType;

/** The billing events of one account in days before the as-of date, gathered during the one pass over its activities. */
final class BillingHistory {

    boolean any;
    int paymentFailures90;
    int planChange90;

    static boolean isBilling(ActivityType type) {
        return switch (type) {
            case INVOICE_PAID, PAYMENT_FAILED, SUBSCRIPTION_UPGRADED, SUBSCRIPTION_DOWNGRADED, SUBSCRIPTION_CANCELLED,
                    SUBSCRIPTION_RENEWED -> true;
            default -> false;
        };
    }

    void add(ActivityType type, long daysAgo) {
        any = true;
        if (daysAgo >= 90) {
            return;
        }
        switch (type) {
            case PAYMENT_FAILED -> paymentFailures90++;
            case SUBSCRIPTION_UPGRADED -> planChange90++;
            case SUBSCRIPTION_DOWNGRADED -> planChange90--;
            default -> { }
        }
    }
}

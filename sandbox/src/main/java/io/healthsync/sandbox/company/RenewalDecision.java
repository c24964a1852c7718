package io.healthsync.sandbox.company;

import java.time.LocalDate;

/**
 * What happened at one served renewal (contract anniversary) and the signals it was decided from: the
 * ground truth of the planted churn effect (see package-info), for tests and for checking a model.
 *
 * @param activeRate90       weekday active users per seat over the 90 days before (analytics units)
 * @param usageTrend         relative change of that rate, last 30 days against days 61-90 before, in [-1, 1]
 * @param badCsat90          bad satisfaction ratings in the 90 days before
 * @param paymentFailures180 invoices whose payment failed in the 180 days before
 * @param cancellationIntent90 whether a ticket of the 90 days before carries a cancellation-intent phrase
 * @param churnProbability   what the planted formula gave
 * @param outcome            renewed, churned or contracted
 */
public record RenewalDecision(String accountKey, LocalDate date, double activeRate90, double usageTrend,
                              int badCsat90, int paymentFailures180, boolean cancellationIntent90,
                              double churnProbability, String outcome) {

    public boolean churned() {
        return "churned".equals(outcome);
    }
}

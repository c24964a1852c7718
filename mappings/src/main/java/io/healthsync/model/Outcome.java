package io.healthsync.model;

import java.time.LocalDate;

/**
 * A commercial outcome of an account, derived from the billing source's subscription history: renewed,
 * churned, expanded or contracted, on a date, with the annual amount it concerns (for renewed and
 * churned the annual value renewed or lost; for expanded and contracted the annual change, positive).
 * {@code sourceId} is unique within {@code source} (e.g. the billing event it was derived from).
 */
public record Outcome(
        String source,
        String sourceId,
        String accountId,
        OutcomeKind kind,
        LocalDate date,
        Double annualAmount,
        String currency) {

    public Outcome withAccountId(String matched) {
        return new Outcome(source, sourceId, matched, kind, date, annualAmount, currency);
    }
}

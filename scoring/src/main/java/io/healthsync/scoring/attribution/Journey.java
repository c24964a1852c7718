package io.healthsync.scoring.attribution;

import io.healthsync.model.OutcomeKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One account's path to one outcome: its touchpoints in time order, what happened (renewed, churned, expanded,
 * contracted), when, and the annual revenue it concerns. {@code segment} may be null (the company has none).
 */
public record Journey(String accountId, String segment, List<Touchpoint> touchpoints, OutcomeKind outcome,
                      LocalDate outcomeDate, double revenue) {

    public Journey {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(outcomeDate, "outcomeDate");
        touchpoints = touchpoints.stream().sorted(Comparator.comparing(Touchpoint::at)).toList();
    }

    /** The end of the outcome's day: touchpoints up to and including it belong to the journey. */
    public Instant end() {
        return outcomeDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The journey with only the touchpoints of the {@code windowDays} before the outcome (its day included),
     * or all before it when {@code windowDays} is null (the whole lifecycle).
     */
    public Journey within(Integer windowDays) {
        Instant end = end();
        Instant start = windowDays == null ? Instant.MIN : outcomeDate.minusDays(windowDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Touchpoint> kept = touchpoints.stream().filter(t -> !t.at().isBefore(start) && t.at().isBefore(end)).toList();
        return new Journey(accountId, segment, kept, outcome, outcomeDate, revenue);
    }

    /** Whole days from the touchpoint to the outcome's day (0 on the day). */
    public long daysBefore(Touchpoint touchpoint) {
        return Math.max(0, java.time.Duration.between(touchpoint.at(), end()).toDays());
    }
}

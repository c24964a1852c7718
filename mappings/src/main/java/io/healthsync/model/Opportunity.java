package io.healthsync.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A CRM opportunity: open pipeline is a health signal, closed ones become outcomes. {@code createdAt} and
 * {@code closeDate} date it, so a point-in-time view ({@link #openOn}) does not read today's IsClosed into
 * the past.
 */
public record Opportunity(
        String crmId,
        String accountId,
        String name,
        String stageName,
        String type,
        Double amount,
        Instant createdAt,
        LocalDate closeDate,
        boolean closed,
        boolean won) {

    /**
     * Open at the end of {@code day} (UTC): created by then (an unknown creation counts as created), and not
     * closed by then: a closed opportunity was still open before its close date.
     */
    public boolean openOn(LocalDate day) {
        // the UTC day of creation as an epoch day: no date objects for a check made per account and past day
        if (createdAt != null && Math.floorDiv(createdAt.getEpochSecond(), 86_400L) > day.toEpochDay()) {
            return false;
        }
        return !closed || (closeDate != null && closeDate.isAfter(day));
    }
}

package io.healthsync.model;

import java.time.LocalDate;

/** A CRM opportunity: open pipeline is a health signal, closed ones become outcomes. */
public record Opportunity(
        String crmId,
        String accountId,
        String name,
        String stageName,
        String type,
        Double amount,
        LocalDate closeDate,
        boolean closed,
        boolean won) {
}

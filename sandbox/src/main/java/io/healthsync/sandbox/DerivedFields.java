package io.healthsync.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * Fields Salesforce computes rather than accepts: an Opportunity's IsClosed/IsWon follow its stage, a
 * Task's IsClosed its status, its AccountId follows what it relates to and CompletedDateTime records when it was completed, an
 * Event's activity date and end follow its start and duration.
 */
final class DerivedFields {

    private DerivedFields() {
    }

    static void apply(SandboxOrg org, SObjectTable table, Object[] row, Instant now) {
        switch (table.schema().name()) {
            case SandboxSchema.OPPORTUNITY -> opportunityFlags(table, row);
            case SandboxSchema.TASK -> {
                relatedAccount(org, table, row);
                boolean completed = taskClosed(table, row);
                if (completed && table.value(row, "CompletedDateTime") == null) {
                    table.set(row, "CompletedDateTime", now);
                } else if (!completed) {
                    table.set(row, "CompletedDateTime", null);
                }
            }
            case SandboxSchema.EVENT -> {
                relatedAccount(org, table, row);
                eventTimes(table, row);
            }
            default -> {
            }
        }
    }

    /** A Task is closed when its status is a closed one (of the standard values, Completed); returns it. */
    static boolean taskClosed(SObjectTable tasks, Object[] row) {
        boolean closed = "Completed".equals(tasks.value(row, "Status"));
        tasks.set(row, "IsClosed", closed);
        return closed;
    }

    static void opportunityFlags(SObjectTable opportunities, Object[] row) {
        Object stage = opportunities.value(row, "StageName");
        opportunities.set(row, "IsClosed", "Closed Won".equals(stage) || "Closed Lost".equals(stage));
        opportunities.set(row, "IsWon", "Closed Won".equals(stage));
    }

    private static void relatedAccount(SandboxOrg org, SObjectTable table, Object[] row) {
        String what = (String) table.value(row, "WhatId");
        String account = null;
        if (what != null && what.startsWith("001")) {
            account = what;
        } else if (what != null && what.startsWith("006")) {
            Object[] opportunity = org.table(SandboxSchema.OPPORTUNITY).get(what);
            account = opportunity == null ? null : (String) org.table(SandboxSchema.OPPORTUNITY)
                    .value(opportunity, "AccountId");
        }
        table.set(row, "AccountId", account);
    }

    private static void eventTimes(SObjectTable events, Object[] row) {
        Instant start = (Instant) events.value(row, "StartDateTime");
        if (start == null) {
            return;
        }
        events.set(row, "ActivityDateTime", start);
        events.set(row, "ActivityDate", OrgTimeline.dateOf(start));
        Integer minutes = (Integer) events.value(row, "DurationInMinutes");
        Instant end = (Instant) events.value(row, "EndDateTime");
        if (minutes != null) {
            events.set(row, "EndDateTime", start.plus(Duration.ofMinutes(minutes)));
        } else if (end != null) {
            events.set(row, "DurationInMinutes", (int) Duration.between(start, end).toMinutes());
        }
    }
}

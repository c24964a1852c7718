package io.healthsync.store;

import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import io.healthsync.scoring.playbooks.PlannedAction;
import java.time.LocalDate;

/**
 * A playbook action as the store keeps it: the decision (the planned action), the score behind it, and what
 * became of it.
 *
 * @param status        planned, written, failed, held_out, logged or superseded
 * @param score         the health score when it fired (the uplift report measures recovery from it)
 * @param salesforceId  the Task or Opportunity Salesforce created or matched (null until written)
 * @param createdInCrm  true when the write created it, false when it matched one already there (a duplicate
 *                      avoided), null before it was written
 */
public record StoredAction(PlannedAction action, String planId, String status, LocalDate createdOn, Double score,
                           String salesforceId, Boolean createdInCrm, String errorCode, String errorMessage) {

    public static final String PLANNED = "planned";
    public static final String WRITTEN = "written";
    public static final String FAILED = "failed";
    public static final String HELD_OUT = "held_out";
    public static final String LOGGED = "logged";
    public static final String SUPERSEDED = "superseded";

    /** The status a freshly planned action starts with. */
    public static String initialStatus(PlannedAction action) {
        return action.heldOut() ? HELD_OUT : PLANNED;
    }

    public String key() {
        return action.key();
    }

    public ActionKind kind() {
        return action.kind();
    }

    /** What became of it, as the next plan reads it. */
    public ActionOutcome outcome() {
        return new ActionOutcome(key(), action.accountId(), action.playbookId(), createdOn, action.heldOut(), status,
                errorCode);
    }

    /** Kept for the record with the same fields a planned action has, for rebuilding it. */
    static PlannedAction action(String accountId, String playbookId, String kind, String ownerId, String dueDate,
                                String priority, String subject, String description, String key, boolean heldOut,
                                String reason, Double amount) {
        return new PlannedAction(accountId, playbookId, ActionKind.valueOf(kind), ownerId,
                dueDate == null ? null : LocalDate.parse(dueDate), priority == null ? null : Priority.valueOf(priority),
                subject, description, key, heldOut, reason, amount);
    }
}

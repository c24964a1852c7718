package io.healthsync.scoring.playbooks;

import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import java.time.LocalDate;

/**
 * One playbook firing for one account. A held-out one is recorded but gets no Salesforce record.
 *
 * @param key    the idempotency key (Healthsync_Key__c): account, playbook and ISO week, stable across re-runs
 *               in the same week, so an upsert on it never doubles a record
 * @param reason why it fired, for plan output (e.g. "fell 18 points in 7 days")
 * @param amount an expansion Opportunity's projected expansion ARR (null for other actions, or without an ARR)
 */
public record PlannedAction(String accountId, String playbookId, ActionKind kind, String ownerId, LocalDate dueDate,
                            Priority priority, String subject, String description, String key, boolean heldOut,
                            String reason, Double amount) {

    public PlannedAction(String accountId, String playbookId, ActionKind kind, String ownerId, LocalDate dueDate,
                         Priority priority, String subject, String description, String key, boolean heldOut,
                         String reason) {
        this(accountId, playbookId, kind, ownerId, dueDate, priority, subject, description, key, heldOut, reason, null);
    }

    /** A Salesforce record is created for it: not held out, and not a log-only action. */
    public boolean createsRecord() {
        return !heldOut && kind != ActionKind.LOG_ONLY;
    }
}

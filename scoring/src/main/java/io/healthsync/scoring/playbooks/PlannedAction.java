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
 * @param facts  what the record is based on, kept with it for reports (an expansion Opportunity's
 *               expansion_score, tier, probability_of_close and signals_json); empty for most actions
 */
public record PlannedAction(String accountId, String playbookId, ActionKind kind, String ownerId, LocalDate dueDate,
                            Priority priority, String subject, String description, String key, boolean heldOut,
                            String reason, Double amount, java.util.Map<String, String> facts) {

    public PlannedAction {
        facts = facts == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }

    public PlannedAction(String accountId, String playbookId, ActionKind kind, String ownerId, LocalDate dueDate,
                         Priority priority, String subject, String description, String key, boolean heldOut,
                         String reason, Double amount) {
        this(accountId, playbookId, kind, ownerId, dueDate, priority, subject, description, key, heldOut, reason, amount,
                java.util.Map.of());
    }

    /** The same action with more facts. */
    public PlannedAction withFacts(java.util.Map<String, String> more) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(facts);
        all.putAll(more);
        return new PlannedAction(accountId, playbookId, kind, ownerId, dueDate, priority, subject, description, key,
                heldOut, reason, amount, all);
    }

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

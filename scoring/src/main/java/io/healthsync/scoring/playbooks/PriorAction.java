package io.healthsync.scoring.playbooks;

import java.time.LocalDate;

/**
 * An action (or a held-out record) an earlier run planned for one account and playbook, as the store
 * and Salesforce know it now. {@code open}: the Task or Opportunity is not closed yet (always false for
 * held-out and log-only records). {@code closedLostOn}: the day an expansion Opportunity of ours closed
 * lost (null otherwise), which keeps a new one away for the configured period.
 */
public record PriorAction(String accountId, String playbookId, String key, LocalDate createdOn, boolean open,
                          boolean heldOut, LocalDate closedLostOn) {

    public PriorAction(String accountId, String playbookId, String key, LocalDate createdOn, boolean open,
                       boolean heldOut) {
        this(accountId, playbookId, key, createdOn, open, heldOut, null);
    }
}

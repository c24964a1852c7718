package io.healthsync.scoring.playbooks;

import java.time.LocalDate;

/**
 * An action (or a held-out record) an earlier run planned for one account and playbook, as the store
 * and Salesforce know it now. {@code open}: the Task or Opportunity is not closed yet (always false for
 * held-out and log-only records).
 */
public record PriorAction(String accountId, String playbookId, String key, LocalDate createdOn, boolean open,
                          boolean heldOut) {
}

package io.healthsync.scoring.playbooks;

/** A playbook that fired for an account but was suppressed (an open action, or its cooldown). */
public record SkippedAction(String accountId, String playbookId, String reason) {
}

package io.healthsync.writeback;

import io.healthsync.scoring.playbooks.PlannedAction;
import io.healthsync.scoring.playbooks.SkippedAction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything one run would write, decided before anything is written. {@code problems} lists what the
 * plan had to leave out and why (e.g. a mapped field the org does not have). {@code writes} are the Account
 * field updates. {@code actions} are the playbooks' decisions (held-out and log-only ones included); those that
 * create a Salesforce record are in {@code playbookWrites} (Task and Opportunity upserts). {@code skipped}:
 * playbooks that fired but were suppressed, and why.
 */
public record WritebackPlan(
        String id,
        LocalDate asOf,
        Instant createdAt,
        int accountsConsidered,
        List<PlannedWrite> writes,
        List<String> problems,
        List<PlannedAction> actions,
        List<SkippedAction> skipped,
        List<PlannedWrite> playbookWrites) {

    public WritebackPlan {
        writes = List.copyOf(writes);
        playbookWrites = playbookWrites == null ? List.of() : List.copyOf(playbookWrites);
        problems = List.copyOf(problems);
        actions = actions == null ? List.of() : List.copyOf(actions);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public WritebackPlan(String id, LocalDate asOf, Instant createdAt, int accountsConsidered,
                         List<PlannedWrite> writes, List<String> problems) {
        this(id, asOf, createdAt, accountsConsidered, writes, problems, List.of(), List.of(), List.of());
    }

    public int fieldsChanged() {
        return writes.stream().mapToInt(w -> w.changes().size()).sum();
    }

    /** Everything the plan sends: the Account updates, then the playbooks' upserts (the outbox's rows). */
    public List<PlannedWrite> allWrites() {
        List<PlannedWrite> all = new java.util.ArrayList<>(writes);
        all.addAll(playbookWrites);
        return all;
    }

    public long heldOut() {
        return actions.stream().filter(PlannedAction::heldOut).count();
    }
}

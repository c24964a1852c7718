package io.healthsync.scoring.playbooks;

import java.util.List;

/** What one run would do: the actions (held-out ones included, marked) and what was suppressed and why. */
public record PlaybookPlan(List<PlannedAction> actions, List<SkippedAction> skipped) {

    public PlaybookPlan {
        actions = List.copyOf(actions);
        skipped = List.copyOf(skipped);
    }

    public long heldOut() {
        return actions.stream().filter(PlannedAction::heldOut).count();
    }
}

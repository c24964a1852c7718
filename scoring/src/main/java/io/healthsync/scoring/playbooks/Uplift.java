package io.healthsync.scoring.playbooks;

import java.util.Locale;

/**
 * What one playbook did for one outcome: the treated group's rate against the held-out group's.
 *
 * @param difference treated rate minus held-out rate (+0.20 = 20 percentage points more); null when a group is empty
 * @param interval   its 95% confidence interval (Newcombe's hybrid score); null when a group is empty
 * @param note       why the numbers cannot be trusted yet (a group empty or too small); null when they can
 */
public record Uplift(String playbookId, String outcome, GroupRate treated, GroupRate heldOut, Double difference,
                     Interval interval, String note) {

    /**
     * For a report, e.g. "renewed: treated 56/70 (80%) vs held out 48/80 (60%): +20.0 pts (95% CI +5.2 to +33.4)",
     * then the note.
     */
    public String summary() {
        StringBuilder text = new StringBuilder(outcome).append(": treated ").append(treated.describe())
                .append(" vs held out ").append(heldOut.describe());
        if (difference != null) {
            text.append(String.format(Locale.ROOT, ": %+.1f pts (95%% CI %+.1f to %+.1f)",
                    100 * difference, 100 * interval.lower(), 100 * interval.upper()));
        }
        return note == null ? text.toString() : text.append(". ").append(note).toString();
    }
}

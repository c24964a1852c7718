package io.healthsync.scoring.playbooks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Did a playbook help? Per playbook and outcome, the accounts that got the action against those the
 * {@link Holdout} kept from it: both groups fired the same trigger, so the difference of their rates estimates
 * the action's effect, with a 95% interval from {@link ProportionIntervals}. An account whose outcome is not
 * observable yet counts in neither group for that outcome.
 */
public final class PlaybookUplift {

    /** Below this many accounts with a known outcome in a group, the note says the numbers cannot tell yet. */
    public static final int DEFAULT_MIN_GROUP_SIZE = 10;

    private final int minGroupSize;

    public PlaybookUplift() {
        this(DEFAULT_MIN_GROUP_SIZE);
    }

    public PlaybookUplift(int minGroupSize) {
        if (minGroupSize < 1) {
            throw new IllegalArgumentException("minimum group size must be at least 1, got " + minGroupSize);
        }
        this.minGroupSize = minGroupSize;
    }

    /**
     * One uplift per playbook and outcome (every outcome name any of its accounts carries), by playbook id then
     * outcome name. An account counts once per playbook: a second entry for the same pair is refused, since a
     * repeated account would make the groups look larger (and surer) than they are.
     */
    public List<Uplift> measure(List<FiringOutcomes> firings) {
        Map<String, List<FiringOutcomes>> byPlaybook = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (FiringOutcomes firing : firings) {
            if (!seen.add(firing.playbookId() + '\u0000' + firing.accountId())) {
                throw new IllegalArgumentException("account " + firing.accountId() + " is given twice for playbook "
                        + firing.playbookId() + ": count each account once (e.g. its first firing)");
            }
            byPlaybook.computeIfAbsent(firing.playbookId(), id -> new ArrayList<>()).add(firing);
        }
        List<Uplift> uplifts = new ArrayList<>();
        byPlaybook.forEach((playbookId, accounts) -> {
            Set<String> outcomes = new TreeSet<>();
            accounts.forEach(a -> outcomes.addAll(a.outcomes().keySet()));
            for (String outcome : outcomes) {
                uplifts.add(uplift(playbookId, outcome, accounts));
            }
        });
        return uplifts;
    }

    private Uplift uplift(String playbookId, String outcome, List<FiringOutcomes> accounts) {
        int[] n = new int[2];
        int[] successes = new int[2];
        for (FiringOutcomes account : accounts) {
            Boolean happened = account.outcomes().get(outcome);
            if (happened == null) {
                continue; // not observable yet
            }
            int group = account.heldOut() ? 1 : 0;
            n[group]++;
            successes[group] += happened ? 1 : 0;
        }
        GroupRate treated = GroupRate.of(successes[0], n[0]);
        GroupRate heldOut = GroupRate.of(successes[1], n[1]);
        if (n[0] == 0 || n[1] == 0) {
            return new Uplift(playbookId, outcome, treated, heldOut, null, null, emptyNote(n[0], n[1]));
        }
        return new Uplift(playbookId, outcome, treated, heldOut, treated.rate() - heldOut.rate(),
                ProportionIntervals.newcombeDifference(successes[0], n[0], successes[1], n[1]), smallNote(n[0], n[1]));
    }

    private static String emptyNote(int treated, int heldOut) {
        if (treated == 0 && heldOut == 0) {
            return "No account with a known outcome yet";
        }
        return treated == 0 ? "No treated account with a known outcome yet: nothing to compare with"
                : "No held-out account with a known outcome yet: nothing to compare with";
    }

    private String smallNote(int treated, int heldOut) {
        Map<String, Integer> small = new LinkedHashMap<>();
        if (treated < minGroupSize) {
            small.put("treated", treated);
        }
        if (heldOut < minGroupSize) {
            small.put("held out", heldOut);
        }
        if (small.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        small.forEach((group, count) -> parts.add(count + " " + group));
        return "Too few accounts to tell yet (" + String.join(", ", parts) + " with a known outcome; "
                + minGroupSize + " per group needed)";
    }
}

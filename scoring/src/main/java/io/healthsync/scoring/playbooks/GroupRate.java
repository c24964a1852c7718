package io.healthsync.scoring.playbooks;

import java.util.Locale;

/**
 * One group's result for one outcome: of {@code n} accounts with a known outcome, {@code successes} had it.
 *
 * @param rate   successes / n; null when n is 0
 * @param wilson the rate's 95% Wilson interval; null when n is 0
 */
public record GroupRate(int n, int successes, Double rate, Interval wilson) {

    static GroupRate of(int successes, int n) {
        return n == 0 ? new GroupRate(0, 0, null, null)
                : new GroupRate(n, successes, (double) successes / n, ProportionIntervals.wilson(successes, n));
    }

    /** "56/70 (80%)", or "none known". */
    String describe() {
        return n == 0 ? "none known" : String.format(Locale.ROOT, "%d/%d (%.0f%%)", successes, n, 100 * rate);
    }
}

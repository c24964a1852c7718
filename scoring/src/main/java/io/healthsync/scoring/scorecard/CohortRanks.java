package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.SignalTable;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The accounts one account is compared with: each signal's values sorted once, and kept as their distinct values
 * with how many members lie below each, so a percentile is one binary search over the distinct values (n log n for
 * a whole cohort instead of n^2). Signals are mostly counts and day spans with few distinct values, so the search
 * stays in the CPU's cache where two over every member's value did not (a first run ranks 1.2 million rows: today
 * and 11 past days).
 */
final class CohortRanks {

    private static final int SIGNALS = Signal.values().length;

    /** By signal ordinal: the members' values sorted; null for a signal not ranked. */
    private final double[][] sortedValues = new double[SIGNALS][];
    /** By signal ordinal: the members' distinct values, ascending. */
    private final double[][] distinctValues = new double[SIGNALS][];
    /** By signal ordinal: how many members lie below each distinct value, then (last) how many members there are. */
    private final int[][] membersBelow = new int[SIGNALS][];

    /**
     * The cohort of these rows of a signal table: accounts without data (NaN) are not ranked, and do not dilute the
     * others.
     */
    CohortRanks(SignalTable table, int[] rows, Set<Signal> signals) {
        for (Signal signal : signals) {
            double[] values = new double[rows.length];
            int n = 0;
            for (int row : rows) {
                double value = table.value(row, signal);
                if (!Double.isNaN(value)) {
                    values[n++] = value;
                }
            }
            keep(signal, sorted(values, n));
        }
    }

    /** A stored cohort: each ranked signal's values, sorted. */
    CohortRanks(Map<Signal, double[]> sortedBySignal) {
        sortedBySignal.forEach(this::keep);
    }

    private void keep(Signal signal, double[] sorted) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) { // != : -0.0 and 0.0 are one value, as the comparisons see them
                distinct++;
            }
        }
        double[] values = new double[distinct];
        int[] below = new int[distinct + 1];
        int at = -1;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                values[++at] = sorted[i];
                below[at] = i;
            }
        }
        below[distinct] = sorted.length;
        sortedValues[signal.ordinal()] = sorted;
        distinctValues[signal.ordinal()] = values;
        membersBelow[signal.ordinal()] = below;
    }

    /** Each ranked signal's values, sorted (the arrays themselves: not to be changed). */
    Map<Signal, double[]> sortedBySignal() {
        Map<Signal, double[]> bySignal = new java.util.EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            if (sortedValues[signal.ordinal()] != null) {
                bySignal.put(signal, sortedValues[signal.ordinal()]);
            }
        }
        return bySignal;
    }

    private static double[] sorted(double[] values, int n) {
        double[] kept = n == values.length ? values : Arrays.copyOf(values, n);
        Arrays.sort(kept);
        return kept;
    }

    /**
     * Mid-rank percentile, 0-100, turned so that 100 is the healthy end:
     * 100 * (below + 0.5 * equal) / n, flipped for signals where lower is better.
     */
    double percentile(Signal signal, double value) {
        double[] values = distinctValues[signal.ordinal()];
        if (values == null || values.length == 0) {
            return 50.0;
        }
        int[] below = membersBelow[signal.ordinal()];
        int at = firstIndexAtLeast(values, value);
        int equal = at < values.length && values[at] == value ? below[at + 1] - below[at] : 0;
        double percentile = 100.0 * (below[at] + 0.5 * equal) / below[values.length];
        return signal.higherIsBetter() ? percentile : 100.0 - percentile;
    }

    private static int firstIndexAtLeast(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.SignalTable;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The accounts one account is compared with: each signal's values sorted once, so a percentile is
 * two binary searches (n log n for a whole cohort instead of n^2).
 */
final class CohortRanks {

    private static final int SIGNALS = Signal.values().length;

    /** By signal ordinal: the members' values sorted; null for a signal not ranked. */
    private final double[][] sortedValues = new double[SIGNALS][];

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
            sortedValues[signal.ordinal()] = sorted(values, n);
        }
    }

    /** A stored cohort: each ranked signal's values, sorted. */
    CohortRanks(Map<Signal, double[]> sortedBySignal) {
        sortedBySignal.forEach((signal, sorted) -> sortedValues[signal.ordinal()] = sorted);
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
        double[] values = sortedValues[signal.ordinal()];
        if (values == null || values.length == 0) {
            return 50.0;
        }
        int below = firstIndexAtLeast(values, value);
        int equal = firstIndexAbove(values, value, below) - below;
        double percentile = 100.0 * (below + 0.5 * equal) / values.length;
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

    /** The first index from {@code from} on whose value is above {@code value}: the values before it are at most it. */
    private static int firstIndexAbove(double[] sorted, double value, int from) {
        int low = from;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

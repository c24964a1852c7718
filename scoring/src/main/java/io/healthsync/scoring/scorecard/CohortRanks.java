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

    /** The first n values sorted, as {@link Arrays#sort(double[])} sorts them. */
    static double[] sorted(double[] values, int n) {
        double[] kept = n == values.length ? values : Arrays.copyOf(values, n);
        if (!sortedByCounting(kept)) {
            Arrays.sort(kept);
        }
        return kept;
    }

    /**
     * Sorts whole numbers within a short span (counts and day spans: most signals) by counting each value, one pass
     * where a sort takes n log n: a first run ranks 20 signals of 100,000 accounts for today and 11 past days, and
     * the sorts were the largest part of it. False, untouched, for anything else: fractions, -0.0 (which
     * Arrays.sort puts before 0.0), a wide span, a few values.
     */
    private static boolean sortedByCounting(double[] values) {
        if (values.length < COUNTED_AT_LEAST) {
            return false;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (double value : values) {
            long whole = (long) value; // a fraction, an infinity or a value beyond long's range does not come back
            if (whole != value || (whole == 0 && Double.doubleToRawLongBits(value) != 0L)) {
                return false;
            }
            min = Math.min(min, whole);
            max = Math.max(max, whole);
        }
        long span = max - min + 1;
        if (span <= 0 || span > Math.max(COUNTED_SPAN, values.length)) {
            return false;
        }
        int[] counts = new int[(int) span];
        for (double value : values) {
            counts[(int) ((long) value - min)]++;
        }
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            double value = min + i;
            for (int c = counts[i]; c > 0; c--) {
                values[at++] = value;
            }
        }
        return true;
    }

    /** Below this many values a sort is as quick. */
    private static final int COUNTED_AT_LEAST = 64;
    /** The widest span of whole values counted whatever their number (day spans reach some thousands). */
    private static final int COUNTED_SPAN = 1 << 16;

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

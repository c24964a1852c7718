package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accounts one account is compared with: each signal's values sorted once, so a percentile is
 * two binary searches (n log n for a whole cohort instead of n^2).
 */
final class CohortRanks {

    private final Map<Signal, double[]> sortedValues = new EnumMap<>(Signal.class);

    CohortRanks(List<AccountSignals> members, Set<Signal> signals) {
        for (Signal signal : signals) {
            double[] values = new double[members.size()];
            int n = 0;
            for (AccountSignals member : members) {
                Double value = member.value(signal);
                if (value != null) { // accounts without data are not ranked, and do not dilute the others
                    values[n++] = value;
                }
            }
            values = Arrays.copyOf(values, n);
            Arrays.sort(values);
            sortedValues.put(signal, values);
        }
    }

    /**
     * Mid-rank percentile, 0-100, turned so that 100 is the healthy end:
     * 100 * (below + 0.5 * equal) / n, flipped for signals where lower is better.
     */
    double percentile(Signal signal, double value) {
        double[] values = sortedValues.get(signal);
        if (values == null || values.length == 0) {
            return 50.0;
        }
        int below = firstIndexAtLeast(values, value);
        int equal = firstIndexAbove(values, value) - below;
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

    private static int firstIndexAbove(double[] sorted, double value) {
        int low = 0;
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

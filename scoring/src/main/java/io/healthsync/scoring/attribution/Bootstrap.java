package io.healthsync.scoring.attribution;

import io.healthsync.scoring.playbooks.Interval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Percentile bootstrap: the figures recomputed on {@code samples} resamples of the journeys (drawn with
 * replacement, as many as there are), and the 2.5th and 97.5th percentiles of each as its 95% interval. The
 * fewer the journeys, the more the resamples differ, so the intervals widen as the sample shrinks.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** Per figure name, its interval; a figure missing from a resample counts as 0 there. */
    public static Map<String, Interval> intervals(List<Journey> journeys, Function<List<Journey>, Map<String, Double>> figures,
                                                  Iterable<String> names, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, double[]> draws = new HashMap<>();
        for (String name : names) {
            draws.put(name, new double[samples]);
        }
        int n = journeys.size();
        for (int s = 0; s < samples; s++) {
            List<Journey> resample = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                resample.add(journeys.get(random.nextInt(n)));
            }
            Map<String, Double> values = n == 0 ? Map.of() : figures.apply(resample);
            for (Map.Entry<String, double[]> d : draws.entrySet()) {
                d.getValue()[s] = values.getOrDefault(d.getKey(), 0.0);
            }
        }
        Map<String, Interval> intervals = new HashMap<>();
        for (Map.Entry<String, double[]> d : draws.entrySet()) {
            double[] sorted = d.getValue().clone();
            Arrays.sort(sorted);
            intervals.put(d.getKey(), new Interval(percentile(sorted, 0.025), percentile(sorted, 0.975)));
        }
        return intervals;
    }

    /** Linear interpolation between the closest ranks. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}

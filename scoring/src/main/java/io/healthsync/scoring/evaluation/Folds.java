package io.healthsync.scoring.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** How rows are split for a backtest: stratified k-fold for static data, walk-forward for dated data. */
public final class Folds {

    private Folds() {
    }

    /**
     * Stratified k-fold: positives and negatives are shuffled (seeded) separately and dealt round-robin, so
     * every test fold has the file's positive rate within one row.
     */
    public static List<Fold> stratified(int[] labels, int k, long seed) {
        int[][] parts = stratifiedParts(IntStream.range(0, labels.length).toArray(), labels, k, seed);
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    for (int row : parts[g]) {
                        train.add(row);
                    }
                }
            }
            folds.add(new Fold(train.stream().mapToInt(Integer::intValue).sorted().toArray(), parts[f]));
        }
        return folds;
    }

    /**
     * A seeded stratified split of {@code rows} into a fit part and a held-out part of about {@code share},
     * the held-out part keeping the positive rate (early stopping and calibration read it).
     */
    public static Fold stratifiedHoldout(int[] rows, int[] labels, double share, long seed) {
        int parts = Math.max(2, (int) Math.round(1 / share));
        int[][] split = stratifiedParts(rows, labels, parts, seed);
        List<Integer> fit = new ArrayList<>();
        for (int g = 1; g < parts; g++) {
            Arrays.stream(split[g]).forEach(fit::add);
        }
        return new Fold(fit.stream().mapToInt(Integer::intValue).sorted().toArray(), split[0]);
    }

    /**
     * Walk-forward (rolling origin): rows sorted by time are cut into k + 1 blocks at distinct time values;
     * fold i trains on every row before cut-off i and tests on the rows from cut-off i to the next one. A
     * time value is never split between train and test, so no test row is earlier than a training row.
     */
    public static List<Fold> walkForward(double[] times, int k) {
        double[] distinct = Arrays.stream(times).distinct().sorted().toArray();
        if (distinct.length < k + 1) {
            throw new IllegalArgumentException("walk-forward with " + k + " cut-offs needs at least " + (k + 1)
                    + " distinct time values; the time column has " + distinct.length);
        }
        Integer[] byTime = IntStream.range(0, times.length).boxed()
                .sorted(Comparator.comparingDouble(i -> times[i])).toArray(Integer[]::new);
        double[] cutoffs = new double[k + 1];
        int previous = 0; // index in distinct of the last cut-off; the first block keeps at least the earliest time
        for (int i = 1; i <= k; i++) {
            // the time at the i/(k+1) quantile of rows, moved up to the next distinct value when blocks would be empty
            double quantile = times[byTime[(int) ((long) times.length * i / (k + 1))]];
            int at = Math.max(Arrays.binarySearch(distinct, quantile), previous + 1);
            if (at > distinct.length - 1 - (k - i)) {
                at = distinct.length - 1 - (k - i); // leave a distinct value for every later cut-off
            }
            cutoffs[i - 1] = distinct[at];
            previous = at;
        }
        cutoffs[k] = Double.POSITIVE_INFINITY;
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            double from = cutoffs[f];
            double to = cutoffs[f + 1];
            int[] train = IntStream.range(0, times.length).filter(r -> times[r] < from).toArray();
            int[] test = IntStream.range(0, times.length).filter(r -> times[r] >= from && times[r] < to).toArray();
            folds.add(new Fold(train, test));
        }
        return folds;
    }

    /** The last {@code share} of {@code rows} by time, at a distinct time value, held out; the rest fit. */
    public static Fold timeHoldout(int[] rows, double[] times, double share) {
        double[] sorted = Arrays.stream(rows).mapToDouble(r -> times[r]).sorted().toArray();
        double cut = sorted[Math.min(sorted.length - 1, (int) Math.floor(sorted.length * (1 - share)))];
        int[] fit = Arrays.stream(rows).filter(r -> times[r] < cut).toArray();
        int[] held = Arrays.stream(rows).filter(r -> times[r] >= cut).toArray();
        if (fit.length == 0) { // one time value only: nothing is earlier, fall back to the last rows as given
            int split = (int) Math.floor(rows.length * (1 - share));
            return new Fold(Arrays.copyOfRange(rows, 0, split), Arrays.copyOfRange(rows, split, rows.length));
        }
        return new Fold(fit, held);
    }

    private static int[][] stratifiedParts(int[] rows, int[] labels, int k, long seed) {
        Random random = new Random(seed);
        List<List<Integer>> parts = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            parts.add(new ArrayList<>());
        }
        int next = 0;
        for (int label = 1; label >= 0; label--) {
            int wanted = label;
            List<Integer> members = new ArrayList<>();
            Arrays.stream(rows).filter(r -> labels[r] == wanted).forEach(members::add);
            java.util.Collections.shuffle(members, random);
            for (int row : members) {
                parts.get(next).add(row); // continue the deal where the positives stopped: sizes differ by at most one
                next = (next + 1) % k;
            }
        }
        int[][] result = new int[k][];
        for (int f = 0; f < k; f++) {
            result[f] = parts.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return result;
    }
}

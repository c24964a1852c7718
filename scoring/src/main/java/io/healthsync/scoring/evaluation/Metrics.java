package io.healthsync.scoring.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Ranking and calibration figures of predicted probabilities against 0/1 labels. Ties are shared, never
 * broken by row order, so a figure never depends on how the file happened to be sorted.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * ROC AUC as the Mann-Whitney statistic: the chance that a random positive scores above a random
     * negative, ties counting one half (mid-ranks). NaN when one class is absent.
     */
    public static double rocAuc(double[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = byScore(scores, true);
        double[] ranks = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = midRank;
            }
            i = j + 1;
        }
        long positives = 0;
        double positiveRanks = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] == 1) {
                positives++;
                positiveRanks += ranks[i];
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * PR AUC as average precision: the precision at each distinct threshold weighted by the recall it adds
     * (a tied group enters at once), as scikit-learn's average_precision_score. NaN without positives.
     */
    public static double averagePrecision(double[] scores, int[] labels) {
        int n = scores.length;
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] order = byScore(scores, false);
        double ap = 0;
        long truePositives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            long groupPositives = 0;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                groupPositives += labels[order[j]];
                j++;
            }
            truePositives += groupPositives;
            ap += (double) groupPositives / positives * ((double) truePositives / j);
            i = j;
        }
        return ap;
    }

    /**
     * Precision among the top {@code share} of rows by score (ceil(share x n) rows). A tied group that
     * straddles the cut counts with its average positive rate, so the figure is the expectation over
     * random tie-breaking.
     */
    public static double precisionAtTop(double[] scores, int[] labels, double share) {
        int k = (int) Math.ceil(share * scores.length);
        return k == 0 ? Double.NaN : positivesInTop(scores, labels, k) / k;
    }

    /**
     * The positives among the {@code k} top-scored rows; a tied group that straddles the cut counts with its
     * average positive rate (the expectation over random tie-breaking).
     */
    static double positivesInTop(double[] scores, int[] labels, int k) {
        int n = scores.length;
        Integer[] order = byScore(scores, false);
        double hits = 0;
        int taken = 0;
        for (int i = 0; i < n && taken < k; ) {
            int j = i;
            long groupPositives = 0;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                groupPositives += labels[order[j]];
                j++;
            }
            int group = j - i;
            int take = Math.min(group, k - taken);
            hits += (double) groupPositives * take / group;
            taken += take;
            i = j;
        }
        return hits;
    }

    /** Positive rate in the top decile over the overall positive rate: 1 is no better than random. */
    public static double liftTopDecile(double[] scores, int[] labels) {
        double baseRate = mean(labels);
        return baseRate == 0 ? Double.NaN : precisionAtTop(scores, labels, 0.1) / baseRate;
    }

    /** Mean squared difference between the probability and the 0/1 outcome. */
    public static double brier(double[] probabilities, int[] labels) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - labels[i];
            sum += d * d;
        }
        return sum / probabilities.length;
    }

    /**
     * Expected calibration error over {@code bins} equal-width probability bins ([0, 0.1), ..., [0.9, 1.0]):
     * the row-weighted mean gap between the average predicted probability and the observed rate per bin.
     */
    public static double expectedCalibrationError(double[] probabilities, int[] labels, int bins) {
        double ece = 0;
        for (Curves.CalibrationBin bin : Curves.calibration(probabilities, labels, bins)) {
            if (bin.count() > 0) { // the bins the calibration plot draws, so the two always agree
                ece += bin.count() * Math.abs(bin.meanPredicted() - bin.observedRate()) / probabilities.length;
            }
        }
        return ece;
    }

    /**
     * Standard error of an AUC (Hanley and McNeil, 1982), from the AUC and the class sizes alone; used to
     * tell an AUC that beats 0.5 from one that only drifted above it.
     */
    public static double aucStandardError(double auc, long positives, long negatives) {
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
                / ((double) positives * negatives);
        return Math.sqrt(Math.max(0, variance));
    }

    static double mean(int[] labels) {
        return labels.length == 0 ? Double.NaN : (double) Arrays.stream(labels).sum() / labels.length;
    }

    static Integer[] byScore(double[] scores, boolean ascending) {
        Comparator<Integer> comparator = Comparator.comparingDouble(i -> scores[i]);
        return IntStream.range(0, scores.length).boxed()
                .sorted(ascending ? comparator : comparator.reversed()).toArray(Integer[]::new);
    }
}

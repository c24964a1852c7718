package io.healthsync.scoring.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The points behind the backtest's charts, from pooled out-of-fold predictions: the ROC curve, the
 * calibration bins and the cumulative gains by decile. Ties are handled as in {@link Metrics}: a tied group
 * moves the ROC curve in one diagonal step and is shared pro rata at a decile cut.
 */
public final class Curves {

    /** Enough to draw a smooth curve at page size; more only makes the JSON and the SVG longer. */
    public static final int MAX_ROC_POINTS = 100;
    public static final int DECILES = 10;

    /** A point of the ROC curve: false positive rate and true positive rate at one threshold. */
    public record RocPoint(double fpr, double tpr) {
    }

    /**
     * One equal-width probability bin, [lower, upper) (the last one closed): the mean predicted probability
     * and the observed positive rate of its rows (both NaN when it has none).
     */
    public record CalibrationBin(double lower, double upper, double meanPredicted, double observedRate, int count) {
    }

    /**
     * The top {@code decile} tenths of rows by score ({@code rows} of them, ceil(decile/10 x n)): the share of
     * all positives among them, and the lift (that share over the share of rows).
     */
    public record Gain(int decile, int rows, double captured, double lift) {
    }

    private Curves() {
    }

    /**
     * The ROC curve from (0, 0) to (1, 1), one point per distinct score (highest first), thinned evenly to at
     * most {@code maxPoints} keeping both ends. Empty when one class is absent (there is no curve).
     */
    public static List<RocPoint> roc(double[] scores, int[] labels, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("an ROC curve needs at least 2 points, not " + maxPoints);
        }
        int n = scores.length;
        long positives = 0;
        for (int label : labels) {
            positives += label;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return List.of();
        }
        Integer[] order = Metrics.byScore(scores, false);
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0));
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                tp += labels[order[j]];
                fp += 1 - labels[order[j]];
                j++;
            }
            points.add(new RocPoint((double) fp / negatives, (double) tp / positives));
            i = j;
        }
        if (points.size() <= maxPoints) {
            return points;
        }
        List<RocPoint> thinned = new ArrayList<>(maxPoints);
        for (int p = 0; p < maxPoints; p++) {
            thinned.add(points.get((int) Math.round((double) p * (points.size() - 1) / (maxPoints - 1))));
        }
        return thinned;
    }

    /** Calibration in {@code bins} equal-width bins; {@link Metrics#expectedCalibrationError} is computed from them. */
    public static List<CalibrationBin> calibration(double[] probabilities, int[] labels, int bins) {
        double[] predicted = new double[bins];
        double[] observed = new double[bins];
        int[] counts = new int[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(bins - 1, Math.max(0, (int) Math.floor(probabilities[i] * bins)));
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i];
            counts[bin]++;
        }
        List<CalibrationBin> result = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            result.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins,
                    counts[b] == 0 ? Double.NaN : predicted[b] / counts[b],
                    counts[b] == 0 ? Double.NaN : observed[b] / counts[b], counts[b]));
        }
        return result;
    }

    /**
     * Cumulative gains by decile: contacting the riskiest 10%, 20%, ... of accounts, which share of the
     * churners would be reached. Empty without positives.
     */
    public static List<Gain> gains(double[] scores, int[] labels) {
        int n = scores.length;
        long positives = 0;
        for (int label : labels) {
            positives += label;
        }
        if (positives == 0) {
            return List.of();
        }
        List<Gain> result = new ArrayList<>(DECILES);
        for (int d = 1; d <= DECILES; d++) {
            int rows = (int) Math.ceil((double) d * n / DECILES);
            double captured = Metrics.positivesInTop(scores, labels, rows) / positives;
            result.add(new Gain(d, rows, captured, captured / ((double) rows / n)));
        }
        return result;
    }
}

package io.healthsync.scoring.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The red / yellow / green thresholds of a churn model's health score (score = 100 x (1 - calibrated churn
 * probability)), set from the churn observed on the backtest's out-of-fold predictions, so that "red" means
 * what the company saw red accounts do:
 * <ul>
 *   <li>red: score at most {@code redMax}, the largest t in 5..60 (step 5) such that at least half the rows
 *   scoring t or less churned; 30 when none does;</li>
 *   <li>green: score above {@code yellowMax}, the smallest t in 60..95 (step 5, and above {@code redMax}) such
 *   that at most 10% of the rows scoring above t churned; 70 when none does;</li>
 *   <li>yellow: between.</li>
 * </ul>
 */
public record RiskBands(int redMax, int yellowMax, List<Observed> observed) {

    static final double RED_CHURN = 0.5;
    static final double GREEN_CHURN = 0.1;
    static final int DEFAULT_RED_MAX = 30;
    static final int DEFAULT_YELLOW_MAX = 70;

    /** One band's backtest rows: scores in (above, upTo], how many churned. */
    public record Observed(String band, int above, int upTo, int rows, int churned) {
        public double churnRate() {
            return rows == 0 ? Double.NaN : (double) churned / rows;
        }
    }

    public RiskBands {
        observed = List.copyOf(observed);
    }

    /** From out-of-fold calibrated churn probabilities and their 0/1 labels. */
    public static RiskBands fromOutOfFold(double[] churnProbability, int[] labels) {
        double[] score = new double[churnProbability.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = 100 * (1 - churnProbability[i]);
        }
        int red = DEFAULT_RED_MAX;
        for (int t = 60; t >= 5; t -= 5) {
            double rate = churnRate(score, labels, Double.NEGATIVE_INFINITY, t);
            if (rate >= RED_CHURN) {
                red = t;
                break;
            }
        }
        int yellow = DEFAULT_YELLOW_MAX;
        for (int t = Math.max(60, red + 5); t <= 95; t += 5) {
            double rate = churnRate(score, labels, t, Double.POSITIVE_INFINITY);
            if (rate <= GREEN_CHURN) {
                yellow = t;
                break;
            }
        }
        List<Observed> observed = new ArrayList<>();
        observed.add(observe("red", 0, red, score, labels));
        observed.add(observe("yellow", red, yellow, score, labels));
        observed.add(observe("green", yellow, 100, score, labels));
        return new RiskBands(red, yellow, observed);
    }

    /** Rows scoring in (above, upTo] (the first band includes 0): NaN when none does. */
    private static double churnRate(double[] score, int[] labels, double above, double upTo) {
        int rows = 0;
        int churned = 0;
        for (int i = 0; i < score.length; i++) {
            if (score[i] > above && score[i] <= upTo) {
                rows++;
                churned += labels[i];
            }
        }
        return rows == 0 ? Double.NaN : (double) churned / rows;
    }

    private static Observed observe(String band, int above, int upTo, double[] score, int[] labels) {
        int rows = 0;
        int churned = 0;
        double lower = above == 0 ? Double.NEGATIVE_INFINITY : above;
        for (int i = 0; i < score.length; i++) {
            if (score[i] > lower && score[i] <= upTo) {
                rows++;
                churned += labels[i];
            }
        }
        return new Observed(band, above, upTo, rows, churned);
    }

    /** For the model's metadata: {@code {"red_max": R, "yellow_max": Y}}. */
    public Map<String, Object> thresholdsJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("red_max", redMax);
        json.put("yellow_max", yellowMax);
        return json;
    }

    /** For the report: the thresholds and each band's observed churn. */
    public Map<String, Object> reportJson() {
        Map<String, Object> json = thresholdsJson();
        json.put("observed", observed.stream().map(o -> {
            Map<String, Object> band = new LinkedHashMap<>();
            band.put("band", o.band());
            band.put("score_above", o.above());
            band.put("score_up_to", o.upTo());
            band.put("rows", o.rows());
            band.put("churned", o.churned());
            band.put("churn_rate", Double.isNaN(o.churnRate()) ? null : FoldMetrics.round(o.churnRate()));
            return band;
        }).toList());
        return json;
    }

    /** Reads the thresholds back from a model's metadata, if it has them (expansion models do not). */
    public static java.util.Optional<int[]> thresholds(Map<String, Object> metadata) {
        if (metadata.get("bands") instanceof Map<?, ?> bands && bands.get("red_max") instanceof Number red
                && bands.get("yellow_max") instanceof Number yellow) {
            return java.util.Optional.of(new int[] {red.intValue(), yellow.intValue()});
        }
        return java.util.Optional.empty();
    }
}

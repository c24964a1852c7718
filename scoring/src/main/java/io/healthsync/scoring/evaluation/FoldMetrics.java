package io.healthsync.scoring.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one set of predictions (a fold, or all out-of-fold predictions together). */
public record FoldMetrics(double auc, double prAuc, double brier, double ece, double liftTopDecile,
                          double precisionTop10pct, int trainRows, int testRows) {

    public static final int CALIBRATION_BINS = 10;

    public static FoldMetrics of(double[] probabilities, int[] labels, int trainRows) {
        return new FoldMetrics(Metrics.rocAuc(probabilities, labels), Metrics.averagePrecision(probabilities, labels),
                Metrics.brier(probabilities, labels),
                Metrics.expectedCalibrationError(probabilities, labels, CALIBRATION_BINS),
                Metrics.liftTopDecile(probabilities, labels), Metrics.precisionAtTop(probabilities, labels, 0.1),
                trainRows, labels.length);
    }

    /** The metric keys of the report, in its order; NaN (a fold with one class only) is written as null. */
    public Map<String, Object> toJson(boolean withRows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("auc", round(auc));
        json.put("pr_auc", round(prAuc));
        json.put("brier", round(brier));
        json.put("ece", round(ece));
        json.put("lift_top_decile", round(liftTopDecile));
        json.put("precision_top_10pct", round(precisionTop10pct));
        if (withRows) {
            json.put("train_rows", trainRows);
            json.put("test_rows", testRows);
        }
        return json;
    }

    /** Four decimals: more would only show noise between runs on other machines. */
    static Double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : null;
    }
}

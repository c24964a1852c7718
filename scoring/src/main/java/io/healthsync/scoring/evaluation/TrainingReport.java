package io.healthsync.scoring.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code train --history} found: the cross-validated figures, the baselines on the same folds, the
 * drivers of the final model, and whether it was promoted and why. Its JSON keys are stable.
 *
 * @param modelId the registry folder of the final model (saved whether or not it was promoted)
 */
public record TrainingReport(Backtest.Result backtest, int rows, int positives, int features,
                             List<FeatureImportance> topFeatures, boolean promoted, String reason, String modelId,
                             String registry, String kind, RiskBands bands) {

    public static final String CHURN = "churn";

    /** A churn model's report without bands (a history file's). */
    public TrainingReport(Backtest.Result backtest, int rows, int positives, int features,
                          List<FeatureImportance> topFeatures, boolean promoted, String reason, String modelId,
                          String registry) {
        this(backtest, rows, positives, features, topFeatures, promoted, reason, modelId, registry, CHURN, null);
    }

    /** A feature's global importance: its mean absolute SHAP contribution, in margin (log-odds) units. */
    public record FeatureImportance(String name, double meanAbsShap) {
    }

    public static final String SCORECARD_NOTE = "not available for a CSV export: the rules scorecard reads "
            + "activities from the store, which a history file does not carry";
    public static final String SCORECARD_FROM_STORE = "the rules scorecard's risk (1 - score/100) on the same test rows, "
            + "each as-of date's accounts ranked among themselves from the same signals";

    /**
     * The chart data of the backtest page, as extra report keys: {@code roc_curve} (model and logistic
     * baseline), {@code calibration_bins} and {@code lift_curve}, all from the pooled out-of-fold predictions.
     */
    public Map<String, Object> curvesJson() {
        Backtest.OutOfFold oof = backtest.outOfFold();
        Map<String, Object> roc = new LinkedHashMap<>();
        roc.put("model", rocJson(Curves.roc(oof.model(), oof.labels(), Curves.MAX_ROC_POINTS)));
        roc.put("logistic", rocJson(Curves.roc(oof.logistic(), oof.labels(), Curves.MAX_ROC_POINTS)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("roc_curve", roc);
        json.put("calibration_bins", Curves.calibration(oof.model(), oof.labels(), FoldMetrics.CALIBRATION_BINS).stream()
                .map(b -> {
                    Map<String, Object> bin = new LinkedHashMap<>();
                    bin.put("lower", FoldMetrics.round(b.lower()));
                    bin.put("upper", FoldMetrics.round(b.upper()));
                    bin.put("mean_predicted", FoldMetrics.round(b.meanPredicted()));
                    bin.put("observed_rate", FoldMetrics.round(b.observedRate()));
                    bin.put("count", b.count());
                    return bin;
                }).toList());
        json.put("lift_curve", Curves.gains(oof.model(), oof.labels()).stream().map(g -> {
            Map<String, Object> gain = new LinkedHashMap<>();
            gain.put("decile", g.decile());
            gain.put("rows", g.rows());
            gain.put("captured", FoldMetrics.round(g.captured()));
            gain.put("lift", FoldMetrics.round(g.lift()));
            return gain;
        }).toList());
        return json;
    }

    private static List<Map<String, Object>> rocJson(List<Curves.RocPoint> points) {
        return points.stream().map(p -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("fpr", FoldMetrics.round(p.fpr()));
            point.put("tpr", FoldMetrics.round(p.tpr()));
            return point;
        }).toList();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>(backtest.overall().toJson(false));
        json.put("model", kind);
        json.put("protocol", backtest.protocol());
        json.put("rows", rows);
        json.put("positives", positives);
        json.put("features", features);
        json.put("folds", backtest.folds().stream().map(f -> f.toJson(true)).toList());
        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("base_rate", Map.of("auc", FoldMetrics.round(backtest.baseRateAuc())));
        Map<String, Object> scorecard = new LinkedHashMap<>();
        boolean scored = Double.isFinite(backtest.scorecardAuc());
        scorecard.put("auc", scored ? FoldMetrics.round(backtest.scorecardAuc()) : null);
        scorecard.put("note", scored ? SCORECARD_FROM_STORE : SCORECARD_NOTE);
        baselines.put("scorecard", scorecard);
        Map<String, Object> logistic = new LinkedHashMap<>();
        logistic.put("auc", FoldMetrics.round(backtest.logisticAuc()));
        baselines.put("logistic", logistic);
        json.put("baselines", baselines);
        json.put("top_features", topFeatures.stream().map(f -> {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("name", f.name());
            feature.put("mean_abs_shap", FoldMetrics.round(f.meanAbsShap()));
            return feature;
        }).toList());
        if (bands != null) {
            json.put("bands", bands.reportJson());
        }
        json.put("holdout_auc", FoldMetrics.round(backtest.holdoutAuc()));
        json.put("promoted", promoted);
        json.put("reason", reason);
        json.put("model_id", modelId);
        json.put("registry", registry);
        return json;
    }
}

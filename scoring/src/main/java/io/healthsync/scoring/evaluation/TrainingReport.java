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
                             String registry) {

    /** A feature's global importance: its mean absolute SHAP contribution, in margin (log-odds) units. */
    public record FeatureImportance(String name, double meanAbsShap) {
    }

    public static final String SCORECARD_NOTE = "not available for a CSV export: the rules scorecard reads "
            + "activities from the store, which a history file does not carry";

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>(backtest.overall().toJson(false));
        json.put("protocol", backtest.protocol());
        json.put("rows", rows);
        json.put("positives", positives);
        json.put("features", features);
        json.put("folds", backtest.folds().stream().map(f -> f.toJson(true)).toList());
        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("base_rate", Map.of("auc", FoldMetrics.round(backtest.baseRateAuc())));
        Map<String, Object> scorecard = new LinkedHashMap<>();
        scorecard.put("auc", null);
        scorecard.put("note", SCORECARD_NOTE);
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
        json.put("holdout_auc", FoldMetrics.round(backtest.holdoutAuc()));
        json.put("promoted", promoted);
        json.put("reason", reason);
        json.put("model_id", modelId);
        json.put("registry", registry);
        return json;
    }
}

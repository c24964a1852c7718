package io.healthsync.scoring.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * XGBoost settings for the churn classifier. The defaults were chosen on the held-out 20% inside training
 * folds (the early-stopping split), never on test folds; config may override them later. On the telco
 * benchmark ({@code HoldoutTuning} in the tests) min_child_weight 5 with scale_pos_weight 1 had the best
 * held-out AUC (0.8497, against 0.8485-0.8494 for 1 and 3, with or without class weights): Platt scaling
 * handles the imbalance for probabilities, and class weights did not improve the ranking.
 *
 * @param balanceClasses when true, scale_pos_weight = negatives / positives; when false it stays 1 and
 *                       Platt scaling alone maps margins to probabilities (see the README for the measured
 *                       difference on the telco benchmark)
 */
public record TrainingParameters(double eta, int maxDepth, double minChildWeight, double subsample,
                                 double colsampleByTree, int maxRounds, int earlyStoppingRounds,
                                 boolean balanceClasses, double holdoutShare, int threads, long seed) {

    public static TrainingParameters defaults(long seed) {
        return new TrainingParameters(0.05, 4, 5, 0.8, 0.8, 500, 50, false, 0.2,
                Runtime.getRuntime().availableProcessors(), seed);
    }

    /**
     * The defaults with config's overrides (scorecard.yaml model.parameters: eta, max_depth, min_child_weight,
     * subsample, colsample_bytree, max_rounds, early_stopping_rounds); keys config left out keep the default.
     */
    public static TrainingParameters of(java.util.Map<String, Double> overrides, long seed) {
        TrainingParameters d = defaults(seed);
        java.util.function.BiFunction<String, Double, Double> value = (key, fallback) -> overrides.getOrDefault(key, fallback);
        return new TrainingParameters(value.apply("eta", d.eta()), value.apply("max_depth", (double) d.maxDepth()).intValue(),
                value.apply("min_child_weight", d.minChildWeight()), value.apply("subsample", d.subsample()),
                value.apply("colsample_bytree", d.colsampleByTree()),
                value.apply("max_rounds", (double) d.maxRounds()).intValue(),
                value.apply("early_stopping_rounds", (double) d.earlyStoppingRounds()).intValue(), d.balanceClasses(),
                d.holdoutShare(), d.threads(), seed);
    }

    public TrainingParameters withBalanceClasses(boolean balance) {
        return new TrainingParameters(eta, maxDepth, minChildWeight, subsample, colsampleByTree, maxRounds,
                earlyStoppingRounds, balance, holdoutShare, threads, seed);
    }

    public TrainingParameters withMinChildWeight(double weight) {
        return new TrainingParameters(eta, maxDepth, weight, subsample, colsampleByTree, maxRounds,
                earlyStoppingRounds, balanceClasses, holdoutShare, threads, seed);
    }

    public TrainingParameters withThreads(int count) {
        return new TrainingParameters(eta, maxDepth, minChildWeight, subsample, colsampleByTree, maxRounds,
                earlyStoppingRounds, balanceClasses, holdoutShare, count, seed);
    }

    /** What the booster is told and a saved model records alike: the objective and the tree settings. */
    private Map<String, Object> treeSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("objective", "binary:logistic");
        settings.put("eval_metric", "auc");
        settings.put("tree_method", "hist");
        settings.put("eta", eta);
        settings.put("max_depth", maxDepth);
        settings.put("min_child_weight", minChildWeight);
        settings.put("subsample", subsample);
        settings.put("colsample_bytree", colsampleByTree);
        return settings;
    }

    /** The booster's parameter map for a training set with these class counts. */
    Map<String, Object> booster(int positives, int negatives) {
        Map<String, Object> params = treeSettings();
        params.put("scale_pos_weight", balanceClasses && positives > 0 ? (double) negatives / positives : 1.0);
        params.put("nthread", threads);
        params.put("seed", seed);
        params.put("verbosity", 0);
        params.put("verbose_eval", 0); // xgboost4j prints every round's held-out AUC otherwise
        return params;
    }

    /** The settings as saved with a model and shown in reports. */
    public Map<String, Object> describe() {
        Map<String, Object> map = treeSettings();
        map.put("max_rounds", maxRounds);
        map.put("early_stopping_rounds", earlyStoppingRounds);
        map.put("scale_pos_weight", balanceClasses ? "negatives/positives" : "1");
        map.put("holdout_share", holdoutShare);
        map.put("calibration", "platt");
        map.put("seed", seed);
        return map;
    }
}

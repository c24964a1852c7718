package io.healthsync.mappings;

import io.healthsync.model.Band;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * scorecard.yaml: signal weights (percent, summing to 100), optional per-segment weight sets,
 * band thresholds and cohort rules.
 *
 * @param weights        signal key -> weight in percent
 * @param segmentWeights segment name -> complete weight set for that segment
 * @param redMax         scores up to this are red (default 30)
 * @param yellowMax      scores up to this are yellow, above are green (default 70)
 * @param minCohortSize  a segment with fewer accounts is ranked against all accounts
 * @param topDrivers     how many drivers each score reports
 */
public record ScorecardConfig(
        Map<String, Double> weights,
        Map<String, Map<String, Double>> segmentWeights,
        int redMax,
        int yellowMax,
        int minCohortSize,
        int topDrivers,
        ModelSettings model) {

    public ScorecardConfig(Map<String, Double> weights, Map<String, Map<String, Double>> segmentWeights, int redMax,
                           int yellowMax, int minCohortSize, int topDrivers) {
        this(weights, segmentWeights, redMax, yellowMax, minCohortSize, topDrivers, ModelSettings.defaults());
    }

    /**
     * The learned models: how far ahead they predict, how much history they learn from, and when `run`
     * retrains them (a new model is promoted only when it beats the baselines and the current model).
     *
     * @param retrainCron          Quartz cron of the retrain in `run`; null: no scheduled retrain
     * @param churnHorizonDays     churn within this many days after an as-of date is a positive
     * @param expansionHorizonDays expansion within this many days after an as-of date is a positive
     * @param trainingMonths       monthly as-of dates over this many months
     * @param parameters           XGBoost settings that override the tuned defaults, by key (eta, max_depth,
     *                             min_child_weight, subsample, colsample_bytree, max_rounds, early_stopping_rounds)
     */
    public record ModelSettings(String retrainCron, int churnHorizonDays, int expansionHorizonDays, int trainingMonths,
                                Map<String, Double> parameters) {

        /** The XGBoost settings config may set, with their ranges. */
        public static final Map<String, double[]> PARAMETER_RANGES = parameterRanges();

        public ModelSettings {
            parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        public ModelSettings(String retrainCron, int churnHorizonDays, int expansionHorizonDays, int trainingMonths) {
            this(retrainCron, churnHorizonDays, expansionHorizonDays, trainingMonths, Map.of());
        }

        public static ModelSettings defaults() {
            return new ModelSettings("0 0 4 1 * ?", 180, 90, 12);
        }

        private static Map<String, double[]> parameterRanges() {
            Map<String, double[]> ranges = new LinkedHashMap<>();
            ranges.put("eta", new double[] {0.001, 1});
            ranges.put("max_depth", new double[] {1, 12});
            ranges.put("min_child_weight", new double[] {0, 100});
            ranges.put("subsample", new double[] {0.1, 1});
            ranges.put("colsample_bytree", new double[] {0.1, 1});
            ranges.put("max_rounds", new double[] {10, 5000});
            ranges.put("early_stopping_rounds", new double[] {5, 500});
            return Collections.unmodifiableMap(ranges);
        }
    }

    public ScorecardConfig {
        model = model == null ? ModelSettings.defaults() : model;
        // read-only, order kept: config is shared by every scoring run
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        Map<String, Map<String, Double>> segments = new LinkedHashMap<>();
        segmentWeights.forEach((segment, set) -> segments.put(segment, Collections.unmodifiableMap(new LinkedHashMap<>(set))));
        segmentWeights = Collections.unmodifiableMap(segments);
    }

    public Map<String, Double> weightsFor(String segment) {
        return segment != null && segmentWeights.containsKey(segment) ? segmentWeights.get(segment) : weights;
    }

    public Band band(int roundedScore) {
        if (roundedScore <= redMax) {
            return Band.RED;
        }
        return roundedScore <= yellowMax ? Band.YELLOW : Band.GREEN;
    }
}

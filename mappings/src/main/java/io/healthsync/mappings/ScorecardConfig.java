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
     */
    public record ModelSettings(String retrainCron, int churnHorizonDays, int expansionHorizonDays, int trainingMonths) {
        public static ModelSettings defaults() {
            return new ModelSettings("0 0 4 1 * ?", 180, 90, 12);
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

package io.healthsync.mappings;

import io.healthsync.model.Signal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads scorecard.yaml into a {@link ScorecardConfig}. */
final class ScorecardReader {

    private static final List<String> SIGNAL_KEYS = Arrays.stream(Signal.values()).map(Signal::key).toList();
    /** Weights are percentages written by hand; a rounding slip of a hundredth is not worth an error. */
    private static final double SUM_TOLERANCE = 0.01;

    private ScorecardReader() {
    }

    static ScorecardConfig read(ConfigFile file, String text) {
        Section root = file.root(text, "bands", "cohort", "drivers", "weights", "segments", "model");
        Section bands = root.section("bands", List.of("red_max", "yellow_max"));
        Integer redMax = bands.integer("red_max", 0, 100);
        Integer yellowMax = bands.integer("yellow_max", 0, 100);
        if (redMax != null && yellowMax != null && yellowMax <= redMax) {
            file.error(bands.required("yellow_max"), bands.path("yellow_max"), "yellow_max (" + yellowMax
                    + ") must be greater than red_max (" + redMax + "); expected an integer between "
                    + (redMax + 1) + " and 100");
        }
        Integer minCohortSize = root.section("cohort", List.of("min_size")).integer("min_size", 1, Integer.MAX_VALUE);
        Integer topDrivers = root.section("drivers", List.of("top")).integer("top", 1, 10);
        Map<String, Double> weights = weights(file, root.section("weights", SIGNAL_KEYS));

        Map<String, Map<String, Double>> segmentWeights = new LinkedHashMap<>();
        Section segments = root.optionalSection("segments", null);
        for (String segment : segments.keys()) {
            Section override = segments.section(segment, List.of("weights"));
            segmentWeights.put(segment, weights(file, override.section("weights", SIGNAL_KEYS)));
        }

        if (file.hasErrors()) {
            return null;
        }
        ScorecardConfig.ModelSettings model = model(file, root.optionalSection("model",
                List.of("retrain_cron", "churn_horizon_days", "expansion_horizon_days", "training_months", "parameters")));
        if (file.hasErrors()) {
            return null;
        }
        return new ScorecardConfig(weights, segmentWeights, redMax, yellowMax, minCohortSize, topDrivers, model);
    }

    /** Optional; each key left out keeps its default. */
    private static ScorecardConfig.ModelSettings model(ConfigFile file, Section m) {
        ScorecardConfig.ModelSettings d = ScorecardConfig.ModelSettings.defaults();
        if (!m.present()) {
            return d;
        }
        String cron = !m.has("retrain_cron") ? d.retrainCron()
                : m.optional("retrain_cron") == null ? null // retrain_cron: ~ switches the scheduled retrain off
                : SourcesReader.cron(file, m, "retrain_cron");
        Integer churn = m.has("churn_horizon_days") ? m.integer("churn_horizon_days", 7, 730) : Integer.valueOf(d.churnHorizonDays());
        Integer expansion = m.has("expansion_horizon_days") ? m.integer("expansion_horizon_days", 7, 730)
                : Integer.valueOf(d.expansionHorizonDays());
        Integer months = m.has("training_months") ? m.integer("training_months", 2, 60) : Integer.valueOf(d.trainingMonths());
        Map<String, Double> parameters = new java.util.LinkedHashMap<>();
        Section given = m.optionalSection("parameters", ScorecardConfig.ModelSettings.PARAMETER_RANGES.keySet());
        if (given.present()) {
            ScorecardConfig.ModelSettings.PARAMETER_RANGES.forEach((key, range) -> {
                if (given.has(key)) {
                    Double value = given.number(key, range[0], range[1]);
                    if (value != null) {
                        parameters.put(key, value);
                    }
                }
            });
        }
        return new ScorecardConfig.ModelSettings(cron, churn == null ? d.churnHorizonDays() : churn,
                expansion == null ? d.expansionHorizonDays() : expansion, months == null ? d.trainingMonths() : months,
                parameters);
    }

    /** A complete weight set: signal key -> percent, summing to 100. */
    private static Map<String, Double> weights(ConfigFile file, Section section) {
        Map<String, Double> weights = new LinkedHashMap<>();
        boolean allRead = true;
        for (String signal : section.keys()) {
            Double weight = section.number(signal, 0, 100);
            if (weight == null) {
                allRead = false;
            } else {
                weights.put(signal, weight);
            }
        }
        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (section.present() && allRead && Math.abs(sum - 100) > SUM_TOLERANCE) {
            file.error(section.at(), section.path(), "weights sum to " + ConfigFile.format(round(sum))
                    + "; expected a total of 100 (they are percentages of the score)");
        }
        return weights;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

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
        Section root = file.root(text, "bands", "cohort", "drivers", "weights", "segments");
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
        return new ScorecardConfig(weights, segmentWeights, redMax, yellowMax, minCohortSize, topDrivers);
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

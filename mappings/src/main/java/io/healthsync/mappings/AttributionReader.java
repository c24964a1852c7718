package io.healthsync.mappings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Reads attribution.yaml into an {@link AttributionConfig}; every key may be left out (the default stands). */
final class AttributionReader {

    static final String LIFECYCLE = "lifecycle";

    private AttributionReader() {
    }

    static AttributionConfig read(ConfigFile file, String text) {
        AttributionConfig d = AttributionConfig.defaults();
        Section root = file.root(text, "windows_days", "time_decay_half_life_days", "u_shaped", "hourly_cost",
                "typical_minutes", "primary_model", "min_journeys_per_segment", "bootstrap_samples", "seed");
        Map<String, Integer> windows = windows(file, root, d);
        Double halfLife = root.has("time_decay_half_life_days") ? root.number("time_decay_half_life_days", 0.5, 3650)
                : Double.valueOf(d.halfLifeDays());
        Section u = root.optionalSection("u_shaped", List.of("first", "last"));
        Double first = u.has("first") ? u.number("first", 0, 1) : Double.valueOf(d.firstWeight());
        Double last = u.has("last") ? u.number("last", 0, 1) : Double.valueOf(d.lastWeight());
        if (first != null && last != null && first + last > 1 + 1e-9) {
            file.error(u.at(), u.path(), "first + last is " + ConfigFile.format(first + last)
                    + "; expected at most 1 (the touchpoints between them share the rest)");
        }
        Double hourly = root.has("hourly_cost") ? root.number("hourly_cost", 0, 100_000) : Double.valueOf(d.hourlyCost());
        Map<String, Double> minutes = new LinkedHashMap<>(d.typicalMinutes());
        Section m = root.optionalSection("typical_minutes", null);
        for (String type : m.keys()) {
            Double value = m.number(type, 0, 24 * 60);
            if (value != null) {
                minutes.put(type, value);
            }
        }
        String primary = root.has("primary_model") ? root.text("primary_model") : d.primaryModel();
        if (primary != null && !AttributionConfig.MODELS.contains(primary)) {
            file.error(root.required("primary_model"), root.path("primary_model"), "unknown model \"" + primary
                    + "\"" + ConfigFile.closest(primary, AttributionConfig.MODELS).map(k -> " (did you mean '" + k + "'?)")
                    .orElse("") + "; expected one of: " + String.join(", ", AttributionConfig.MODELS));
            primary = null;
        }
        Integer minJourneys = root.has("min_journeys_per_segment") ? root.integer("min_journeys_per_segment", 1, 1_000_000)
                : Integer.valueOf(d.minJourneys());
        Integer samples = root.has("bootstrap_samples") ? root.integer("bootstrap_samples", 20, 10_000)
                : Integer.valueOf(d.bootstrapSamples());
        Integer seed = root.has("seed") ? root.integer("seed", 0, Integer.MAX_VALUE) : Integer.valueOf((int) d.seed());
        if (file.hasErrors() || windows == null || halfLife == null || first == null || last == null || hourly == null
                || primary == null || minJourneys == null || samples == null || seed == null) {
            return null;
        }
        return new AttributionConfig(windows, halfLife, first, last, hourly, minutes, primary, minJourneys, samples, seed);
    }

    /** windows_days: per outcome, days before it (1..3650) or "lifecycle". */
    private static Map<String, Integer> windows(ConfigFile file, Section root, AttributionConfig d) {
        Map<String, Integer> windows = new LinkedHashMap<>(d.windowDays());
        Section w = root.optionalSection("windows_days", AttributionConfig.OUTCOMES);
        for (String outcome : w.keys()) {
            Node value = w.optional(outcome);
            String text = value == null ? null : file.text(value, w.path(outcome));
            if (text == null) {
                if (value == null) {
                    file.error(w.keyNode(outcome), w.path(outcome), "expected a number of days (1-3650) or "
                            + LIFECYCLE + ", got nothing");
                }
                continue;
            }
            if (text.equals(LIFECYCLE)) {
                windows.put(outcome, null);
                continue;
            }
            Integer days = file.integer(value, w.path(outcome), 1, 3650);
            if (days != null) {
                windows.put(outcome, days);
            }
        }
        return windows;
    }
}

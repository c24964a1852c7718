package io.healthsync.mappings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * attribution.yaml: how touchpoint credit is computed and priced (see the shipped file for each key's meaning).
 *
 * @param windowDays       per outcome (renewed, expanded, churned, contracted), the days before the outcome whose
 *                         touchpoints count; null: the whole lifecycle
 * @param halfLifeDays     time-decay: a touchpoint this many days before the outcome weighs half a same-day one
 * @param firstWeight      u-shaped: the first touchpoint's share (the last gets {@code lastWeight}, the middle the rest)
 * @param hourlyCost       what an hour of a CSM costs, in the revenue's currency
 * @param typicalMinutes   per touchpoint type, how long one takes; {@code default} for types not listed
 * @param primaryModel     the model whose credit the report's touchpoints, ROI and recommendations use
 * @param minJourneys      a segment with fewer journeys is marked low-sample (still shown)
 * @param bootstrapSamples resamples of the journeys behind every interval
 * @param seed             seed of the bootstrap and the sampled Shapley permutations
 */
public record AttributionConfig(
        Map<String, Integer> windowDays,
        double halfLifeDays,
        double firstWeight,
        double lastWeight,
        double hourlyCost,
        Map<String, Double> typicalMinutes,
        String primaryModel,
        int minJourneys,
        int bootstrapSamples,
        long seed) {

    public static final List<String> MODELS = List.of("last_touch", "first_touch", "linear", "time_decay", "u_shaped",
            "shapley", "markov");
    public static final List<String> OUTCOMES = List.of("renewed", "expanded", "churned", "contracted");
    public static final String DEFAULT_TYPE = "default";

    public AttributionConfig {
        windowDays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(windowDays));
        typicalMinutes = Map.copyOf(typicalMinutes);
    }

    /** DOMAIN's defaults: the values of the shipped attribution.yaml. */
    public static AttributionConfig defaults() {
        Map<String, Integer> windows = new LinkedHashMap<>();
        windows.put("renewed", 180);
        windows.put("expanded", 60);
        windows.put("churned", null);
        windows.put("contracted", 180);
        Map<String, Double> minutes = new LinkedHashMap<>();
        minutes.put(DEFAULT_TYPE, 30.0);
        minutes.put("onboarding", 60.0);
        minutes.put("training", 90.0);
        minutes.put("qbr", 120.0);
        minutes.put("executive_meeting", 60.0);
        minutes.put("meeting", 45.0);
        minutes.put("call", 20.0);
        minutes.put("email", 10.0);
        minutes.put("renewal_discussion", 45.0);
        minutes.put("ticket_opened", 30.0);
        minutes.put("ticket_escalated", 60.0);
        return new AttributionConfig(windows, 30, 0.4, 0.4, 150, minutes, "shapley", 30, 200, 42);
    }

    /** The window of an outcome in days, or null for the whole lifecycle (also for an outcome not listed). */
    public Integer window(String outcome) {
        return windowDays.get(outcome);
    }

    /** Minutes one touchpoint of the type takes: its own figure, else the default. */
    public double minutes(String type) {
        Double own = typicalMinutes.get(type);
        return own != null ? own : typicalMinutes.getOrDefault(DEFAULT_TYPE, 30.0);
    }
}

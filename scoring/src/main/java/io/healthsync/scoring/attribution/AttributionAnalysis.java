package io.healthsync.scoring.attribution;

import io.healthsync.mappings.AttributionConfig;
import io.healthsync.model.OutcomeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole attribution of one outcome: journeys -> window -> the seven models -> the primary model's figures
 * with intervals (overall and per segment) -> pairs -> where Shapley and Markov disagree -> recommendations.
 */
public final class AttributionAnalysis {

    private final AttributionConfig config;

    public AttributionAnalysis(AttributionConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /**
     * @param segmentOrNull only this segment's journeys (null: all, with a section per segment)
     * @param modelOrNull   the primary model (null: attribution.yaml's)
     * @param source        where the journeys came from, for the report
     */
    public AttributionReport run(List<Journey> all, OutcomeKind outcome, String segmentOrNull, String modelOrNull,
                                 String source) {
        String primary = modelOrNull != null ? modelOrNull : config.primaryModel();
        if (!AttributionConfig.MODELS.contains(primary)) {
            throw new IllegalArgumentException("unknown model \"" + primary + "\"; expected one of: "
                    + String.join(", ", AttributionConfig.MODELS));
        }
        OutcomeTarget target = new OutcomeTarget(outcome);
        Integer window = config.window(outcome.key());
        List<Journey> journeys = new ArrayList<>();
        for (Journey journey : all) {
            if (target.includes(journey) && (segmentOrNull == null || segmentOrNull.equalsIgnoreCase(journey.segment()))) {
                journeys.add(journey.within(window));
            }
        }
        List<String> types = types(journeys);
        int reached = (int) journeys.stream().filter(target::reached).count();
        double revenue = journeys.stream().filter(target::reached).mapToDouble(Journey::revenue).sum();
        Map<String, Map<String, Double>> models = journeys.isEmpty() ? emptyModels()
                : CreditModels.all(journeys, types, target, config);
        List<TouchpointFigure> figures = journeys.isEmpty() ? List.of()
                : TouchpointTable.of(journeys, types, target, config, primary, window);
        List<PairEffect> pairs = PairEffects.of(journeys, types, target);
        List<SegmentFigures> segments = segmentOrNull == null ? segments(journeys, target, primary, window) : List.of();
        List<String> disagreements = journeys.isEmpty() ? List.of()
                : ModelDisagreements.of(models.get("shapley"), models.get("markov"), presence(journeys, types));
        List<String> recommendations = Recommendations.of(outcome, figures, pairs, segments);
        return new AttributionReport(outcome.key(), segmentOrNull, journeys.size(), reached, window, revenue, primary,
                models, figures, top(figures, AttributionReport.TOP_OVERALL), pairs, segments, disagreements,
                recommendations, source);
    }

    private List<SegmentFigures> segments(List<Journey> journeys, OutcomeTarget target, String primary, Integer window) {
        Map<String, List<Journey>> bySegment = new TreeMap<>();
        for (Journey journey : journeys) {
            if (journey.segment() != null && !journey.segment().isBlank()) {
                bySegment.computeIfAbsent(journey.segment(), s -> new ArrayList<>()).add(journey);
            }
        }
        List<SegmentFigures> segments = new ArrayList<>();
        for (Map.Entry<String, List<Journey>> e : bySegment.entrySet()) {
            List<Journey> own = e.getValue();
            List<String> types = types(own);
            List<TouchpointFigure> figures = TouchpointTable.of(own, types, target, config, primary, window);
            int reached = (int) own.stream().filter(target::reached).count();
            segments.add(new SegmentFigures(e.getKey(), own.size(), reached, own.size() < config.minJourneys(), figures,
                    top(figures, AttributionReport.TOP_PER_SEGMENT)));
        }
        return segments;
    }

    /** The types with a positive ROI, highest first. */
    static List<TouchpointFigure> top(List<TouchpointFigure> figures, int limit) {
        return figures.stream().filter(f -> f.roi() != null && f.roi() > 0)
                .sorted(Comparator.comparingDouble((TouchpointFigure f) -> f.roi()).reversed())
                .limit(limit).toList();
    }

    /** The types any journey has in its window, sorted by name (so every run orders them alike). */
    static List<String> types(List<Journey> journeys) {
        Set<String> types = new TreeSet<>();
        journeys.forEach(j -> j.touchpoints().forEach(t -> types.add(t.type())));
        return List.copyOf(types);
    }

    /** Type -> share of journeys that have it. */
    private static Map<String, Double> presence(List<Journey> journeys, List<String> types) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String type : types) {
            shares.put(type, 0.0);
        }
        for (Journey journey : journeys) {
            Set<String> seen = new HashSet<>();
            journey.touchpoints().forEach(t -> seen.add(t.type()));
            seen.forEach(type -> shares.merge(type, 1.0 / journeys.size(), Double::sum));
        }
        return shares;
    }

    private static Map<String, Map<String, Double>> emptyModels() {
        Map<String, Map<String, Double>> models = new LinkedHashMap<>();
        AttributionConfig.MODELS.forEach(m -> models.put(m, Map.of()));
        return models;
    }
}

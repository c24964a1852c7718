package io.healthsync.scoring.attribution;

import io.healthsync.scoring.playbooks.Interval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code healthsync attribution} found for one outcome: every model's shares, the primary model's
 * per-type figures with intervals, top types by ROI, pairs, segments, notes where the data-driven models
 * disagree, and the recommendations. {@link #toJson()} holds the keys.
 *
 * @param journeys    journeys weighed (reaching the outcome or not)
 * @param reached     of them, those that reached it
 * @param windowDays  days before the outcome whose touchpoints count; null: the whole lifecycle
 * @param revenue     revenue of the journeys that reached the outcome
 */
public record AttributionReport(String outcome, String segment, int journeys, int reached, Integer windowDays,
                                double revenue, String primary, Map<String, Map<String, Double>> models,
                                List<TouchpointFigure> touchpoints, List<TouchpointFigure> topByRoi,
                                List<PairEffect> pairs, List<SegmentFigures> segments, List<String> disagreements,
                                List<String> recommendations, String source) {

    public static final int TOP_OVERALL = 5;
    public static final int TOP_PER_SEGMENT = 3;

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", outcome);
        json.put("journeys", journeys);
        json.put("primary", primary);
        Map<String, Object> m = new LinkedHashMap<>();
        models.forEach((name, shares) -> {
            Map<String, Object> rounded = new LinkedHashMap<>();
            shares.forEach((type, share) -> rounded.put(type, round(share)));
            m.put(name, rounded);
        });
        json.put("models", m);
        json.put("touchpoints", touchpoints.stream().map(AttributionReport::figure).toList());
        json.put("pairs", pairs.stream().map(AttributionReport::pair).toList());
        json.put("segments", segments.stream().map(AttributionReport::segment).toList());
        json.put("recommendations", recommendations);
        json.put("segment", segment);
        json.put("reached", reached);
        json.put("outcome_rate", journeys == 0 ? null : round((double) reached / journeys));
        json.put("window_days", windowDays);
        json.put("revenue", round(revenue));
        json.put("top_roi", topByRoi.stream().map(TouchpointFigure::touchpoint).toList());
        json.put("disagreements", disagreements);
        json.put("source", source);
        return json;
    }

    static Map<String, Object> figure(TouchpointFigure f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("touchpoint", f.touchpoint());
        json.put("credit", round(f.credit()));
        json.put("ci_low", round(f.creditInterval().lower()));
        json.put("ci_high", round(f.creditInterval().upper()));
        json.put("attributed_revenue", round(f.revenue()));
        json.put("cost", round(f.cost()));
        json.put("roi", f.roi() == null ? null : round(f.roi()));
        json.put("revenue_ci_low", round(f.revenueInterval().lower()));
        json.put("revenue_ci_high", round(f.revenueInterval().upper()));
        json.put("roi_ci_low", f.roiInterval() == null ? null : round(f.roiInterval().lower()));
        json.put("roi_ci_high", f.roiInterval() == null ? null : round(f.roiInterval().upper()));
        json.put("count", f.count());
        json.put("journeys", f.journeys());
        if (f.timing() != null) {
            TimingWindow t = f.timing();
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("days_before_from", t.fromDays());
            timing.put("days_before_to", t.toDays());
            timing.put("journeys", t.journeys());
            timing.put("rate", round(t.rate()));
            timing.put("rate_without", round(t.rateWithout()));
            json.put("timing", timing);
        } else {
            json.put("timing", null);
        }
        return json;
    }

    private static Map<String, Object> pair(PairEffect p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("touchpoints", p.touchpoints());
        json.put("count", p.count());
        json.put("lift", round(p.lift()));
        json.put("ci_low", round(p.interval().lower()));
        json.put("ci_high", round(p.interval().upper()));
        json.put("kind", p.ordered() ? "sequence" : "pair");
        json.put("rate", round(p.rate()));
        json.put("expected_rate", round(p.expected()));
        return json;
    }

    private static Map<String, Object> segment(SegmentFigures s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("segment", s.segment());
        json.put("journeys", s.journeys());
        json.put("reached", s.reached());
        json.put("low_sample", s.lowSample());
        json.put("top_roi", s.top().stream().map(TouchpointFigure::touchpoint).toList());
        List<Object> rows = new ArrayList<>();
        s.touchpoints().forEach(f -> rows.add(figure(f)));
        json.put("touchpoints", rows);
        return json;
    }

    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return Math.round(value * 10_000) / 10_000.0;
    }

    static Interval none() {
        return new Interval(0, 0);
    }
}

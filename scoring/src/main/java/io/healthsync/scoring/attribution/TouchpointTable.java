package io.healthsync.scoring.attribution;

import io.healthsync.mappings.AttributionConfig;
import io.healthsync.model.OutcomeKind;
import io.healthsync.scoring.playbooks.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The per-type figures of one set of journeys under the primary model, with bootstrap intervals. */
public final class TouchpointTable {

    private static final String CREDIT = "credit/";
    private static final String REVENUE = "revenue/";

    private TouchpointTable() {
    }

    /** One row per type, the highest credit first. */
    public static List<TouchpointFigure> of(List<Journey> journeys, List<String> types, OutcomeTarget target,
                                            AttributionConfig config, String primary, Integer windowDays) {
        Map<String, Double> point = figures(journeys, types, target, config, primary);
        List<String> names = new ArrayList<>();
        types.forEach(type -> {
            names.add(CREDIT + type);
            names.add(REVENUE + type);
        });
        Map<String, Interval> intervals = Bootstrap.intervals(journeys,
                resample -> figures(resample, types, target, config, primary), names, config.bootstrapSamples(),
                config.seed());
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> having = new HashMap<>();
        for (Journey journey : journeys) {
            Set<String> seen = new HashSet<>();
            for (Touchpoint t : journey.touchpoints()) {
                counts.merge(t.type(), 1, Integer::sum);
                seen.add(t.type());
            }
            seen.forEach(type -> having.merge(type, 1, Integer::sum));
        }
        double sign = target.kind() == OutcomeKind.CHURNED ? -1 : 1;
        List<TouchpointFigure> rows = new ArrayList<>();
        for (String type : types) {
            int count = counts.getOrDefault(type, 0);
            double cost = count * config.minutes(type) / 60 * config.hourlyCost();
            double revenue = point.get(REVENUE + type);
            Interval revenueInterval = intervals.get(REVENUE + type);
            Double roi = cost > 0 ? sign * revenue / cost : null;
            Interval roiInterval = cost > 0 ? ordered(sign * revenueInterval.lower() / cost, sign * revenueInterval.upper() / cost)
                    : null;
            double credit = point.get(CREDIT + type);
            TimingWindow timing = TimingWindows.of(type, journeys, target, windowDays, credit >= 0);
            rows.add(new TouchpointFigure(type, credit, intervals.get(CREDIT + type), revenue, revenueInterval, count,
                    having.getOrDefault(type, 0), cost, roi, roiInterval, timing));
        }
        rows.sort(Comparator.comparingDouble(TouchpointFigure::credit).reversed().thenComparing(TouchpointFigure::touchpoint));
        return rows;
    }

    /** credit/TYPE and revenue/TYPE of the primary model on these journeys. */
    static Map<String, Double> figures(List<Journey> journeys, List<String> types, OutcomeTarget target,
                                       AttributionConfig config, String primary) {
        Map<String, Double> values = primary.equals("shapley") ? CreditModels.shapley(journeys, types, target, config.seed())
                : Map.of();
        Map<String, Double> shares = primary.equals("shapley") ? CreditModels.signedShares(values)
                : CreditModels.shares(primary, journeys, types, target, config);
        Map<String, Double> revenue = AttributedRevenue.of(primary, shares, values, journeys, target);
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String type : types) {
            figures.put(CREDIT + type, shares.getOrDefault(type, 0.0));
            figures.put(REVENUE + type, revenue.getOrDefault(type, 0.0));
        }
        return figures;
    }

    private static Interval ordered(double a, double b) {
        return new Interval(Math.min(a, b), Math.max(a, b));
    }
}

package io.healthsync.scoring.attribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Credit of a rule-based model: each journey that reached the outcome spreads one unit of credit over its
 * touchpoints by the rule; a type's share is its total over the total. Journeys that did not reach it, and
 * converting journeys without touchpoints in the window, give nothing (which is why these models cannot see
 * a touchpoint that comes with trouble: they only ever look at the winners).
 */
public final class RuleBasedAttribution {

    private RuleBasedAttribution() {
    }

    /** Type -> share of credit (sums to 1; empty when no converting journey has a touchpoint). */
    public static Map<String, Double> shares(PositionRule rule, List<Journey> journeys, OutcomeTarget target) {
        Map<String, Double> credit = new TreeMap<>();
        double total = 0;
        for (Journey journey : journeys) {
            if (!target.reached(journey) || journey.touchpoints().isEmpty()) {
                continue;
            }
            double[] w = rule.weights(journey);
            for (int i = 0; i < w.length; i++) {
                credit.merge(journey.touchpoints().get(i).type(), w[i], Double::sum);
                total += w[i];
            }
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : credit.entrySet()) {
            shares.put(e.getKey(), e.getValue() / total);
        }
        return shares;
    }
}

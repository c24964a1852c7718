package io.healthsync.scoring.attribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Markov-chain removal effect: a first-order chain over start, the touchpoint types, and the two ends
 * (reached the outcome, or not), with transitions counted from the journeys in time order. A type's removal
 * effect is the share of the chain's probability of reaching the outcome that is lost when the type's state
 * leads nowhere; shares are the effects over their sum. Being a model of paths, it credits a type that is on
 * many paths even when the outcome would have come without it: the report compares it with Shapley.
 */
public final class MarkovRemoval {

    private MarkovRemoval() {
    }

    /** Type -> share of the removal effects (sums to 1; all 0 when the chain never reaches the outcome). */
    public static Map<String, Double> shares(List<Journey> journeys, List<String> types, OutcomeTarget target) {
        int k = types.size();
        int start = k;
        int success = k + 1;
        int failure = k + 2;
        double[][] counts = new double[k + 1][k + 3];
        for (Journey journey : journeys) {
            int from = start;
            for (Touchpoint t : journey.touchpoints()) {
                int to = types.indexOf(t.type());
                if (to < 0) {
                    continue;
                }
                counts[from][to]++;
                from = to;
            }
            counts[from][target.reached(journey) ? success : failure]++;
        }
        double full = reachProbability(counts, k, -1);
        Map<String, Double> effects = new LinkedHashMap<>();
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double effect = full <= 0 ? 0 : Math.max(0, 1 - reachProbability(counts, k, i) / full);
            effects.put(types.get(i), effect);
            sum += effect;
        }
        for (Map.Entry<String, Double> e : effects.entrySet()) {
            e.setValue(sum <= 0 ? 0 : e.getValue() / sum);
        }
        return effects;
    }

    /**
     * P(reaching success from start) with state {@code removed} (or none, -1) absorbing as failure: the fixed
     * point of p(s) = sum over t of P(s -> t) p(t), found by iteration (the chain is absorbing, so it converges).
     */
    static double reachProbability(double[][] counts, int k, int removed) {
        double[] p = new double[k + 1];
        double[] totals = new double[k + 1];
        for (int s = 0; s <= k; s++) {
            for (double c : counts[s]) {
                totals[s] += c;
            }
        }
        for (int iteration = 0; iteration < 10_000; iteration++) {
            double change = 0;
            for (int s = 0; s <= k; s++) {
                if (s == removed || totals[s] == 0) {
                    continue;
                }
                double value = counts[s][k + 1];
                for (int t = 0; t < k; t++) {
                    if (t != removed && counts[s][t] > 0) {
                        value += counts[s][t] * p[t];
                    }
                }
                value /= totals[s];
                change = Math.max(change, Math.abs(value - p[s]));
                p[s] = value;
            }
            if (change < 1e-12) {
                break;
            }
        }
        return p[k];
    }
}

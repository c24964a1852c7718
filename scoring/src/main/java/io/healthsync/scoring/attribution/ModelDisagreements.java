package io.healthsync.scoring.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where Shapley and the Markov removal effect disagree (by 10 points of share or more, or in sign), each with the
 * reason the figures show: a type on most journeys gets path credit from Markov however little the outcome
 * depends on it; a type that comes with the other outcome can only be credited zero or more by a removal effect.
 */
public final class ModelDisagreements {

    static final double GAP = 0.10;

    private ModelDisagreements() {
    }

    public static List<String> of(Map<String, Double> shapley, Map<String, Double> markov, Map<String, Double> presence) {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, Double> e : shapley.entrySet()) {
            String type = e.getKey();
            double s = e.getValue();
            double m = markov.getOrDefault(type, 0.0);
            if (Math.abs(s - m) < GAP && !(s < 0 && m > 0.02)) {
                continue;
            }
            String figures = String.format(java.util.Locale.ROOT, "%s: markov %s, shapley %s", type, Format.percent(m),
                    Format.percent(s));
            double share = presence.getOrDefault(type, 0.0);
            String why;
            if (s < 0) {
                why = "journeys with it reach the outcome less often than those without (the outcome model gives it a "
                        + "negative effect), while a removal effect can only be zero or more";
            } else if (m > s && share >= 0.5) {
                why = "it is on " + Format.percent(share) + " of journeys, so cutting it from the chain cuts most paths, "
                        + "while journeys without it reach the outcome about as often (the outcome model's counterfactual)";
            } else if (m > s) {
                why = "it sits on converting paths, but the outcome model credits part of those outcomes to the types "
                        + "it comes with";
            } else {
                why = "it raises the outcome where it occurs, but is on few paths, so removing it from the chain "
                        + "loses little";
            }
            notes.add(figures + ": " + why);
        }
        return notes;
    }
}

package io.healthsync.scoring.attribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Revenue credited to each type. Rule-based and Markov models hand out all of the outcome's revenue by their
 * shares. Shapley hands out only what the touchpoints add: a type's value (outcome probability it adds per
 * journey) x the journeys x the mean revenue of a journey that reached the outcome, so the types' revenue sums
 * to the expected revenue the touchpoints brought over journeys without any, and a negative value is revenue
 * the type comes with the loss of.
 */
public final class AttributedRevenue {

    private AttributedRevenue() {
    }

    public static Map<String, Double> of(String model, Map<String, Double> shares, Map<String, Double> shapleyValues,
                                         List<Journey> journeys, OutcomeTarget target) {
        double reachedRevenue = 0;
        int reached = 0;
        for (Journey journey : journeys) {
            if (target.reached(journey)) {
                reachedRevenue += journey.revenue();
                reached++;
            }
        }
        Map<String, Double> revenue = new LinkedHashMap<>();
        if (model.equals("shapley")) {
            double perOutcome = reached == 0 ? 0 : reachedRevenue / reached;
            shapleyValues.forEach((type, phi) -> revenue.put(type, phi * journeys.size() * perOutcome));
        } else {
            double total = reachedRevenue;
            shares.forEach((type, share) -> revenue.put(type, share * total));
        }
        return revenue;
    }
}

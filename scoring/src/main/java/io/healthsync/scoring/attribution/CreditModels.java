package io.healthsync.scoring.attribution;

import io.healthsync.mappings.AttributionConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seven models by their report names, each giving type -> share of credit for one set of journeys.
 * Rule-based shares and Markov shares are positive and sum to 1. Shapley shares are signed: each type's value
 * over the sum of the absolute values, so their absolute values sum to 1 and a type that comes with the
 * opposite outcome shows a negative share.
 */
public final class CreditModels {

    private CreditModels() {
    }

    public static Map<String, Double> shares(String model, List<Journey> journeys, List<String> types,
                                             OutcomeTarget target, AttributionConfig config) {
        Map<String, Double> shares = switch (model) {
            case "last_touch" -> RuleBasedAttribution.shares(PositionRule.lastTouch(), journeys, target);
            case "first_touch" -> RuleBasedAttribution.shares(PositionRule.firstTouch(), journeys, target);
            case "linear" -> RuleBasedAttribution.shares(PositionRule.linear(), journeys, target);
            case "time_decay" -> RuleBasedAttribution.shares(PositionRule.timeDecay(config.halfLifeDays()), journeys, target);
            case "u_shaped" -> RuleBasedAttribution.shares(PositionRule.uShaped(config.firstWeight(), config.lastWeight()),
                    journeys, target);
            case "shapley" -> signedShares(shapley(journeys, types, target, config.seed()));
            case "markov" -> MarkovRemoval.shares(journeys, types, target);
            default -> throw new IllegalArgumentException("unknown model \"" + model + "\"; expected one of: "
                    + String.join(", ", AttributionConfig.MODELS));
        };
        Map<String, Double> complete = new LinkedHashMap<>();
        types.forEach(type -> complete.put(type, shares.getOrDefault(type, 0.0)));
        return complete;
    }

    /** Every model's shares, in the order of {@link AttributionConfig#MODELS}. */
    public static Map<String, Map<String, Double>> all(List<Journey> journeys, List<String> types, OutcomeTarget target,
                                                      AttributionConfig config) {
        Map<String, Map<String, Double>> models = new LinkedHashMap<>();
        for (String model : AttributionConfig.MODELS) {
            models.put(model, shares(model, journeys, types, target, config));
        }
        return models;
    }

    /**
     * Type -> Shapley value in outcome probability: how much the type adds to the mean predicted chance of the
     * outcome, averaged over the orders in which types could join. They sum to the mean predicted chance with
     * every journey's types minus that with none (the touchpoints' whole effect).
     */
    public static Map<String, Double> shapley(List<Journey> journeys, List<String> types, OutcomeTarget target, long seed) {
        PresenceModel model = PresenceModel.fit(journeys, types, target);
        double[] phi = model.shapleyValues(seed);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < types.size(); i++) {
            values.put(types.get(i), phi[i]);
        }
        return values;
    }

    static Map<String, Double> signedShares(Map<String, Double> values) {
        double scale = values.values().stream().mapToDouble(Math::abs).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        values.forEach((type, v) -> shares.put(type, scale <= 0 ? 0 : v / scale));
        return shares;
    }
}

package io.healthsync.scoring.attribution;

import io.healthsync.scoring.model.LogisticRegression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted outcome model the data-driven credit rests on: logistic regression of "reached the outcome" on
 * which touchpoint types a journey had (presence, 0 or 1 per type). Being a model of the outcome given
 * everything else a journey had, it credits a type with what journeys gain from it against journeys that
 * lack it, not with how often it is there; it is also a {@link CoalitionGame}: a coalition's worth is the
 * mean predicted outcome when every journey keeps only the coalition's types, minus the same with none.
 */
public final class PresenceModel implements CoalitionGame {

    private final List<String> types;
    private final double intercept;
    private final double[] coefficients;
    /** Distinct presence patterns (bit masks over types) and how many journeys have each. */
    private final Map<Long, Integer> patterns;
    private final int journeys;
    private final Map<Long, Double> cache = new HashMap<>();

    private PresenceModel(List<String> types, double intercept, double[] coefficients, Map<Long, Integer> patterns,
                          int journeys) {
        this.types = types;
        this.intercept = intercept;
        this.coefficients = coefficients;
        this.patterns = patterns;
        this.journeys = journeys;
    }

    /** Fits the model on the journeys, labelled by whether each reached the target. */
    public static PresenceModel fit(List<Journey> journeys, List<String> types, OutcomeTarget target) {
        if (types.size() > 62) {
            throw new IllegalArgumentException("at most 62 touchpoint types can be attributed, got " + types.size());
        }
        int width = types.size();
        float[] features = new float[journeys.size() * width];
        int[] rows = new int[journeys.size()];
        int[] labels = new int[journeys.size()];
        Map<Long, Integer> patterns = new HashMap<>();
        for (int r = 0; r < journeys.size(); r++) {
            long mask = mask(journeys.get(r), types);
            for (int f = 0; f < width; f++) {
                features[r * width + f] = (mask & (1L << f)) != 0 ? 1 : 0;
            }
            rows[r] = r;
            labels[r] = target.reached(journeys.get(r)) ? 1 : 0;
            patterns.merge(mask, 1, Integer::sum);
        }
        LogisticRegression fitted = LogisticRegression.fit(features, width, rows, labels, LogisticRegression.DEFAULT_L2);
        // back from standardized weights to one coefficient per raw 0/1 feature
        double[] coefficients = new double[width];
        double intercept = fitted.weights()[0];
        for (int f = 0; f < width; f++) {
            coefficients[f] = fitted.weights()[f + 1] / fitted.scales()[f];
            intercept -= coefficients[f] * fitted.means()[f];
        }
        return new PresenceModel(List.copyOf(types), intercept, coefficients, patterns, journeys.size());
    }

    /** The journey's types as a bit mask over {@code types} (bit i: it has types.get(i)). */
    public static long mask(Journey journey, List<String> types) {
        long mask = 0;
        for (Touchpoint t : journey.touchpoints()) {
            int i = types.indexOf(t.type());
            if (i >= 0) {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    public List<String> types() {
        return types;
    }

    /** Predicted probability of the outcome for a journey with exactly the types in {@code mask}. */
    public double probability(long mask) {
        double z = intercept;
        for (int f = 0; f < coefficients.length; f++) {
            if ((mask & (1L << f)) != 0) {
                z += coefficients[f];
            }
        }
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public int players() {
        return types.size();
    }

    /** Mean predicted outcome with each journey keeping only the coalition's types, minus that with none. */
    @Override
    public double value(long coalition) {
        return cache.computeIfAbsent(coalition, c -> meanProbability(c) - meanProbability(0));
    }

    private double meanProbability(long coalition) {
        double sum = 0;
        for (Map.Entry<Long, Integer> p : patterns.entrySet()) {
            sum += p.getValue() * probability(p.getKey() & coalition);
        }
        return journeys == 0 ? 0 : sum / journeys;
    }
}

package io.healthsync.scoring.attribution;

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

    /**
     * Fits the model on the journeys, labelled by whether each reached the target: L2-regularized logistic
     * regression on standardized 0/1 features (the same fit as {@link io.healthsync.scoring.model.LogisticRegression},
     * ridge 1 on the standardized weights, intercept free), by Newton's method over the distinct presence
     * patterns weighted by their journeys, so thousands of journeys cost what a few hundred patterns do.
     */
    public static PresenceModel fit(List<Journey> journeys, List<String> types, OutcomeTarget target) {
        if (types.size() > 62) {
            throw new IllegalArgumentException("at most 62 touchpoint types can be attributed, got " + types.size());
        }
        int width = types.size();
        Map<Long, Integer> patterns = new HashMap<>();
        Map<Long, Integer> reached = new HashMap<>();
        for (Journey journey : journeys) {
            long mask = mask(journey, types);
            patterns.merge(mask, 1, Integer::sum);
            if (target.reached(journey)) {
                reached.merge(mask, 1, Integer::sum);
            }
        }
        int n = journeys.size();
        double[] means = new double[width];
        for (Map.Entry<Long, Integer> p : patterns.entrySet()) {
            for (int f = 0; f < width; f++) {
                if ((p.getKey() & (1L << f)) != 0) {
                    means[f] += (double) p.getValue() / Math.max(1, n);
                }
            }
        }
        double[] scales = new double[width];
        for (int f = 0; f < width; f++) {
            double variance = means[f] - means[f] * means[f];
            scales[f] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        List<Long> keys = List.copyOf(patterns.keySet());
        double[][] x = new double[keys.size()][width + 1];
        for (int i = 0; i < keys.size(); i++) {
            x[i][0] = 1;
            for (int f = 0; f < width; f++) {
                x[i][f + 1] = (((keys.get(i) & (1L << f)) != 0 ? 1 : 0) - means[f]) / scales[f];
            }
        }
        double[] w = newton(x, keys, patterns, reached);
        double[] coefficients = new double[width];
        double intercept = w[0];
        for (int f = 0; f < width; f++) {
            coefficients[f] = w[f + 1] / scales[f];
            intercept -= coefficients[f] * means[f];
        }
        return new PresenceModel(List.copyOf(types), intercept, coefficients, patterns, n);
    }

    private static double[] newton(double[][] x, List<Long> keys, Map<Long, Integer> patterns, Map<Long, Integer> reached) {
        int d = x.length == 0 ? 1 : x[0].length;
        double[] w = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[i][j];
                }
                double p = 1 / (1 + Math.exp(-z));
                int count = patterns.get(keys.get(i));
                double residual = count * p - reached.getOrDefault(keys.get(i), 0);
                double curvature = count * Math.max(p * (1 - p), 1e-12);
                for (int j = 0; j < d; j++) {
                    gradient[j] += residual * x[i][j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j][k] += curvature * x[i][j] * x[i][k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                gradient[j] += j == 0 ? 0 : w[j];
                hessian[j][j] += j == 0 ? 1e-9 : 1.0;
                for (int k = 0; k < j; k++) {
                    hessian[k][j] = hessian[j][k];
                }
            }
            double[] step = io.healthsync.scoring.model.NewtonSolver.solve(hessian, gradient);
            double size = 0;
            for (int j = 0; j < d; j++) {
                w[j] -= step[j];
                size = Math.max(size, Math.abs(step[j]));
            }
            if (size < 1e-8) {
                break;
            }
        }
        return w;
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

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

    /**
     * Exact Shapley values of this game, computed journey pattern by pattern. The game is the mean of one game per
     * pattern, and Shapley values are linear in the game, so they are the patterns' values averaged by journeys;
     * in a pattern's game only the types it has can change the worth (the rest are null players), so each costs
     * 2^(types it has) coalitions instead of 2^(all types): a bootstrap of hundreds of fits stays cheap, and a
     * company with more than {@link ShapleyValues#EXACT_MAX_PLAYERS} types is still exact unless one pattern alone
     * has that many (then that pattern's values are sampled).
     */
    public double[] shapleyValues(long seed) {
        double[] phi = new double[types.size()];
        for (Map.Entry<Long, Integer> p : patterns.entrySet()) {
            double[] own = patternShapley(p.getKey(), seed);
            double weight = (double) p.getValue() / journeys;
            for (int i = 0; i < phi.length; i++) {
                phi[i] += weight * own[i];
            }
        }
        return phi;
    }

    private double[] patternShapley(long pattern, long seed) {
        int[] present = new int[Long.bitCount(pattern)];
        for (int f = 0, k = 0; f < types.size(); f++) {
            if ((pattern & (1L << f)) != 0) {
                present[k++] = f;
            }
        }
        CoalitionGame game = new CoalitionGame() {
            @Override
            public int players() {
                return present.length;
            }

            @Override
            public double value(long coalition) {
                double z = intercept;
                for (int k = 0; k < present.length; k++) {
                    if ((coalition & (1L << k)) != 0) {
                        z += coefficients[present[k]];
                    }
                }
                return 1 / (1 + Math.exp(-z));
            }
        };
        double[] own = ShapleyValues.of(game, seed);
        double[] phi = new double[types.size()];
        for (int k = 0; k < present.length; k++) {
            phi[present[k]] = own[k];
        }
        return phi;
    }

    private double meanProbability(long coalition) {
        double sum = 0;
        for (Map.Entry<Long, Integer> p : patterns.entrySet()) {
            sum += p.getValue() * probability(p.getKey() & coalition);
        }
        return journeys == 0 ? 0 : sum / journeys;
    }
}

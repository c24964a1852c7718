package io.healthsync.scoring.attribution;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shapley values of a {@link CoalitionGame}: each player's average marginal contribution over all orders in
 * which the coalition could form. Exact (every coalition) up to {@link #EXACT_MAX_PLAYERS} players; beyond,
 * the average over sampled permutations, each also taken in reverse (antithetic pairs halve the variance).
 * Either way the values add up to value(all) - value(none) exactly, as every permutation telescopes to it.
 */
public final class ShapleyValues {

    public static final int EXACT_MAX_PLAYERS = 12;
    public static final int DEFAULT_PERMUTATIONS = 2_000;

    private ShapleyValues() {
    }

    public static double[] of(CoalitionGame game, long seed) {
        return game.players() <= EXACT_MAX_PLAYERS ? exact(game) : sampled(game, DEFAULT_PERMUTATIONS, seed);
    }

    /** phi_i = sum over coalitions S without i of |S|! (n - |S| - 1)! / n! x (v(S + i) - v(S)). */
    public static double[] exact(CoalitionGame game) {
        int n = game.players();
        double[] worth = new double[1 << n];
        for (int mask = 0; mask < worth.length; mask++) {
            worth[mask] = game.value(mask);
        }
        double[] weightBySize = new double[n];
        for (int size = 0; size < n; size++) {
            weightBySize[size] = Math.exp(logFactorial(size) + logFactorial(n - size - 1) - logFactorial(n));
        }
        double[] phi = new double[n];
        for (int mask = 0; mask < worth.length; mask++) {
            double weight = weightBySize.length == 0 ? 0 : weightBySize[Math.min(n - 1, Long.bitCount(mask))];
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) == 0) {
                    phi[i] += weight * (worth[mask | (1 << i)] - worth[mask]);
                }
            }
        }
        return phi;
    }

    /** The mean marginal contribution over {@code permutations} random orders (and their reverses). */
    public static double[] sampled(CoalitionGame game, int permutations, long seed) {
        int n = game.players();
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, Double> memo = new HashMap<>();
        double[] phi = new double[n];
        int[] order = new int[n];
        int pairs = Math.max(1, permutations / 2);
        for (int p = 0; p < pairs; p++) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int direction = 0; direction < 2; direction++) {
                long mask = 0;
                double before = worth(game, memo, 0);
                for (int k = 0; k < n; k++) {
                    int player = direction == 0 ? order[k] : order[n - 1 - k];
                    mask |= 1L << player;
                    double after = worth(game, memo, mask);
                    phi[player] += after - before;
                    before = after;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            phi[i] /= 2.0 * pairs;
        }
        return phi;
    }

    private static double worth(CoalitionGame game, Map<Long, Double> memo, long mask) {
        return memo.computeIfAbsent(mask, game::value);
    }

    private static double logFactorial(int k) {
        double sum = 0;
        for (int i = 2; i <= k; i++) {
            sum += Math.log(i);
        }
        return sum;
    }
}

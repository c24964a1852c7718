package io.healthsync.scoring.playbooks;

/**
 * 95% confidence intervals for a proportion and for the difference of two independent proportions, chosen for
 * small groups and rates near 0 or 1, where the textbook Wald interval (p +- 1.96 sqrt(p(1-p)/n)) fails: it
 * collapses to a point at 0 of 10 and overshoots [0, 1]. Both stay inside the possible range and have close to
 * their nominal coverage (Newcombe, Statistics in Medicine 1998, 17:857-872 and 873-890).
 */
public final class ProportionIntervals {

    /** The standard normal's 97.5% quantile: two-sided 95%. */
    static final double Z = 1.959963984540054;

    private ProportionIntervals() {
    }

    /**
     * Wilson's score interval for {@code successes} of {@code n}: the proportions p whose score test does not
     * reject at 5%, i.e. (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n) with p the observed rate.
     */
    public static Interval wilson(int successes, int n) {
        requireCounts(successes, n);
        double p = (double) successes / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // at 0 (or n) successes the lower (upper) limit is exactly 0 (1); rounding would give 1e-17 off it
        double lower = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
        double upper = successes == n ? 1.0 : Math.min(1.0, centre + half);
        return new Interval(lower, upper);
    }

    /**
     * Newcombe's hybrid score interval for p1 - p2 (method 10 of the 1998 paper, no continuity correction): each
     * side combines the distances from each rate to its own Wilson limit, lower = D - sqrt((p1 - l1)^2 + (u2 - p2)^2),
     * upper = D + sqrt((u1 - p1)^2 + (p2 - l2)^2), with D = p1 - p2.
     */
    public static Interval newcombeDifference(int successes1, int n1, int successes2, int n2) {
        requireCounts(successes1, n1);
        requireCounts(successes2, n2);
        double p1 = (double) successes1 / n1;
        double p2 = (double) successes2 / n2;
        Interval w1 = wilson(successes1, n1);
        Interval w2 = wilson(successes2, n2);
        double d = p1 - p2;
        double lower = d - Math.hypot(p1 - w1.lower(), w2.upper() - p2);
        double upper = d + Math.hypot(w1.upper() - p1, p2 - w2.lower());
        // rounding may pass the possible range by an ulp (10 of 10 against 0 of 10 has upper exactly 1)
        return new Interval(Math.max(-1.0, lower), Math.min(1.0, upper));
    }

    private static void requireCounts(int successes, int n) {
        if (n <= 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("a proportion needs 0 <= successes <= n and n > 0, got "
                    + successes + " of " + n);
        }
    }
}

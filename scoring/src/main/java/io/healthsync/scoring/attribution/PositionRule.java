package io.healthsync.scoring.attribution;

/**
 * A rule-based model: how one converting journey's credit (1) is split over its touchpoints, by position or age.
 * The weights of a non-empty journey sum to 1.
 */
public interface PositionRule {

    /** Weight of each touchpoint of {@code journey} (in its time order). */
    double[] weights(Journey journey);

    /** All credit to the last touchpoint before the outcome. */
    static PositionRule lastTouch() {
        return journey -> {
            double[] w = new double[journey.touchpoints().size()];
            w[w.length - 1] = 1;
            return w;
        };
    }

    /** All credit to the first touchpoint in the window. */
    static PositionRule firstTouch() {
        return journey -> {
            double[] w = new double[journey.touchpoints().size()];
            w[0] = 1;
            return w;
        };
    }

    /** Equal credit to every touchpoint. */
    static PositionRule linear() {
        return journey -> {
            double[] w = new double[journey.touchpoints().size()];
            java.util.Arrays.fill(w, 1.0 / w.length);
            return w;
        };
    }

    /** Credit proportional to 2^(-days before the outcome / half-life): recent touchpoints weigh more. */
    static PositionRule timeDecay(double halfLifeDays) {
        return journey -> {
            double[] w = new double[journey.touchpoints().size()];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.pow(2, -journey.daysBefore(journey.touchpoints().get(i)) / halfLifeDays);
                sum += w[i];
            }
            for (int i = 0; i < w.length; i++) {
                w[i] /= sum;
            }
            return w;
        };
    }

    /**
     * {@code first} to the first touchpoint, {@code last} to the last, the rest split equally between those in the
     * middle; with one touchpoint it gets all, with two they share in the ratio first : last.
     */
    static PositionRule uShaped(double first, double last) {
        return journey -> {
            int n = journey.touchpoints().size();
            double[] w = new double[n];
            if (n == 1) {
                w[0] = 1;
            } else if (n == 2) {
                w[0] = first / (first + last);
                w[1] = last / (first + last);
            } else {
                w[0] = first;
                w[n - 1] = last;
                for (int i = 1; i < n - 1; i++) {
                    w[i] = (1 - first - last) / (n - 2);
                }
            }
            return w;
        };
    }
}

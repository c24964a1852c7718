package io.healthsync.scoring.model;

/**
 * Health points from SHAP values. TreeSHAP splits an account's margin (log-odds) into the model's bias (its
 * average margin over the training data) plus one contribution per feature; the health score is
 * {@code 100 x (1 - sigmoid(a x margin + b))}, not linear in the margin. Each contribution gets its share of
 * the account's distance from the average, in proportion:
 * <pre>points_f = contribution_f x (score(margin) - score(bias)) / (margin - bias)</pre>
 * so the points of all features add up exactly to how far the account's score is from the score of the average
 * margin, and a driver never claims more than the score moved. (Removing one contribution at a time instead
 * would not add up: near 0 or 100 the sigmoid is flat, and several large contributions would each seem to move
 * almost nothing.) The factor is the slope of the score between the two margins, between 0 and -25a per unit,
 * so it never blows up; when the margins nearly coincide it is the slope at the margin.
 */
final class ScorePoints {

    private static final double SAME_MARGIN = 1e-9;

    private ScorePoints() {
    }

    static double score(PlattScaling calibration, double margin) {
        return 100 * (1 - calibration.probability(margin));
    }

    /** Score points per unit of margin for an account at {@code margin}, from the model's average {@code bias}. */
    static double perMarginUnit(PlattScaling calibration, double margin, double bias) {
        double distance = margin - bias;
        if (Math.abs(distance) > SAME_MARGIN) {
            return (score(calibration, margin) - score(calibration, bias)) / distance;
        }
        double p = calibration.probability(margin);
        return -100 * calibration.a() * p * (1 - p);
    }
}

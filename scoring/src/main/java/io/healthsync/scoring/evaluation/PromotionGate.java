package io.healthsync.scoring.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * Whether a newly trained model replaces the promoted one. It must beat the base rate by more than chance
 * (its AUC two standard errors above 0.5, Hanley-McNeil, so a noise model that drifted to 0.52 on a small
 * file stays out), beat the logistic baseline, and, when the current model was trained on the same
 * features, not fall more than {@link #TOLERANCE} below its AUC.
 */
public final class PromotionGate {

    public static final double TOLERANCE = 0.01;

    /** The promoted model's figures, as far as the gate needs them. */
    public record Current(String id, double auc, List<String> featureNames) {
    }

    public record Decision(boolean promoted, String reason) {
    }

    private PromotionGate() {
    }

    public static Decision decide(double auc, long positives, long negatives, double logisticAuc,
                                  List<String> featureNames, Current current) {
        return decide(auc, positives, negatives, logisticAuc, Double.NaN, featureNames, current);
    }

    /** As above, and it must beat the rules scorecard too where that could be scored on the same rows (not NaN). */
    public static Decision decide(double auc, long positives, long negatives, double logisticAuc, double scorecardAuc,
                                  List<String> featureNames, Current current) {
        if (!Double.isFinite(auc)) {
            return new Decision(false, "the cross-validated AUC could not be computed (a test fold held one class only)");
        }
        double lowerBound = auc - 2 * Metrics.aucStandardError(auc, positives, negatives);
        if (lowerBound <= 0.5) {
            return new Decision(false, String.format(Locale.ROOT, "AUC %.4f is not clearly better than the base rate "
                    + "(0.5): two standard errors below it is %.4f; the file may hold no signal, or too few rows", auc, lowerBound));
        }
        if (Double.isFinite(logisticAuc) && auc <= logisticAuc) {
            return new Decision(false, String.format(Locale.ROOT,
                    "AUC %.4f does not beat the logistic regression baseline (%.4f)", auc, logisticAuc));
        }
        if (Double.isFinite(scorecardAuc) && auc <= scorecardAuc) {
            return new Decision(false, String.format(Locale.ROOT,
                    "AUC %.4f does not beat the rules scorecard (%.4f)", auc, scorecardAuc));
        }
        if (current != null && current.featureNames().equals(featureNames) && auc < current.auc() - TOLERANCE) {
            return new Decision(false, String.format(Locale.ROOT, "AUC %.4f is more than %.2f below the promoted model "
                    + "%s (%.4f); it stays current", auc, TOLERANCE, current.id(), current.auc()));
        }
        String versus = current == null ? "no model was promoted before"
                : current.featureNames().equals(featureNames)
                        ? String.format(Locale.ROOT, "within %.2f of or above the promoted model %s (%.4f)", TOLERANCE, current.id(), current.auc())
                        : "the promoted model " + current.id() + " used other features, so its AUC is not comparable";
        String scorecard = Double.isFinite(scorecardAuc)
                ? String.format(Locale.ROOT, ", the rules scorecard (%.4f)", scorecardAuc) : "";
        return new Decision(true, String.format(Locale.ROOT,
                "AUC %.4f beats the base rate (0.5)%s and logistic regression (%.4f); %s", auc, scorecard, logisticAuc, versus));
    }
}

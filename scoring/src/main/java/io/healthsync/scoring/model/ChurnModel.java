package io.healthsync.scoring.model;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained churn classifier: the boosted trees up to the best held-out round, and the Platt scaling that
 * turns their margin into a calibrated probability.
 *
 * @param rounds      trees used (the best round on the held-out split, 1-based)
 * @param holdoutAuc  AUC on the held-out split at that round (what early stopping and tuning look at)
 */
public record ChurnModel(Booster booster, int rounds, PlattScaling calibration, double holdoutAuc,
                         int trainRows, int holdoutRows) {

    /** Calibrated churn probabilities of the given rows. */
    public double[] probabilities(float[] features, int width, int[] rows) {
        double[] margins = margins(features, width, rows);
        for (int i = 0; i < margins.length; i++) {
            margins[i] = calibration.probability(margins[i]);
        }
        return margins;
    }

    double[] margins(float[] features, int width, int[] rows) {
        DMatrix matrix = Matrices.of(features, width, rows, null);
        try {
            float[][] predicted = booster.predict(matrix, true, rounds);
            double[] margins = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                margins[i] = predicted[i][0];
            }
            return margins;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not predict " + rows.length + " rows: " + e.getMessage(), e);
        } finally {
            matrix.dispose();
        }
    }

    /**
     * SHAP contributions (TreeSHAP, in margin units) per row and feature; the last column of XGBoost's
     * answer, the bias, is dropped.
     */
    public double[] meanAbsoluteContributions(float[] features, int width, int[] rows) {
        DMatrix matrix = Matrices.of(features, width, rows, null);
        try {
            float[][] contributions = booster.predictContrib(matrix, rounds);
            double[] mean = new double[width];
            for (float[] row : contributions) {
                for (int f = 0; f < width; f++) {
                    mean[f] += Math.abs(row[f]) / rows.length;
                }
            }
            return mean;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not compute SHAP contributions: " + e.getMessage(), e);
        } finally {
            matrix.dispose();
        }
    }

    public byte[] boosterBytes() {
        try {
            return booster.toByteArray();
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot serialize the booster: " + e.getMessage(), e);
        }
    }

    public void dispose() {
        booster.dispose();
    }
}

package io.healthsync.scoring.model;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Dense XGBoost matrices of selected rows, NaN standing for missing. */
final class Matrices {

    private Matrices() {
    }

    static DMatrix of(float[] features, int width, int[] rows, int[] labels) {
        float[] data = new float[rows.length * width];
        float[] label = labels == null ? null : new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * width, data, i * width, width);
            if (label != null) {
                label[i] = labels[rows[i]];
            }
        }
        try {
            DMatrix matrix = new DMatrix(data, rows.length, width, Float.NaN);
            if (label != null) {
                matrix.setLabel(label);
            }
            return matrix;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not build a " + rows.length + " x " + width
                    + " matrix: " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError e) {
            throw new IllegalStateException("XGBoost's native library did not load (on Linux it needs libgomp.so.1: "
                    + "apt-get install libgomp1): " + e.getMessage(), e);
        }
    }
}

package io.healthsync.scoring.model;

/** Solves the symmetric positive-definite systems of Newton steps (Cholesky), for the logistic fits. */
public final class NewtonSolver {

    private NewtonSolver() {
    }

    /** x with a x = b, a symmetric positive definite (it is changed). */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j][k] * a[j][k];
            }
            if (!(diagonal > 0)) {
                throw new ArithmeticException("the Hessian is not positive definite at column " + j);
            }
            a[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < n; i++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i][k] * a[j][k];
                }
                a[i][j] = sum / a[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i][k] * y[k];
            }
            y[i] = sum / a[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= a[k][i] * x[k];
            }
            x[i] = sum / a[i][i];
        }
        return x;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}

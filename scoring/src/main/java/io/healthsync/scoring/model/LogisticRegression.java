package io.healthsync.scoring.model;

/**
 * The baseline a learned model must beat: L2-regularized logistic regression on standardized features,
 * missing values imputed with the training mean (so they contribute nothing), fitted by Newton's method
 * (IRLS). The intercept is not penalized.
 *
 * @param means   per feature, the training mean (also the imputed value)
 * @param scales  per feature, the training standard deviation (1 for a constant feature)
 * @param weights the intercept at 0, then one weight per standardized feature
 */
public record LogisticRegression(double[] means, double[] scales, double[] weights) {

    /** Ridge strength on the standardized weights: mild, only to keep separable data finite. */
    public static final double DEFAULT_L2 = 1.0;

    public static LogisticRegression fit(float[] features, int width, int[] rows, int[] labels, double l2) {
        double[] means = new double[width];
        double[] scales = new double[width];
        for (int f = 0; f < width; f++) {
            double sum = 0;
            double squares = 0;
            int count = 0;
            for (int r : rows) {
                float v = features[r * width + f];
                if (!Float.isNaN(v)) {
                    sum += v;
                    squares += (double) v * v;
                    count++;
                }
            }
            means[f] = count == 0 ? 0 : sum / count;
            double variance = count == 0 ? 0 : squares / count - means[f] * means[f];
            scales[f] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        int d = width + 1;
        double[][] x = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = standardized(features, width, rows[i], means, scales);
        }
        double[] w = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < rows.length; i++) {
                double[] xi = x[i];
                double p = NewtonSolver.sigmoid(dot(w, xi));
                double residual = p - labels[rows[i]];
                double curvature = Math.max(p * (1 - p), 1e-12);
                for (int j = 0; j < d; j++) {
                    gradient[j] += residual * xi[j];
                    double cj = curvature * xi[j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j][k] += cj * xi[k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                double penalty = j == 0 ? 1e-9 : l2;
                gradient[j] += j == 0 ? 0 : l2 * w[j];
                hessian[j][j] += penalty;
                for (int k = 0; k < j; k++) {
                    hessian[k][j] = hessian[j][k];
                }
            }
            double[] step = NewtonSolver.solve(hessian, gradient);
            double size = 0;
            for (int j = 0; j < d; j++) {
                w[j] -= step[j];
                size = Math.max(size, Math.abs(step[j]));
            }
            if (size < 1e-8) {
                break;
            }
        }
        return new LogisticRegression(means, scales, w);
    }

    public double probability(float[] features, int width, int row) {
        return NewtonSolver.sigmoid(dot(weights, standardized(features, width, row, means, scales)));
    }

    private static double[] standardized(float[] features, int width, int row, double[] means, double[] scales) {
        double[] x = new double[width + 1];
        x[0] = 1;
        for (int f = 0; f < width; f++) {
            float v = features[row * width + f];
            x[f + 1] = Float.isNaN(v) ? 0 : (v - means[f]) / scales[f];
        }
        return x;
    }

    private static double dot(double[] w, double[] x) {
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            sum += w[j] * x[j];
        }
        return sum;
    }
}

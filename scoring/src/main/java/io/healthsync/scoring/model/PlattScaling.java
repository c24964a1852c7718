package io.healthsync.scoring.model;

/**
 * Platt scaling: probability = sigmoid(a x margin + b), a and b fitted by Newton's method on held-out
 * margins, so that "30% churn risk" means about 30% on rows the trees never saw. Targets are Platt's
 * smoothed (N+ + 1)/(N+ + 2) and 1/(N- + 2) rather than 1 and 0, which keeps a perfectly separated
 * held-out set from pushing a to infinity.
 */
public record PlattScaling(double a, double b) {

    public static final PlattScaling IDENTITY = new PlattScaling(1, 0);

    public double probability(double margin) {
        return NewtonSolver.sigmoid(a * margin + b);
    }

    public static PlattScaling fit(double[] margins, int[] labels) {
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        int negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return IDENTITY;
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < margins.length; i++) {
                double p = NewtonSolver.sigmoid(a * margins[i] + b);
                double t = labels[i] == 1 ? high : low;
                double w = p * (1 - p);
                ga += (p - t) * margins[i];
                gb += p - t;
                haa += w * margins[i] * margins[i];
                hab += w * margins[i];
                hbb += w;
            }
            double[] step = NewtonSolver.solve(new double[][] {{haa, hab}, {hab, hbb}}, new double[] {ga, gb});
            a -= step[0];
            b -= step[1];
            if (Math.abs(step[0]) + Math.abs(step[1]) < 1e-10) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }
}

package io.healthsync.scoring.playbooks;

/** A two-sided 95% confidence interval, lower <= upper. */
public record Interval(double lower, double upper) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval lower " + lower + " must not exceed upper " + upper);
        }
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}

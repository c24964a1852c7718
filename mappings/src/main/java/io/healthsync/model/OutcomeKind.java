package io.healthsync.model;

import java.util.Locale;

/** What happened at the end of a commercial period: the labels the churn and expansion models learn from. */
public enum OutcomeKind {
    RENEWED,
    CHURNED,
    EXPANDED,
    CONTRACTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

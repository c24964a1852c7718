package io.healthsync.scoring.features;

/**
 * Numbers behind a signal that its driver quotes but the score does not rank: "active users per seat 0.21,
 * down 40% in 30 days" needs the value of 30 days ago, "CSAT: 2 of 5 ratings bad" the number of ratings.
 */
public enum SignalDetail {
    /** Active users per seat over the 7 days that ended 30 days before the as-of date. */
    ACTIVE_USERS_PER_SEAT_30_DAYS_AGO,
    /** Tracked features used in the last 30 days (the numerator of feature breadth). */
    FEATURES_USED_30D,
    /** Features tracked (its denominator). */
    FEATURES_TRACKED,
    /** Satisfaction ratings in the last 90 days (the denominator of the bad share). */
    CSAT_RATINGS_90D
}

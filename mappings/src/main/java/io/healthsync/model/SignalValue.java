package io.healthsync.model;

/**
 * One signal of one account: its raw value (null when there is no data), its 0-100 percentile
 * within the account's cohort, and the weight (share of 1.0) it had in the score.
 */
public record SignalValue(String name, Double value, double percentile, double weight) {
}

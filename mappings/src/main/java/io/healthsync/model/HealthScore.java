package io.healthsync.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The health of one account as of one day. {@code score} is unrounded (0-100); the CRM receives
 * {@link #roundedScore()}. Drivers are ordered by absolute contribution, strongest first.
 */
public record HealthScore(
        String accountId,
        LocalDate asOf,
        double score,
        Band band,
        List<SignalValue> signals,
        List<Driver> drivers,
        Double churnProbability,
        Double expansionProbability,
        String modelVersion) {

    public HealthScore {
        signals = SignalValues.copyOf(signals); // columns, not an object per signal: see SignalValues
        drivers = List.copyOf(drivers);
    }

    public int roundedScore() {
        return (int) Math.round(score);
    }
}

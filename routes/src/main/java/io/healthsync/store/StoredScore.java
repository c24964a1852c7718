package io.healthsync.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An account's latest score as stored: drivers and signals stay the JSON they were saved as, so a reader
 * can pass them on without a round trip through the model classes.
 */
public record StoredScore(String accountId, LocalDate asOf, double score, String band, String driversJson,
                          String signalsJson, Double churnProbability, Double expansionProbability,
                          String modelVersion, Instant computedAt) {
}

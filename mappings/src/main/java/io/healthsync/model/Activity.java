package io.healthsync.model;

import java.time.Instant;

/**
 * One thing that happened with an account, from any source. {@code sourceId} is unique within
 * {@code source}, so re-reading a page upserts instead of duplicating.
 */
public record Activity(
        String source,
        String sourceId,
        String accountId,
        ActivityType type,
        String rawType,
        Instant occurredAt,
        String actorId,
        Integer durationMinutes) {
}

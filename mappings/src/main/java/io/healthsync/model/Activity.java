package io.healthsync.model;

import java.time.Instant;

/**
 * One thing that happened with an account, from any source. {@code sourceId} is unique within
 * {@code source}, so re-reading a page upserts instead of duplicating.
 *
 * <p>{@code rawType} and {@code sourceType} are the labels as the source gave them (for a Salesforce Task:
 * its Subject and its Type). {@code type} is null for free-text activities until they are classified by
 * taxonomy.yaml at scoring time, so an edited taxonomy applies to everything already stored; sources with
 * structural types (a ticket opened, an invoice paid) set it when they pull.
 */
public record Activity(
        String source,
        String sourceId,
        String accountId,
        ActivityType type,
        String rawType,
        String sourceType,
        Instant occurredAt,
        String actorId,
        Integer durationMinutes) {

    public Activity withType(ActivityType classified) {
        return new Activity(source, sourceId, accountId, classified, rawType, sourceType, occurredAt, actorId,
                durationMinutes);
    }

    /** The label reports show for it: the most specific one the source gave. */
    public String label() {
        return rawType != null && !rawType.isBlank() ? rawType : sourceType;
    }
}

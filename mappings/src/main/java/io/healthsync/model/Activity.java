package io.healthsync.model;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened with an account, from any source. {@code sourceId} is unique within
 * {@code source}, so re-reading a page upserts instead of duplicating.
 *
 * <p>{@code rawType} and {@code sourceType} are the labels as the source gave them (for a Salesforce Task:
 * its Subject and its Type). {@code type} is null for free-text activities until they are classified by
 * taxonomy.yaml at scoring time, so an edited taxonomy applies to everything already stored; sources with
 * structural types (a ticket opened, an invoice paid) set it when they pull.
 *
 * <p>{@code measures} are the activity's numbers by name, e.g. {@code first_reply_hours},
 * {@code resolution_hours} of a solved ticket or {@code amount} of an invoice (in the currency's major unit).
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
        Integer durationMinutes,
        Map<String, Double> measures) {

    public Activity {
        measures = measures == null ? Map.of() : Map.copyOf(measures);
    }

    /** A CRM activity: no measures beyond its duration. */
    public Activity(String source, String sourceId, String accountId, ActivityType type, String rawType,
                    String sourceType, Instant occurredAt, String actorId, Integer durationMinutes) {
        this(source, sourceId, accountId, type, rawType, sourceType, occurredAt, actorId, durationMinutes, Map.of());
    }

    public Activity withAccountId(String matched) {
        return new Activity(source, sourceId, matched, type, rawType, sourceType, occurredAt, actorId,
                durationMinutes, measures);
    }

    /** A measure, or null when the activity has none of that name. */
    public Double measure(String name) {
        return measures.get(name);
    }

    public Activity withType(ActivityType classified) {
        return new Activity(source, sourceId, accountId, classified, rawType, sourceType, occurredAt, actorId,
                durationMinutes, measures);
    }

    /** The label reports show for it: the most specific one the source gave. */
    public String label() {
        return rawType != null && !rawType.isBlank() ? rawType : sourceType;
    }
}

package io.healthsync.model;

import java.time.LocalDate;
import java.util.Map;

/**
 * One account's product usage on one UTC day, from the product-analytics source: distinct active users,
 * distinct sessions, and events per tracked feature (the feature names of sources.yaml). A day is pulled
 * whole and replaces any earlier copy, so re-reading it never double counts.
 */
public record UsageDay(
        String source,
        String accountId,
        LocalDate day,
        int activeUsers,
        int sessions,
        Map<String, Integer> featureEvents) {

    public UsageDay {
        featureEvents = featureEvents == null ? Map.of() : Map.copyOf(featureEvents);
    }

    public UsageDay withAccountId(String matched) {
        return new UsageDay(source, matched, day, activeUsers, sessions, featureEvents);
    }

    /** The row's identity: one per source, account and day. */
    public String recordId() {
        return accountId + "/" + day;
    }
}

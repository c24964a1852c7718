package io.healthsync.connectors.source;

import io.healthsync.model.Activity;
import io.healthsync.model.Outcome;
import io.healthsync.model.QuarantinedRecord;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import java.util.ArrayList;
import java.util.List;

/**
 * A page whose records have found their accounts (or not): what the store saves in one transaction with
 * the stream's cursor. {@code rematched} are earlier unmatched rows that found their account now and
 * leave the unmatched table.
 */
public final class MatchedPage {

    /** A source entity and the account it matched, null when none. */
    public record Link(String entityId, String name, String keys, String accountId) {
    }

    /** The key of an unmatched row. */
    public record UnmatchedKey(String kind, String recordId) {
    }

    public final List<Link> links = new ArrayList<>();
    public final List<Activity> activities = new ArrayList<>();
    public final List<UsageDay> usage = new ArrayList<>();
    public final List<Subscription> subscriptions = new ArrayList<>();
    public final List<Outcome> outcomes = new ArrayList<>();
    public final List<UnmatchedRecord> unmatched = new ArrayList<>();
    public final List<UnmatchedKey> rematched = new ArrayList<>();
    public final List<QuarantinedRecord> quarantined = new ArrayList<>();
    /** The stream's cursor once this page is stored; null keeps the stored one. */
    public String cursor;
    public int records;

    public int matchedRecords() {
        return activities.size() + usage.size() + subscriptions.size() + outcomes.size();
    }
}

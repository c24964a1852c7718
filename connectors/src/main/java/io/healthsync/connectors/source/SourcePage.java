package io.healthsync.connectors.source;

import io.healthsync.model.Activity;
import io.healthsync.model.Outcome;
import io.healthsync.model.QuarantinedRecord;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a source's stream turned into canonical records (accounts still to be matched), records
 * that could not be mapped (quarantined, never dropped), the cursor that is valid once all of them are
 * stored (the source's own JSON), and the next request, or null when the stream has no more pages now.
 */
public final class SourcePage {

    private final List<AccountLink> links = new ArrayList<>();
    private final List<Keyed<Activity>> activities = new ArrayList<>();
    private final List<Keyed<UsageDay>> usage = new ArrayList<>();
    private final List<Keyed<Subscription>> subscriptions = new ArrayList<>();
    private final List<Keyed<Outcome>> outcomes = new ArrayList<>();
    private final List<QuarantinedRecord> quarantined = new ArrayList<>();
    private int records;
    private String cursor;
    private SourceRequest next;

    public List<AccountLink> links() {
        return links;
    }

    public List<Keyed<Activity>> activities() {
        return activities;
    }

    public List<Keyed<UsageDay>> usage() {
        return usage;
    }

    public List<Keyed<Subscription>> subscriptions() {
        return subscriptions;
    }

    public List<Keyed<Outcome>> outcomes() {
        return outcomes;
    }

    public List<QuarantinedRecord> quarantined() {
        return quarantined;
    }

    /** Source records the page held (tickets, events, ...), quarantined ones included. */
    public int records() {
        return records;
    }

    public SourcePage countRecords(int n) {
        records += n;
        return this;
    }

    /** The stream's cursor once this page is stored, as the source's own JSON; null keeps the previous one. */
    public String cursor() {
        return cursor;
    }

    public SourcePage cursor(String json) {
        this.cursor = json;
        return this;
    }

    /** The next page's request, or null: the stream is read to its end for now. */
    public SourceRequest next() {
        return next;
    }

    public SourcePage next(SourceRequest request) {
        this.next = request;
        return this;
    }
}

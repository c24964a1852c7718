package io.healthsync.connectors.source;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one pull of one HTTP source did: the run report, the status command and the demo's JSON read it. */
public final class SourcePullReport {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String OPEN_BREAKER = "open-breaker";

    public final String source;
    public final Instant startedAt;
    public Instant finishedAt;
    public String state = OK;
    public int pages;
    public int records;
    public int retries;
    public int quarantined;
    public int unmatched;
    /** Earlier unmatched records that found their account this run. */
    public int rematched;
    /** Why the pull stopped, in words an operator can act on; null when it completed. */
    public String message;
    /** Per stream: did its pull reach the end. */
    public final Map<String, Boolean> streamsComplete = new LinkedHashMap<>();

    public SourcePullReport(String source, Instant startedAt) {
        this.source = source;
        this.startedAt = startedAt;
    }

    /** Every stream reached its end: the store's copy of this source is current. */
    public boolean complete() {
        return OK.equals(state) && !streamsComplete.containsValue(false);
    }
}

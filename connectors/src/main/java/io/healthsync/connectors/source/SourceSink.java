package io.healthsync.connectors.source;

import io.healthsync.model.QuarantinedRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where an HTTP source's pages go. Implemented by the store: a page and its cursor in one transaction. */
public interface SourceSink {

    Optional<String> cursor(String source, String stream);

    /** The live CRM accounts and this source's entities already linked to one. */
    AccountIndex accountIndex(String source);

    /** Stores the matched page, its unmatched records and, when not null, the stream's new cursor, together. */
    void store(String source, String stream, MatchedPage page);

    /** The stream's pull reached its end for now. */
    void markComplete(String source, String stream, Instant at);

    /** The source's records that matched no account so far, to be tried again. */
    List<UnmatchedRecord> unmatched(String source);

    /** The {@link AccountIndex#fingerprint()} every unmatched record of the source was last tried against. */
    Optional<String> unmatchedTriedAgainst(String source);

    void saveUnmatchedTriedAgainst(String source, String fingerprint);

    void quarantine(List<QuarantinedRecord> records);

    /** What the source's breaker was when the last process left it (a one-shot run starts from there). */
    Optional<BreakerMemory> breaker(String source);

    void saveBreaker(String source, BreakerMemory state);

    void recordRun(SourcePullReport report);

    /** The breaker's state and since when: OPEN, HALF_OPEN or CLOSED. */
    record BreakerMemory(String state, Instant since) {
    }
}

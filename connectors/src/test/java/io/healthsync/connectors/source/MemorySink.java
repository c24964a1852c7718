package io.healthsync.connectors.source;

import io.healthsync.model.Activity;
import io.healthsync.model.QuarantinedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory store for the seam's tests; {@code failOnStore} makes the n-th page store fail (a crash). */
final class MemorySink implements SourceSink {

    final Map<String, String> cursors = new HashMap<>();
    final Map<String, Activity> activities = new LinkedHashMap<>();
    final Map<String, UnmatchedRecord> unmatched = new LinkedHashMap<>();
    final List<QuarantinedRecord> quarantined = new ArrayList<>();
    final List<SourcePullReport> runs = new ArrayList<>();
    final Map<String, BreakerMemory> breakers = new HashMap<>();
    final Map<String, String> triedAgainst = new HashMap<>();
    int unmatchedReads;
    final List<String> accounts;
    int stores;
    int failOnStore = -1;
    /** Run as each page's store begins, with the page's number. */
    java.util.function.IntConsumer beforeStore = n -> { };

    MemorySink(List<String> accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<String> cursor(String source, String stream) {
        return Optional.ofNullable(cursors.get(source + "/" + stream));
    }

    @Override
    public AccountIndex accountIndex(String source) {
        return new AccountIndex(accounts.stream().map(id -> new AccountIndex.Entry(id, null)).toList(), Map.of());
    }

    @Override
    public void store(String source, String stream, MatchedPage page) {
        beforeStore.accept(stores + 1);
        if (++stores == failOnStore) {
            throw new IllegalStateException("the process died while storing page " + stores);
        }
        page.activities.forEach(a -> activities.put(a.source() + "/" + a.sourceId(), a));
        page.unmatched.forEach(u -> unmatched.put(u.kind() + "/" + u.recordId(), u));
        page.rematched.forEach(k -> unmatched.remove(k.kind() + "/" + k.recordId()));
        quarantined.addAll(page.quarantined);
        if (page.cursor != null) {
            cursors.put(source + "/" + stream, page.cursor);
        }
    }

    @Override
    public void markComplete(String source, String stream, Instant at) {
    }

    @Override
    public List<UnmatchedRecord> unmatched(String source) {
        unmatchedReads++;
        return List.copyOf(unmatched.values());
    }

    @Override
    public Optional<String> unmatchedTriedAgainst(String source) {
        return Optional.ofNullable(triedAgainst.get(source));
    }

    @Override
    public void saveUnmatchedTriedAgainst(String source, String fingerprint) {
        triedAgainst.put(source, fingerprint);
    }

    @Override
    public void quarantine(List<QuarantinedRecord> records) {
        quarantined.addAll(records);
    }

    @Override
    public Optional<BreakerMemory> breaker(String source) {
        return Optional.ofNullable(breakers.get(source));
    }

    @Override
    public void saveBreaker(String source, BreakerMemory state) {
        breakers.put(source, state);
    }

    @Override
    public void recordRun(SourcePullReport report) {
        runs.add(report);
    }
}

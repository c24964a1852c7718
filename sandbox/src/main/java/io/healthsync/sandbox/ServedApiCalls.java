package io.healthsync.sandbox;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * API calls counted the way the org counts them: the allowance is per UTC day (a real org's window is a
 * rolling 24 hours; a day keeps a long-lived demo directory usable), the total since generation is kept
 * for reports, and every kind of request is tallied for demos and tests.
 */
final class ServedApiCalls {

    private LocalDate day;
    private long usedToday;
    private long total;
    private final Map<String, Long> byKind = new TreeMap<>();

    ServedApiCalls(LocalDate day, long usedToday, long total, Map<String, Long> byKind) {
        this.day = day;
        this.usedToday = usedToday;
        this.total = total;
        this.byKind.putAll(byKind);
    }

    static ServedApiCalls fresh(LocalDate today) {
        return new ServedApiCalls(today, 0, 0, Map.of());
    }

    boolean exhausted(long limit, LocalDate today) {
        rollTo(today);
        return usedToday >= limit;
    }

    /** Counts one call against the allowance. */
    void countCall(LocalDate today) {
        rollTo(today);
        usedToday++;
        total++;
    }

    void tally(String kind) {
        byKind.merge(kind, 1L, Long::sum);
    }

    long usedToday(LocalDate today) {
        rollTo(today);
        return usedToday;
    }

    long total() {
        return total;
    }

    LocalDate day() {
        return day;
    }

    Map<String, Long> byKind() {
        return Map.copyOf(byKind);
    }

    private void rollTo(LocalDate today) {
        if (today.isAfter(day)) {
            day = today;
            usedToday = 0;
        }
    }
}

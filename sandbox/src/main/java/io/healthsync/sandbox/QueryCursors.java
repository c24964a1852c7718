package io.healthsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open query cursors: the snapshot a query took on its first call, paged out by nextRecordsUrl locators
 * ("<cursor id>-<offset>"). Like an org, a cursor is released when it has been idle 15 minutes, or when the
 * user opens an eleventh one (the oldest opened goes); a locator of a released cursor is invalid. The sandbox
 * has one API user, so "per user" is all sessions together. Optionally a cursor also dies after serving a
 * fixed number of queryMore pages, so a pull can be made to meet INVALID_QUERY_LOCATOR on purpose.
 */
final class QueryCursors {

    static final int MAX_OPEN = 10;
    static final Duration MAX_IDLE = Duration.ofMinutes(15);

    /** One open cursor; pagesLeft is the queryMore pages it may still serve (-1: no such limit). */
    static final class Cursor {
        private final String id;
        private final SoqlEvaluator.Result result;
        private final int batchSize;
        private int pagesLeft;
        private Instant lastUsed;

        private Cursor(String id, SoqlEvaluator.Result result, int batchSize, int pagesLeft, Instant lastUsed) {
            this.id = id;
            this.result = result;
            this.batchSize = batchSize;
            this.pagesLeft = pagesLeft;
            this.lastUsed = lastUsed;
        }

        String id() {
            return id;
        }

        SoqlEvaluator.Result result() {
            return result;
        }

        int batchSize() {
            return batchSize;
        }
    }

    // insertion order: when an eleventh cursor opens, the oldest opened is released, however recently used
    private final Map<String, Cursor> open = new LinkedHashMap<>();
    private final int maxPages;
    private long nextSerial = 1;

    /** @param maxPages 0: cursors serve any number of pages; N: a cursor dies after N queryMore pages */
    QueryCursors(int maxPages) {
        this.maxPages = maxPages;
    }

    synchronized Cursor open(SoqlEvaluator.Result result, int batchSize, Instant now) {
        releaseIdle(now);
        Cursor cursor = new Cursor(SalesforceIds.of("01g", nextSerial++), result, batchSize,
                maxPages == 0 ? -1 : maxPages, now);
        open.put(cursor.id(), cursor);
        Iterator<Cursor> oldestFirst = open.values().iterator();
        while (open.size() > MAX_OPEN) {
            oldestFirst.next();
            oldestFirst.remove();
        }
        return cursor;
    }

    /**
     * The open cursor a queryMore locator names; empty when it was never opened, idled out, was crowded out
     * or has served its pages.
     */
    synchronized Optional<Cursor> find(String cursorId, Instant now) {
        releaseIdle(now);
        Cursor cursor = open.get(cursorId);
        if (cursor != null && cursor.pagesLeft == 0) {
            open.remove(cursorId);
            return Optional.empty();
        }
        return Optional.ofNullable(cursor);
    }

    /** Counts a queryMore page the cursor served: it is used now, and has one page fewer left. */
    synchronized void served(Cursor cursor, Instant now) {
        cursor.lastUsed = now;
        if (cursor.pagesLeft > 0) {
            cursor.pagesLeft--;
        }
    }

    synchronized int openCount() {
        return open.size();
    }

    private void releaseIdle(Instant now) {
        open.values().removeIf(cursor -> Duration.between(cursor.lastUsed, now).compareTo(MAX_IDLE) > 0);
    }
}

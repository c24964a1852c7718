package io.healthsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open query cursors: the snapshot a query took on its first call, paged out by nextRecordsUrl locators
 * ("<cursor id>-<offset>"). Like an org, only the most recently used cursors stay open; a locator of an
 * evicted cursor is invalid.
 */
final class QueryCursors {

    static final int MAX_OPEN = 20;

    record Cursor(String id, SoqlEvaluator.Result result, int batchSize) {
    }

    private final Map<String, Cursor> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_OPEN;
        }
    };
    private long nextSerial = 1;

    synchronized Cursor open(SoqlEvaluator.Result result, int batchSize) {
        Cursor cursor = new Cursor(SalesforceIds.of("01g", nextSerial++), result, batchSize);
        open.put(cursor.id(), cursor);
        return cursor;
    }

    synchronized Optional<Cursor> find(String cursorId) {
        return Optional.ofNullable(open.get(cursorId));
    }
}

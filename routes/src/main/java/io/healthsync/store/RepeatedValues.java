package io.healthsync.store;

import java.util.HashMap;
import java.util.Map;

/**
 * One shared instance per distinct value read in one pass over a large result: an account's id, a source's
 * name, a subject line or an actor repeat across hundreds of thousands of rows, and the driver makes a new
 * String for each. At 100,000 accounts (1.7 million activities) this keeps the heap for scoring under 1 GiB.
 * Not thread-safe; not meant for values that are unique per row (ids of the records themselves).
 */
final class RepeatedValues {

    private final Map<String, String> seen = new HashMap<>();

    /** The first instance equal to {@code value} that this pass saw; null stays null. */
    String of(String value) {
        if (value == null) {
            return null;
        }
        String first = seen.putIfAbsent(value, value);
        return first == null ? value : first;
    }

    /** Distinct values seen so far. */
    int distinct() {
        return seen.size();
    }
}

package io.healthsync.store;

import java.util.Objects;

/**
 * The accounts whose CRM id lies between two ids, both included, in the database's own order: scoring reads
 * the store one such range at a time, so that it never holds every account's history at once. The bounds are
 * taken from {@link Store#accounts()} (ordered by the database), so a range means the same to the query as to
 * the list it was cut from, whatever the database's collation.
 */
public record AccountRange(String first, String last) {

    public AccountRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }

    /** The SQL condition on {@code column}: two parameters, first and last. */
    static String condition(String column) {
        return column + " BETWEEN ? AND ?";
    }
}

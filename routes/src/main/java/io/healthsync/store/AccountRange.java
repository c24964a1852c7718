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

    /**
     * The query's condition on account_id, after {@code keyword} ("WHERE" or "AND"): " AND account_id BETWEEN ? AND ?"
     * for a range, nothing for none (every account).
     */
    static String sql(String keyword, AccountRange range) {
        return range == null ? "" : " " + keyword + " account_id BETWEEN ? AND ?";
    }

    /** The query's own parameters, then the range's bounds when there is one (see {@link #sql}). */
    static Object[] params(AccountRange range, Object... params) {
        if (range == null) {
            return params;
        }
        Object[] all = java.util.Arrays.copyOf(params, params.length + 2);
        all[params.length] = range.first();
        all[params.length + 1] = range.last();
        return all;
    }
}

package io.healthsync.store;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The accounts whose CRM id lies between two ids, both included, in the database's own order: scoring reads
 * the store one such range at a time, so that it never holds every account's history at once. The bounds are
 * taken from {@link Store#accounts()} (ordered by the database), so a range means the same to the query as to
 * the list it was cut from, whatever the database's collation. Or, with {@code ids}, exactly the accounts named
 * (a day's later run reads only the accounts whose data changed, spread over every range; see {@link #only}).
 */
public record AccountRange(String first, String last, List<String> ids) {

    /**
     * Ids named at most in one query (one parameter each). H2 finds the rows by the index, one lookup an id, but then
     * tests each row it found against the list one id after another: with 1,000 ids that test was two thirds of
     * reading a day's 5,000 changed accounts at 100,000 (an id list of 100 makes it a tenth, for 10 times the queries,
     * each a few milliseconds).
     */
    public static final int MAX_IDS = 100;

    public AccountRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (ids != null) {
            if (ids.isEmpty() || ids.size() > MAX_IDS) {
                throw new IllegalArgumentException("an account list names 1 to " + MAX_IDS + " ids, got " + ids.size());
            }
            ids = Collections.unmodifiableList(List.copyOf(ids));
        }
    }

    public AccountRange(String first, String last) {
        this(first, last, null);
    }

    /** Exactly these accounts (1 to {@value #MAX_IDS}), whatever lies between them. */
    public static AccountRange only(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("an account list names 1 to " + MAX_IDS + " ids, got none");
        }
        return new AccountRange(ids.get(0), ids.get(ids.size() - 1), ids);
    }

    /**
     * The query's condition on account_id, after {@code keyword} ("WHERE" or "AND"): " AND account_id BETWEEN ? AND ?"
     * for a range, " AND account_id IN (?, ...)" for a list, nothing for none (every account).
     */
    static String sql(String keyword, AccountRange range) {
        if (range == null) {
            return "";
        }
        if (range.ids() != null) {
            return " " + keyword + " account_id IN (" + String.join(", ", Collections.nCopies(range.ids().size(), "?")) + ")";
        }
        return " " + keyword + " account_id BETWEEN ? AND ?";
    }

    /** The query's own parameters, then the range's bounds or ids when there is one (see {@link #sql}). */
    static Object[] params(AccountRange range, Object... params) {
        if (range == null) {
            return params;
        }
        List<String> bounds = range.ids() != null ? range.ids() : List.of(range.first(), range.last());
        Object[] all = java.util.Arrays.copyOf(params, params.length + bounds.size());
        for (int i = 0; i < bounds.size(); i++) {
            all[params.length + i] = bounds.get(i);
        }
        return all;
    }
}

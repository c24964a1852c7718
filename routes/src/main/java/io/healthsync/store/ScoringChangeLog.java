package io.healthsync.store;

import static io.healthsync.store.Jdbc.batch;
import static io.healthsync.store.Jdbc.bind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes scoring_change rows (V19) in the transaction that stores a page, so that a day's later scoring can read
 * only the accounts whose scoring inputs changed ({@link SignalSnapshot}). A changed record is logged under the
 * account it belongs to now and, when the pull is incremental, under the one it belonged to before (an activity
 * moved to another account changes both). A backfill logs one row for every account instead of a lookup per record.
 * Accounts themselves are not logged: scoring compares them with the snapshot (every Account comes back after a
 * full write, as our own echo).
 */
final class ScoringChangeLog {

    private static final String INSERT = "INSERT INTO scoring_change (account_id) VALUES (?)";

    private ScoringChangeLog() {
    }

    /** Every account's inputs may have changed (a backfill, whose pages are too large to look up record by record). */
    static void everyAccount(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            ps.setNull(1, java.sql.Types.VARCHAR);
            ps.executeUpdate();
        }
    }

    /** These accounts' inputs changed (nulls, records matched to no account, left out); each logged once. */
    static void accounts(Connection connection, Collection<String> accountIds) throws SQLException {
        Set<String> distinct = new LinkedHashSet<>(accountIds);
        distinct.remove(null);
        batch(connection, INSERT, new ArrayList<>(distinct), (ps, id) -> bind(ps, id));
    }

    /** The accounts these activities' stored rows belong to now (none for the ones not stored yet). */
    static List<String> activityOwnersNow(Connection connection, SqlDialect dialect,
                                          List<io.healthsync.model.Activity> activities) throws SQLException {
        return ownersNow(connection, dialect, "activity", List.of("source", "source_id"),
                activities.stream().map(a -> new Object[] {a.source(), a.sourceId()}).toList());
    }

    /**
     * The accounts that rows of {@code table} belong to now, for rows about to be overwritten or tombstoned.
     * {@code keyColumns} name the key, each element of {@code keys} its values in that order. On H2, one lookup by
     * primary key a row (in the process: microseconds; an IN list over a composite key is scanned by H2); on
     * PostgreSQL, a lookup a key prefix with the last column's values as one array
     * ({@code IN (SELECT unnest(?))}), since a round trip a row cost a drifted pull of 100,000 accounts some 25,000
     * of them.
     */
    static List<String> ownersNow(Connection connection, SqlDialect dialect, String table, List<String> keyColumns,
                                  List<Object[]> keys) throws SQLException {
        List<String> owners = new ArrayList<>();
        if (keys.isEmpty()) {
            return owners;
        }
        if (dialect == SqlDialect.POSTGRESQL) {
            ownersByArray(connection, table, keyColumns, keys, owners);
            return owners;
        }
        String where = String.join(" = ? AND ", keyColumns) + " = ?";
        try (PreparedStatement ps = connection.prepareStatement("SELECT account_id FROM " + table + " WHERE " + where)) {
            for (Object[] key : keys) {
                bind(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        owners.add(rs.getString(1));
                    }
                }
            }
        }
        return owners;
    }

    /** Keys grouped by every column but the last; each group one query with the last column's values as an array. */
    private static void ownersByArray(Connection connection, String table, List<String> keyColumns, List<Object[]> keys,
                                      List<String> owners) throws SQLException {
        int last = keyColumns.size() - 1;
        java.util.Map<List<Object>, List<Object>> byPrefix = new java.util.LinkedHashMap<>();
        for (Object[] key : keys) {
            byPrefix.computeIfAbsent(java.util.Arrays.asList(key).subList(0, last), k -> new ArrayList<>()).add(key[last]);
        }
        StringBuilder where = new StringBuilder();
        for (int c = 0; c < last; c++) {
            where.append(keyColumns.get(c)).append(" = ? AND ");
        }
        // IN (SELECT unnest(?)), not = ANY(?): with the table's statistics missing or stale, PostgreSQL planned
        // = ANY(?) as a scan of every key under the prefix (1.2 million Tasks) with the array as a filter
        where.append(keyColumns.get(last)).append(" IN (SELECT unnest(?))");
        try (PreparedStatement ps = connection.prepareStatement("SELECT account_id FROM " + table + " WHERE " + where)) {
            for (java.util.Map.Entry<List<Object>, List<Object>> group : byPrefix.entrySet()) {
                for (int c = 0; c < last; c++) {
                    ps.setObject(c + 1, group.getKey().get(c));
                }
                ps.setArray(last + 1, connection.createArrayOf("varchar", group.getValue().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        owners.add(rs.getString(1));
                    }
                }
            }
        }
    }
}

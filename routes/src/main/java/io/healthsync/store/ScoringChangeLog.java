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

    /**
     * The accounts that rows of {@code table} belong to now, looked up by key one row at a time (a lookup by primary
     * key on either database; an IN list over a composite key is scanned by H2), for rows about to be overwritten or
     * tombstoned. {@code keyColumns} name the key, each element of {@code keys} its values in that order.
     */
    static List<String> ownersNow(Connection connection, String table, List<String> keyColumns, List<Object[]> keys)
            throws SQLException {
        List<String> owners = new ArrayList<>();
        if (keys.isEmpty()) {
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
}

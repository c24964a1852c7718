package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cost shape of saving a plan: it supersedes the earlier plans' actions still open. That update must read
 * the open actions, not every action ever decided (rows H2 scans, counted by EXPLAIN ANALYZE; no clock
 * involved), else each plan costs more than the one before.
 */
class SupersedeCostTest {

    @Test
    void superseding_reads_as_many_rows_after_3000_done_actions_as_after_300() throws SQLException {
        long small = rowsReadSuperseding(300);
        long large = rowsReadSuperseding(3000);

        assertThat(large).isEqualTo(small).isLessThanOrEqualTo(10); // the 3 open actions and the index boundaries
    }

    /** Rows read by the supersede update with {@code done} actions written or logged and 3 still open. */
    private static long rowsReadSuperseding(int done) throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (JdbcStore store = JdbcStore.open(url, null, null);
             Connection connection = DriverManager.getConnection(url)) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO playbook_action (action_key, plan_id, "
                    + "account_id, playbook_id, kind, held_out, status, created_on, details, updated_at) VALUES "
                    + "(?, 'plan-old', ?, 'csm-checkin', 'TASK', FALSE, ?, DATE '2026-11-23', '{}', "
                    + "TIMESTAMP WITH TIME ZONE '2026-11-23 06:00:00+00')")) {
                for (int i = 0; i < done + 3; i++) {
                    String account = String.format("001%015d", i);
                    insert.setString(1, account + ":csm-checkin:2026-W48");
                    insert.setString(2, account);
                    insert.setString(3, i < 3 ? "planned" : (i % 2 == 0 ? "written" : "logged"));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("EXPLAIN ANALYZE " + PlaybookActionTable.SUPERSEDE_OPEN
                         .replaceFirst("\\?", "TIMESTAMP WITH TIME ZONE '2026-11-30 06:00:00+00'")
                         .replaceFirst("\\?", "'plan-new'"))) {
                rs.next();
                return H2Explain.rowsScanned(rs.getString(1));
            }
        }
    }
}

package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A large read runs in a read-only transaction of its own (where PostgreSQL's driver reads by fetch size), never
 * lazily on H2 (whose lazy results can lose their pages to its background compaction, h2database#4142), and gives
 * its pooled connection back as it came.
 */
class LargeReadsTest {

    @Test
    void a_large_read_runs_in_a_transaction_of_its_own_never_lazily_and_its_connection_goes_back_as_it_came()
            throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(1); // every call gets the same connection
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Jdbc jdbc = new Jdbc(dataSource);
            int rows = 30_000;
            jdbc.inTransaction(connection -> {
                try (Statement sql = connection.createStatement()) {
                    sql.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                    for (int i = 0; i < rows; i++) {
                        insert.setInt(1, i);
                        insert.setString(2, "row " + i);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
            List<String> whileReading = new ArrayList<>();

            List<Integer> ids = jdbc.queryLarge("SELECT id, v FROM t ORDER BY id", rs -> {
                if (rs.getRow() == 1) {
                    Connection connection = rs.getStatement().getConnection();
                    whileReading.add((lazy(connection) ? "lazy" : "whole") + ", "
                            + (connection.getAutoCommit() ? "autocommit" : "in a transaction"));
                }
                return rs.getInt(1);
            });

            assertThat(ids).hasSize(rows).startsWith(0, 1, 2).endsWith(rows - 1);
            assertThat(whileReading).containsExactly("whole, in a transaction");
            assertThat(jdbc.query("SELECT 1", rs -> rs.getStatement().getConnection().getAutoCommit())).containsExactly(true);

            // a read that fails on the way gives its connection back as it came too
            assertThatThrownBy(() -> jdbc.queryLarge("SELECT id FROM t", rs -> {
                throw new SQLException("a row that cannot be read");
            })).isInstanceOf(StoreException.class).hasMessageContaining("SELECT id FROM t");
            assertThat(jdbc.query("SELECT 1", rs -> rs.getStatement().getConnection().getAutoCommit())).containsExactly(true);
        }
    }

    private static boolean lazy(Connection connection) throws SQLException {
        return ((org.h2.engine.SessionLocal) connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                .isLazyQueryExecution();
    }
}

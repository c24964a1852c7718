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
        try (HikariDataSource dataSource = memoryDatabase(1)) { // every call gets the same connection
            Jdbc jdbc = new Jdbc(dataSource);
            int rows = 30_000;
            tableT(jdbc, rows, i -> "row " + i);
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

    @Test
    void a_read_by_key_comes_in_key_order_whole_and_once_in_queries_of_a_page_each() throws Exception {
        try (HikariDataSource dataSource = memoryDatabase(4)) {
            Jdbc jdbc = new Jdbc(dataSource);
            int page = Jdbc.ROWS_PER_KEY_PAGE;
            // per value of the key's first column: one page exactly, two and a half, one row, a page less one
            int[] rowsPerDay = {page, page * 5 / 2, 1, page - 1};
            jdbc.inTransaction(connection -> {
                try (Statement sql = connection.createStatement()) {
                    sql.execute("CREATE TABLE h (d INT, id VARCHAR(10), v INT, PRIMARY KEY (d, id))");
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO h VALUES (?, ?, ?)")) {
                    for (int day = 0; day < rowsPerDay.length; day++) {
                        for (int i = 0; i < rowsPerDay[day]; i++) {
                            insert.setInt(1, day);
                            insert.setString(2, String.format("a%06d", i));
                            insert.setInt(3, day * 100_000 + i);
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
                return null;
            });
            java.util.Map<java.sql.Statement, Integer> rowsPerQuery = new java.util.LinkedHashMap<>();

            List<Integer> values = jdbc.queryByKey("v", "h WHERE d >= ?", List.of("d", "id"), rs -> {
                rowsPerQuery.merge(rs.getStatement(), 1, Integer::sum);
                return rs.getInt(1);
            }, 0);
            List<Integer> ids = jdbc.queryByKey("v", "h WHERE v >= ?", List.of("v"), rs -> rs.getInt(1), 100_000);

            List<Integer> expected = new ArrayList<>();
            for (int day = 0; day < rowsPerDay.length; day++) {
                for (int i = 0; i < rowsPerDay[day]; i++) {
                    expected.add(day * 100_000 + i);
                }
            }
            assertThat(values).isEqualTo(expected);
            // the day of two and a half pages is read in three queries; the day of one row and the next share one
            assertThat(rowsPerQuery.values()).containsExactly(page, page, page, page / 2, page);
            assertThat(ids).isEqualTo(expected.subList(page, expected.size()));
            assertThatThrownBy(() -> jdbc.queryByKey("v", "h WHERE v > 0", List.of("d", "id", "v"), rs -> 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_page_of_a_read_by_key_reads_the_index_in_order_not_every_row_after_the_key() throws Exception {
        try (HikariDataSource dataSource = memoryDatabase(4)) {
            Jdbc jdbc = new Jdbc(dataSource);
            int page = Jdbc.ROWS_PER_KEY_PAGE;
            int rows = page * 4;
            jdbc.inTransaction(connection -> {
                try (Statement sql = connection.createStatement()) {
                    // a key whose first column the where clause fixes (kind = ?)
                    sql.execute("CREATE TABLE w (kind VARCHAR(10), id INT, field VARCHAR(10), PRIMARY KEY (kind, id, field))");
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO w VALUES (?, ?, ?)")) {
                    for (int i = 0; i < rows; i++) {
                        insert.setString(1, i % 2 == 0 ? "Account" : "Task");
                        insert.setInt(2, i / 2);
                        insert.setString(3, "f" + (i % 3));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
            Jdbc.KeyPageQueries queries = Jdbc.KeyPageQueries.of("field", "w WHERE kind = ?", List.of("kind"),
                    List.of("id", "field"));

            long first = rowsScanned(jdbc, queries.first(), "Account");
            long after = rowsScanned(jdbc, queries.after(), "Account", 10);
            long within = rowsScanned(jdbc, queries.within(), "Account", 10, "f0");

            assertThat(first).isLessThanOrEqualTo(page + 1);
            assertThat(after).isLessThanOrEqualTo(page + 1);
            assertThat(within).isLessThanOrEqualTo(3);
            assertThat(jdbc.queryByKey("id", "w WHERE kind = ?", List.of("kind"), List.of("id", "field"),
                    rs -> rs.getInt(1), "Account")).hasSize(rows / 2).isSorted();
        }
    }

    @Test
    void a_read_by_key_as_of_its_first_page_sees_no_write_committed_after_it_in_later_pages_and_gives_its_connection_back()
            throws Exception {
        try (HikariDataSource dataSource = memoryDatabase(2)) {
            Jdbc jdbc = new Jdbc(dataSource);
            int rows = Jdbc.ROWS_PER_KEY_PAGE * 2 + 500; // three pages
            tableT(jdbc, rows, i -> "before");
            List<String> told = new ArrayList<>();

            // once the first page is read, another connection changes a row of the last page, adds one after it and
            // deletes one of the second: the read still sees the table as it was
            List<String> read = jdbc.queryByKeyAsOfFirstPage("id, v", "t WHERE v IS NOT NULL", List.of("id"), () -> {
                told.add("first page");
                jdbc.inTransaction(connection -> {
                    try (Statement sql = connection.createStatement()) {
                        sql.executeUpdate("UPDATE t SET v = 'after' WHERE id = " + (rows - 1));
                        sql.executeUpdate("INSERT INTO t VALUES (" + rows + ", 'after')");
                        sql.executeUpdate("DELETE FROM t WHERE id = " + (Jdbc.ROWS_PER_KEY_PAGE + 1));
                    }
                    return null;
                });
            }, rs -> rs.getInt(1) + " " + rs.getString(2));

            assertThat(told).containsExactly("first page");
            assertThat(read).hasSize(rows).doesNotContain("" + rows + " after", (rows - 1) + " after")
                    .contains((Jdbc.ROWS_PER_KEY_PAGE + 1) + " before").endsWith((rows - 1) + " before");
            // a read after it sees the writes, on a connection back in autocommit at the pool's isolation
            assertThat(jdbc.query("SELECT v FROM t WHERE id = ?", rs -> rs.getString(1), rows - 1)).containsExactly("after");
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.getAutoCommit()).isTrue();
                assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    /** Table t of {@code rows} rows: id 0 to rows - 1, and v the value of each id. */
    private static void tableT(Jdbc jdbc, int rows, java.util.function.IntFunction<String> value) {
        jdbc.inTransaction(connection -> {
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, value.apply(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** A pool of {@code connections} on a database in memory of its own. */
    private static HikariDataSource memoryDatabase(int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(connections);
        return new HikariDataSource(config);
    }

    private static long rowsScanned(Jdbc jdbc, String sql, Object... params) {
        return H2Explain.rowsScanned(jdbc.query("EXPLAIN ANALYZE " + sql, rs -> rs.getString(1), params).get(0));
    }

    private static boolean lazy(Connection connection) throws SQLException {
        return ((org.h2.engine.SessionLocal) connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                .isLazyQueryExecution();
    }
}

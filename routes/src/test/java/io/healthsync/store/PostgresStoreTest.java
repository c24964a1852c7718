package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.healthsync.connectors.salesforce.SalesforceObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same contract on PostgreSQL, in a throwaway schema. Runs when HEALTHSYNC_TEST_POSTGRES_URL is
 * set (.ci/run sets it); skipped otherwise, except in CI, where a missing URL is a failure.
 */
class PostgresStoreTest extends StoreContractTest {

    private static final String URL = System.getenv("HEALTHSYNC_TEST_POSTGRES_URL");
    private String schema;

    @Override
    protected JdbcStore openStore() {
        if (URL == null || URL.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI must run the store contract on PostgreSQL: set HEALTHSYNC_TEST_POSTGRES_URL");
            }
            assumeTrue(false, "HEALTHSYNC_TEST_POSTGRES_URL not set; PostgreSQL contract skipped");
        }
        schema = "hs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(URL, "CREATE SCHEMA " + schema);
        return JdbcStore.open(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            store.close();
            execute(URL, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void a_backfill_leaves_the_table_it_filled_with_planner_statistics() throws Exception {
        // autovacuum may be off, or behind a table filled in minutes: without statistics PostgreSQL planned the old
        // owners' lookups as scans of a whole key prefix
        assertThat(statisticsColumns("activity")).isZero();
        store.backfillBegins(SalesforceObject.TASK);
        store.store(page(SalesforceObject.TASK, TASKS));
        store.backfillsDone();

        assertThat(statisticsColumns("activity")).isPositive();
    }

    @Test
    void a_source_stream_pulled_completely_for_the_first_time_leaves_the_tables_it_filled_with_statistics()
            throws Exception {
        twoAccounts();
        store.store("amplitude", "events", sourcePage("{\"day\":\"2026-11-02\"}"));
        assertThat(statisticsColumns("usage_day")).isZero();

        store.markComplete("amplitude", "events", java.time.Instant.parse("2026-11-03T00:00:00Z"));

        for (String table : java.util.List.of("usage_day", "subscription", "outcome", "account_link", "activity")) {
            assertThat(statisticsColumns(table)).as(table).isPositive();
        }
    }

    /** Columns of the table that PostgreSQL holds statistics for (pg_stats: one row a column once analyzed). */
    private int statisticsColumns(String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(URL);
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT COUNT(*) FROM pg_stats WHERE schemaname = ? AND tablename = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}

package io.healthsync.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

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

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}

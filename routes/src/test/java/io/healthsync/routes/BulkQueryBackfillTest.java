package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.store.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The first pull of an object above salesforce.bulk_query_threshold goes through one Bulk API 2.0 query job,
 * against the sandbox org: the store ends exactly as the REST path leaves it, in fewer calls; later runs are
 * incremental on REST; a failed job fails the object's pull and leaves its cursor alone.
 */
class BulkQueryBackfillTest {

    private static final Map<String, String> ENV = Map.of("T_ID", "client", "T_SECRET", "s3cr3t");
    private static final HealthsyncApp.RetryPolicy FAST_RETRIES = new HealthsyncApp.RetryPolicy(1, 10);
    private static final List<String> PULLED_TABLES = List.of("crm_user", "account", "activity", "opportunity",
            "source_cursor", "quarantine");
    /** When a row was stored, and a quarantined record's payload (the REST JSON, or the CSV row as JSON). */
    private static final java.util.Set<String> NOT_COMPARED = java.util.Set.of("updated_at", "complete_at",
            "quarantine.id", "quarantine.created_at", "quarantine.payload");

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    private SalesforceSandbox sandbox(SandboxOptions options) {
        SalesforceSandbox sandbox = SalesforceSandbox.start(options);
        open.add(sandbox);
        return sandbox;
    }

    private static String newStoreUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private JdbcStore store(String url) {
        JdbcStore store = JdbcStore.open(url, null, null);
        open.add(store);
        return store;
    }

    private static HealthsyncConfig config(SalesforceSandbox sandbox, List<String> objects, int pageSize, long threshold) {
        HealthsyncConfig defaults = ConfigLoader.load(null);
        SourcesConfig.Salesforce sf = defaults.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials", new SecretRef("T_ID", null),
                new SecretRef("T_SECRET", null), null, null, null);
        return defaults.withSources(new SourcesConfig(new SourcesConfig.Salesforce(true, sf.cron(), sandbox.loginUrl(),
                sf.apiVersion(), auth, objects == null ? sf.objects() : objects, pageSize, sf.lookbackSeconds(),
                sf.historyDays(), null, threshold)));
    }

    /** Pulls (then scores and plans; nothing is written) and reports the run. */
    private static RunReport pull(HealthsyncConfig config, JdbcStore store) throws Exception {
        try (HealthsyncApp app = HealthsyncApp.start(config, store, ENV, Clock.systemUTC(), FAST_RETRIES)) {
            return app.sync(true, false);
        }
    }

    /** Every row of the tables a pull fills, in key order, without the moment each row was stored. */
    private static List<String> pulledRows(String url) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url)) {
            for (String table : PULLED_TABLES) {
                try (ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM " + table
                        + (table.equals("quarantine") ? " ORDER BY record_id, reason" : " ORDER BY 1, 2"))) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String column = meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                            if (!NOT_COMPARED.contains(column) && !NOT_COMPARED.contains(table + "." + column)) {
                                row.append(" | ").append(column).append('=').append(rs.getString(i));
                            }
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    /** Every non-unique index of the tables a pull fills, as "table.index(column, ...)", sorted. */
    private static List<String> indexes(String url) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url)) {
            for (String table : PULLED_TABLES) {
                java.util.Map<String, java.util.SortedMap<Short, String>> columns = new java.util.TreeMap<>();
                try (ResultSet rs = connection.getMetaData().getIndexInfo(null, "PUBLIC",
                        table.toUpperCase(java.util.Locale.ROOT), false, false)) {
                    while (rs.next()) {
                        if (rs.getString("INDEX_NAME") != null && rs.getBoolean("NON_UNIQUE")) {
                            columns.computeIfAbsent(rs.getString("INDEX_NAME").toLowerCase(java.util.Locale.ROOT),
                                    k -> new java.util.TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"),
                                    rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
                columns.forEach((name, cols) -> indexes.add(table + "." + name + "(" + String.join(", ", cols.values()) + ")"));
            }
        }
        java.util.Collections.sort(indexes);
        return indexes;
    }

    private static int calls(RunReport report, String operation) {
        return report.apiCallsByOperation.getOrDefault(operation, 0);
    }

    @Test
    void a_bulk_backfill_leaves_the_store_exactly_as_the_rest_pull_does_in_fewer_calls() throws Exception {
        SalesforceSandbox sandbox = sandbox(SandboxOptions.defaults().withAccounts(300).withSeed(11)
                .withBulkInProgressPolls(0));
        String restUrl = newStoreUrl();
        String bulkUrl = newStoreUrl();

        RunReport rest = pull(config(sandbox, null, 200, SourcesConfig.Salesforce.DEFAULT_BULK_QUERY_THRESHOLD), store(restUrl));
        RunReport bulk = pull(config(sandbox, null, 200, 100), store(bulkUrl));

        assertThat(rest.pullFailures).isEmpty();
        assertThat(bulk.pullFailures).isEmpty();
        List<String> restRows = pulledRows(restUrl);
        assertThat(restRows).anyMatch(row -> row.startsWith("activity")).anyMatch(row -> row.startsWith("opportunity"))
                .anyMatch(row -> row.startsWith("source_cursor"));
        assertThat(pulledRows(bulkUrl)).isEqualTo(restRows);
        // the backfills set the account indexes aside while they filled the empty tables: the run ends with them back
        assertThat(indexes(bulkUrl)).contains("activity.activity_by_account(account_id, occurred_at, is_deleted, source, "
                + "type, raw_type, source_type, measures)", "opportunity.opportunity_by_account(account_id)")
                .isEqualTo(indexes(restUrl));
        assertThat(calls(rest, ApiUsage.BULK_QUERY_OPERATION)).isZero();
        // Account, Task, Event and Opportunity hold more than 100 records each (User, 6, stays on REST): four jobs
        // of create, one poll (this sandbox completes a job at once) and one results page
        assertThat(calls(bulk, ApiUsage.BULK_QUERY_OPERATION)).isEqualTo(4 * 3);
        assertThat(calls(bulk, "query_more")).isZero();
        assertThat(bulk.apiCallsTotal).isLessThan(rest.apiCallsTotal);
    }

    @Test
    void the_run_after_a_bulk_backfill_is_incremental_on_rest() throws Exception {
        SalesforceSandbox sandbox = sandbox(SandboxOptions.defaults().withAccounts(40).withSeed(3));
        JdbcStore store = store(newStoreUrl());
        HealthsyncConfig config = config(sandbox, List.of("Account"), 2000, 10);

        RunReport first = pull(config, store);
        RunReport second = pull(config, store);

        assertThat(calls(first, ApiUsage.BULK_QUERY_OPERATION)).isPositive();
        assertThat(first.pullFailures).isEmpty();
        assertThat(calls(second, ApiUsage.BULK_QUERY_OPERATION)).isZero();
        assertThat(calls(second, "query")).isPositive();
        assertThat(second.pullFailures).isEmpty();
        assertThat(store.cursor(io.healthsync.connectors.salesforce.SalesforceObject.ACCOUNT)).isPresent();
    }

    @Test
    void an_object_of_exactly_the_threshold_stays_on_rest_and_one_more_goes_bulk() throws Exception {
        SalesforceSandbox sandbox = sandbox(SandboxOptions.defaults().withAccounts(30).withSeed(5));

        RunReport atThreshold = pull(config(sandbox, List.of("Account"), 2000, 30), store(newStoreUrl()));
        RunReport above = pull(config(sandbox, List.of("Account"), 2000, 29), store(newStoreUrl()));

        assertThat(calls(atThreshold, ApiUsage.BULK_QUERY_OPERATION)).isZero();
        assertThat(calls(above, ApiUsage.BULK_QUERY_OPERATION)).isPositive();
        assertThat(atThreshold.accountsPulled).isEqualTo(30);
        assertThat(above.accountsPulled).isEqualTo(30);
    }

    @Test
    void a_failed_query_job_fails_the_objects_pull_naming_the_job_and_leaves_its_cursor_alone() throws Exception {
        SalesforceSandbox sandbox = sandbox(SandboxOptions.defaults().withAccounts(30).withSeed(5)
                .withBulkQueryFailure("InternalServerError : the query timed out"));
        String url = newStoreUrl();
        JdbcStore store = store(url);

        RunReport report = pull(config(sandbox, List.of("User", "Account"), 2000, 10), store);

        assertThat(report.pullFailures).containsOnlyKeys("Account");
        assertThat(report.pullFailures.get("Account")).matches("BULK_QUERY_FAILED: Bulk API query job 750\\w{15} for "
                + "Account ended Failed: InternalServerError : the query timed out");
        assertThat(store.cursor(io.healthsync.connectors.salesforce.SalesforceObject.ACCOUNT)).isEmpty();
        assertThat(store.cursor(io.healthsync.connectors.salesforce.SalesforceObject.USER)).isPresent();
    }
}

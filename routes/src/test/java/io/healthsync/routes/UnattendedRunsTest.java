package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.connectors.salesforce.SalesforceObject;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.mappings.Taxonomy;
import io.healthsync.model.Account;
import io.healthsync.model.ActivityType;
import io.healthsync.model.HealthScore;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.store.JdbcStore;
import io.healthsync.store.StoredScore;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * healthsync as an operator runs it, over many runs, against the sandbox org behaving like a real one:
 * schedules, deletes, expiring query locators, an edited taxonomy, old plans, a quiet org, an outage.
 */
class UnattendedRunsTest {

    private static final Map<String, String> ENV = Map.of("T_ID", "client", "T_SECRET", "s3cr3t");
    private static final HealthsyncApp.RetryPolicy FAST_RETRIES = new HealthsyncApp.RetryPolicy(1, 10);

    private JdbcStore store;
    private SalesforceSandbox sandbox;
    private final HealthsyncConfig defaults = ConfigLoader.load(null);

    private String storeUrl;

    @BeforeEach
    void openStore() {
        storeUrl = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        store = JdbcStore.open(storeUrl, null, null);
    }

    @AfterEach
    void close() {
        store.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private SalesforceSandbox sandbox(SandboxOptions options) {
        sandbox = SalesforceSandbox.start(options.withSeed(7));
        return sandbox;
    }

    private HealthsyncConfig config(String loginUrl, String cron, SourcesConfig.ApiBudget budget, int pageSize,
                                    Taxonomy taxonomy) {
        SourcesConfig.Salesforce sf = defaults.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials", new SecretRef("T_ID", null),
                new SecretRef("T_SECRET", null), null, null, null);
        return new HealthsyncConfig(null, taxonomy, defaults.fields(), defaults.scorecard(),
                new SourcesConfig(new SourcesConfig.Salesforce(true, cron, loginUrl, sf.apiVersion(), auth, sf.objects(),
                        pageSize, sf.lookbackSeconds(), sf.historyDays(), budget)));
    }

    private HealthsyncConfig config(String loginUrl) {
        return config(loginUrl, defaults.sources().salesforce().cron(), null, 2000, defaults.taxonomy());
    }

    private HealthsyncApp app(HealthsyncConfig config, Clock clock) throws Exception {
        return HealthsyncApp.start(config, store, ENV, clock, FAST_RETRIES);
    }

    @Test
    void each_scheduled_run_is_counted_and_budgeted_alone() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(20).withDailyApiLimit(100));
        // 25% of 100 calls a run: the first run needs about 12, the later ones 5 or 6; together they pass 25
        HealthsyncConfig config = config(sandbox.loginUrl(), "0/1 * * * * ?", new SourcesConfig.ApiBudget(0.25, 0.95),
                2000, defaults.taxonomy());
        BlockingQueue<RunReport> runs = new LinkedBlockingQueue<>();

        List<RunReport> reports = new ArrayList<>();
        HealthsyncService service = new HealthsyncService(config, store, ENV, Clock.systemUTC(), FAST_RETRIES,
                new SyncRoutes.Schedule(true, runs::add), new NoLifecycle());
        Thread running = runInBackground(service);
        try {
            for (int i = 0; i < 5; i++) {
                RunReport report = runs.poll(20, TimeUnit.SECONDS);
                assertThat(report).as("scheduled run %d", i + 1).isNotNull();
                reports.add(report);
            }
        } finally {
            stop(service, running);
        }

        assertThat(reports).allSatisfy(r -> {
            assertThat(r.status).isEqualTo("ok");
            assertThat(r.apiLimitReached).isFalse();
            assertThat(r.apiCallsTotal).isBetween(1, 24);
        });
        assertThat(reports.stream().mapToInt(r -> r.apiCallsTotal).sum()).isGreaterThan(25);
        assertThat(reports.get(0).recordsWritten).isEqualTo(20);
    }

    @Test
    void deleted_accounts_and_activities_leave_the_scores_and_are_never_written() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(40));
        try (HealthsyncApp app = app(config(sandbox.loginUrl()), Clock.systemUTC())) {
            assertThat(app.sync(false, false).recordsWritten).isEqualTo(40);

            Set<String> deleted = Set.copyOf(sandbox.deleteAccounts(3).ids("Account"));
            RunReport second = app.sync(false, false);

            assertThat(second.recordsDeleted).isGreaterThanOrEqualTo(3);
            assertThat(second.accountsScored).isEqualTo(37);
            assertThat(second.recordsFailed).isZero();
            assertThat(store.accounts()).extracting(Account::crmId).doesNotContainAnyElementsOf(deleted);
            assertThat(store.activitiesByAccount(java.time.Instant.EPOCH)).doesNotContainKeys(deleted.toArray(String[]::new));
        }
    }

    @Test
    void a_later_run_the_same_day_rewrites_only_the_scores_of_accounts_whose_data_changed() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(60));
        try (HealthsyncApp app = app(config(sandbox.loginUrl()), Clock.systemUTC())) {
            RunReport first = app.sync(false, false);
            Map<String, StoredScore> before = latestScores();
            Set<String> drifted = Set.copyOf(sandbox.drift(3));

            RunReport second = app.sync(false, false);
            Map<String, StoredScore> after = latestScores();

            assertThat(first.scoresChanged).isEqualTo(60);
            assertThat(second.accountsScored).isEqualTo(60);
            // the day's snapshot keeps the others' signals: the drifted accounts' histories are read again (3 of 60 in
            // the runs seen; a page the pull's lookback reads twice may add its accounts), not the other 57 too
            assertThat(first.historiesRead).isEqualTo(60);
            assertThat(second.historiesRead).isBetween(drifted.size(), 10);
            // ranked against the morning's cohorts: the other 57 accounts keep their rows, computed_at included
            Set<String> rewritten = after.keySet().stream()
                    .filter(id -> !after.get(id).equals(before.get(id))).collect(Collectors.toSet());
            assertThat(rewritten).isNotEmpty().isSubsetOf(drifted).hasSize(second.scoresChanged);
            assertThat(second.recordsPlanned).isLessThanOrEqualTo(3);
        }
    }

    private Map<String, StoredScore> latestScores() {
        return store.accounts().stream().map(a -> store.latestScore(a.crmId()).orElseThrow())
                .collect(Collectors.toMap(StoredScore::accountId, s -> s));
    }

    @Test
    void an_expired_query_locator_is_answered_by_querying_again_from_the_stored_cursor() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(40).withQueryLocatorMaxPages(1));
        HealthsyncConfig config = config(sandbox.loginUrl(), defaults.sources().salesforce().cron(), null, 200,
                defaults.taxonomy());
        long liveTasksAndEvents = sandbox.records("Task").size() + sandbox.records("Event").size();

        RunReport report;
        try (HealthsyncApp app = app(config, Clock.systemUTC())) {
            report = app.sync(false, false);
        }

        assertThat(report.pullFailures).isEmpty();
        assertThat(report.status).isEqualTo("ok");
        assertThat(store.activityCount()).isEqualTo(liveTasksAndEvents);
        assertThat(report.recordsWritten).isEqualTo(40);
    }

    @Test
    void an_edited_taxonomy_reclassifies_what_is_already_stored() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(40));
        RunReport before;
        try (HealthsyncApp app = app(config(sandbox.loginUrl()), Clock.systemUTC())) {
            before = app.sync(true, false);
        }
        assertThat(before.unknownActivityLabels).containsKey("Follow up");
        Map<String, Double> scoresBefore = scores(defaults);

        // RevOps adds the label the report listed, and the next run (no pull needed) uses it
        List<Taxonomy.Rule> rules = new ArrayList<>(defaults.taxonomy().rules());
        rules.add(0, new Taxonomy.Rule(ActivityType.CALL, List.of("Follow up"), List.of()));
        HealthsyncConfig edited = config(sandbox.loginUrl(), defaults.sources().salesforce().cron(), null, 2000,
                new Taxonomy(rules));
        RunReport after;
        try (HealthsyncApp app = app(edited, Clock.systemUTC())) {
            after = app.sync(true, true);
        }

        assertThat(after.unknownActivityLabels).doesNotContainKey("Follow up");
        assertThat(scores(edited)).isNotEqualTo(scoresBefore);
    }

    private Map<String, Double> scores(HealthsyncConfig config) {
        ScoringService scoring = new ScoringService(config, store, Clock.systemUTC());
        return scoring.scoreAll().scores().stream().collect(Collectors.toMap(HealthScore::accountId, HealthScore::score));
    }

    @Test
    void a_sync_whose_scores_cannot_be_stored_fails_with_that_and_saves_no_plan() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(20));
        try (HealthsyncApp app = app(config(sandbox.loginUrl()), Clock.systemUTC())) {
            String first = app.sync(true, false).planId;
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(storeUrl);
                 java.sql.Statement statement = c.createStatement()) {
                statement.execute("ALTER TABLE health_score RENAME TO health_score_elsewhere");
            }

            assertThatThrownBy(() -> app.sync(true, false)).hasStackTraceContaining("HEALTH_SCORE");
            assertThat(store.latestPlan().orElseThrow().id()).isEqualTo(first);
        }
    }

    @Test
    void a_plan_superseded_by_a_newer_one_is_refused() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(20));
        try (HealthsyncApp app = app(config(sandbox.loginUrl()), Clock.systemUTC())) {
            String old = app.sync(true, false).planId;
            String latest = app.sync(true, false).planId;

            assertThatThrownBy(() -> app.apply(old)).isInstanceOf(HealthsyncApp.PlanSupersededException.class)
                    .hasMessageContaining("superseded by plan " + latest);
            assertThat(sandbox.apiCallsByKind()).doesNotContainKey("collections_update");
            assertThat(app.apply(latest).recordsWritten).isEqualTo(20);
        }
    }

    @Test
    void a_quiet_org_costs_one_query_per_object_and_returns_nothing() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(30));
        // the app's clock runs two minutes ahead, as if each run came a while after the last
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
        try (HealthsyncApp app = app(config(sandbox.loginUrl()), later)) {
            RunReport first = app.sync(false, false);
            RunReport echo = app.sync(false, false);
            RunReport quiet = app.sync(false, false);
            RunReport stillQuiet = app.sync(false, false);

            assertThat(first.recordsWritten).isEqualTo(30);
            assertThat(echo.accountsPulled).isEqualTo(30); // our own writes, read back once
            assertThat(echo.accountsEchoed).isEqualTo(30);
            assertThat(echo.recordsPlanned).isZero();
            for (RunReport r : List.of(quiet, stillQuiet)) {
                assertThat(r.accountsPulled + r.activitiesPulled + r.opportunitiesPulled + r.usersPulled).isZero();
                assertThat(r.apiCallsByOperation).containsOnlyKeys("query");
                assertThat(r.recordsPlanned).isZero();
            }
        }
    }

    @Test
    void an_org_that_cannot_be_reached_is_a_failed_run_not_a_failed_start_and_the_next_run_recovers() throws Exception {
        int port = freePort();
        HealthsyncConfig config = config("http://localhost:" + port);
        try (HealthsyncApp app = app(config, Clock.systemUTC())) {
            RunReport down = app.sync(false, false);

            assertThat(down.status).isEqualTo("failed");
            assertThat(down.sourceDown).isNotNull();
            assertThat(down.writesHeld).contains("did not complete");
            assertThat(down.pullFailures).hasSize(1); // the first object; the others are not tried while it is down

            sandbox(SandboxOptions.defaults().withAccounts(10).withPort(port));
            RunReport up = app.sync(false, false);
            assertThat(up.status).isEqualTo("ok");
            assertThat(up.recordsWritten).isEqualTo(10);
        }
    }

    @Test
    void refused_credentials_stop_the_run_at_once_with_a_line_that_says_what_to_check() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(5));
        RunReport report;
        try (HealthsyncApp app = HealthsyncApp.start(config(sandbox.loginUrl()), store,
                Map.of("T_ID", "client", "T_SECRET", "wrong"), Clock.systemUTC(), FAST_RETRIES)) {
            report = app.sync(false, false);
        }

        assertThat(report.sourceDown).startsWith("Salesforce at " + sandbox.loginUrl() + " refused the login")
                .contains("invalid_client").contains("SF_CLIENT_ID").doesNotContain("wrong").doesNotContain("\n");
        assertThat(report.pullFailures).hasSize(1);
        assertThat(sandbox.apiCallsByKind().get("oauth_token")).isEqualTo(1L); // not retried
    }

    @Test
    void the_service_starts_while_salesforce_is_down_and_reports_each_run_as_failed() throws Exception {
        HealthsyncConfig config = config("http://localhost:" + freePort(), "0/1 * * * * ?", null, 2000, defaults.taxonomy());
        BlockingQueue<RunReport> runs = new LinkedBlockingQueue<>();
        List<String> lifecycle = new java.util.concurrent.CopyOnWriteArrayList<>();

        HealthsyncService service = new HealthsyncService(config, store, ENV, Clock.systemUTC(), FAST_RETRIES,
                new SyncRoutes.Schedule(true, runs::add), new HealthsyncService.Lifecycle() {
                    @Override
                    public void started(java.util.Optional<java.time.Instant> next) {
                        lifecycle.add("started, next " + next.isPresent());
                    }

                    @Override
                    public void stopping() {
                        lifecycle.add("stopping");
                    }
                });
        Thread running = runInBackground(service);
        RunReport first;
        RunReport second;
        try {
            first = runs.poll(20, TimeUnit.SECONDS);
            second = runs.poll(20, TimeUnit.SECONDS);
        } finally {
            stop(service, running);
        }

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(List.of(first, second)).allSatisfy(r -> {
            assertThat(r.status).isEqualTo("failed");
            assertThat(r.sourceDown).isNotBlank();
        });
        assertThat(lifecycle).containsExactly("started, next true", "stopping");
    }

    /** As `healthsync run` does, on a thread of its own. */
    private static Thread runInBackground(HealthsyncService service) {
        Thread thread = new Thread(() -> {
            try {
                service.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "healthsync-run");
        thread.start();
        return thread;
    }

    private static void stop(HealthsyncService service, Thread running) throws InterruptedException {
        service.shutdown();
        running.join(60_000);
        assertThat(running.isAlive()).as("run() returned after shutdown").isFalse();
    }

    static final class NoLifecycle implements HealthsyncService.Lifecycle {
        @Override
        public void started(java.util.Optional<java.time.Instant> next) {
        }

        @Override
        public void stopping() {
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void describes_fetched_by_a_long_running_process_expire_too() throws Exception {
        sandbox(SandboxOptions.defaults().withAccounts(5));
        MutableTestClock clock = new MutableTestClock();
        try (HealthsyncApp app = app(config(sandbox.loginUrl()), clock)) {
            app.sync(true, false);
            clock.advance(HealthsyncApp.DESCRIBE_MAX_AGE.plusMinutes(1));
            RunReport dayLater = app.sync(true, false);

            assertThat(dayLater.apiCallsByOperation.getOrDefault("describe", 0))
                    .isEqualTo(SalesforceObject.values().length);
        }
    }

    /** A clock the test moves forward. */
    static final class MutableTestClock extends Clock {
        private java.time.Instant now = java.time.Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}

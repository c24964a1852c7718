package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.sandbox.SourceSandboxOptions;
import io.healthsync.sandbox.SourceSandboxes;
import io.healthsync.store.JdbcStore;
import io.healthsync.writeback.PlannedWrite;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole flow with every source: Salesforce, Zendesk, Stripe and Amplitude stand-ins of one company.
 * One source out of reach stops neither the others nor the scoring, and nothing is written for the accounts
 * whose data it would have changed.
 */
class AllSourcesTest {

    private static final HealthsyncApp.RetryPolicy FAST_RETRIES = new HealthsyncApp.RetryPolicy(1, 10);
    private static final List<String> SOURCES = List.of("zendesk", "stripe", "amplitude");

    private final HealthsyncConfig defaults = ConfigLoader.load(null);
    private JdbcStore store;
    private String url;
    private SalesforceSandbox salesforce;
    private SourceSandboxes others;
    private final Map<String, String> env = new HashMap<>();
    private StandInSources standIns;

    @BeforeEach
    void start() {
        url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        store = JdbcStore.open(url, null, null);
        salesforce = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(120).withSeed(11));
        others = SourceSandboxes.start(salesforce, SourceSandboxOptions.defaults().withUsersPerTrackedUser(100));
        standIns = new StandInSources(defaults, salesforce, others, SOURCES);
        env.putAll(standIns.env());
    }

    @AfterEach
    void stop() {
        others.close();
        salesforce.close();
        store.close();
    }

    /** Every source on, each at its stand-in (or at {@code overrides}' URL), retrying fast. */
    private HealthsyncConfig config(Map<String, String> overrides, String sourceCron) {
        // 2 retries 50 ms apart; a breaker that opens after 3 failed calls
        SourcesConfig.Resilience fast = new SourcesConfig.Resilience(2, 0.05, 5, 50, 3, 60, 1000, 1, 5);
        return standIns.config(120, false, fast, overrides, sourceCron);
    }

    private static String deadUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://localhost:" + socket.getLocalPort(); // closed again: nothing listens there
        }
    }

    @Test
    void every_source_is_pulled_and_the_drivers_speak_of_usage_tickets_and_billing() throws Exception {
        RunReport report;
        try (HealthsyncApp app = HealthsyncApp.start(config(Map.of(), null), store, env, Clock.systemUTC(), FAST_RETRIES)) {
            report = app.sync(false, false);
        }

        assertThat(report.sources.keySet()).containsExactly("salesforce", "zendesk", "stripe", "amplitude");
        assertThat(report.sources.values()).allSatisfy(s -> assertThat(s.state()).isEqualTo("ok"));
        assertThat(report.sources.get("zendesk").records()).isPositive();
        assertThat(report.sources.get("stripe").unmatched()).isPositive(); // the company's customers unknown to the CRM
        assertThat(report.status).isEqualTo("ok");
        assertThat(report.recordsWritten).isEqualTo(120);
        assertThat(store.storedCounts("amplitude")).containsKey("usage_days");
        assertThat(store.outcomes()).isNotEmpty();
        // the satisfaction ratings come with their tickets, under the ratings' own ids
        List<io.healthsync.model.Activity> ratings = store.activitiesByAccount(java.time.Instant.EPOCH).values().stream()
                .flatMap(List::stream).filter(a -> a.source().equals("zendesk") && a.sourceId().startsWith("csat/"))
                .toList();
        assertThat(ratings).extracting(io.healthsync.model.Activity::type)
                .contains(io.healthsync.model.ActivityType.CSAT_GOOD, io.healthsync.model.ActivityType.CSAT_BAD);

        Set<String> driverSignals = store.accounts().stream().flatMap(a -> scoreOf(a.crmId()).drivers().stream())
                .map(Driver::signal).collect(Collectors.toSet());
        assertThat(driverSignals).as("drivers from usage, support and billing")
                .anyMatch(s -> s.contains("active") || s.contains("feature"))
                .anyMatch(s -> s.contains("ticket") || s.contains("escalation") || s.contains("resolution"))
                .anyMatch(s -> s.contains("payment") || s.contains("plan_change") || s.contains("renewal"));
    }

    @Test
    void switched_to_the_ratings_endpoint_the_tickets_are_read_again_as_links_and_each_rating_finds_its_tickets_account()
            throws Exception {
        try (HealthsyncApp app = HealthsyncApp.start(config(Map.of(), null), store, env, Clock.systemUTC(), FAST_RETRIES)) {
            app.sync(true, false); // ratings read off the tickets: the tickets are not stored as links
        }
        long linkedBefore = store.storedCounts("zendesk").get("linked_entities");
        HealthsyncConfig endpoint = withZendeskOptions(config(Map.of(), null), Map.of("satisfaction_ratings", "endpoint"));

        RunReport report;
        try (HealthsyncApp app = HealthsyncApp.start(endpoint, store, env, Clock.systemUTC(), FAST_RETRIES)) {
            report = app.sync(true, false);
        }

        assertThat(report.sources.get("zendesk").state()).isEqualTo("ok");
        assertThat(store.storedCounts("zendesk").get("linked_entities")).as("each ticket read again, as a link")
                .isGreaterThan(linkedBefore);
        // the endpoint's ratings name only their ticket (as Zendesk documents them): they match through its link, so a
        // rating waits unmatched only when its ticket did too (a stray organization's: which are rated moves by the day)
        List<io.healthsync.connectors.source.UnmatchedRecord> unmatched = store.unmatched("zendesk");
        java.util.Set<String> unmatchedIds = unmatched.stream()
                .map(io.healthsync.connectors.source.UnmatchedRecord::recordId).collect(java.util.stream.Collectors.toSet());
        assertThat(unmatched).filteredOn(u -> u.recordId().startsWith("csat/"))
                .allSatisfy(u -> assertThat(u.keys()).startsWith("link=ticket/")
                        .satisfies(keys -> assertThat(unmatchedIds).contains(keys.substring("link=".length()))));
        assertThat(store.activitiesByAccount(java.time.Instant.EPOCH).values().stream().flatMap(List::stream)
                .filter(a -> a.source().equals("zendesk") && a.sourceId().startsWith("csat/"))).isNotEmpty();
    }

    private static HealthsyncConfig withZendeskOptions(HealthsyncConfig config, Map<String, String> options) {
        Map<String, SourcesConfig.HttpSourceConfig> http = new java.util.LinkedHashMap<>();
        for (String name : SOURCES) {
            SourcesConfig.HttpSourceConfig c = config.sources().http(name).orElseThrow();
            http.put(name, !name.equals("zendesk") ? c : new SourcesConfig.HttpSourceConfig(c.name(), c.enabled(),
                    c.cron(), c.baseUrl(), c.auth(), c.pageSize(), c.historyDays(), c.resilience(), c.features(), options));
        }
        return config.withSources(new SourcesConfig(config.sources().salesforce(), http));
    }

    @Test
    void scoring_a_range_of_accounts_at_a_time_gives_the_scores_and_history_of_scoring_them_all_at_once() throws Exception {
        try (HealthsyncApp app = HealthsyncApp.start(config(Map.of(), null), store, env, Clock.systemUTC(), FAST_RETRIES)) {
            app.sync(true, false); // pull every source; the dry run writes nothing
        }
        HealthsyncConfig config = config(Map.of(), null);
        java.time.LocalDate since = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(60);

        forgetScores(); // so that each scoring backfills the past days afresh
        ScoringService.Result inRanges = new ScoringService(config, store, Clock.systemUTC(), null, 7, 2).scoreAll();
        var historyInRanges = store.scoreHistory(since);
        forgetScores();
        ScoringService.Result atOnce = new ScoringService(config, store, Clock.systemUTC(), null, 10_000, 1).scoreAll();
        var historyAtOnce = store.scoreHistory(since);

        assertThat(inRanges.scores()).hasSize(120).isEqualTo(atOnce.scores()); // 120 is no multiple of 7
        assertThat(inRanges.unknownLabels()).isEqualTo(atOnce.unknownLabels()).isNotEmpty();
        assertThat(historyInRanges).hasSize(120).isEqualTo(historyAtOnce);
        assertThat(historyAtOnce.values()).as("past days backfilled for every account")
                .allSatisfy(points -> assertThat(points).hasSizeGreaterThan(5));
        assertThat(inRanges.scores()).extracting(HealthScore::score).doesNotHaveDuplicates().hasSizeGreaterThan(100);
    }

    private void forgetScores() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM score_history");
            statement.executeUpdate("DELETE FROM score_backfill"); // the past days estimated: estimated again
            statement.executeUpdate("DELETE FROM health_score");
            statement.executeUpdate("DELETE FROM cohort_reference"); // today's cohorts: taken afresh
        }
    }

    private HealthScore scoreOf(String accountId) {
        return latestScores().get(accountId);
    }

    private Map<String, HealthScore> scores;

    private Map<String, HealthScore> latestScores() {
        if (scores == null) {
            ScoringService.Result result = new ScoringService(config(Map.of(), null), store, Clock.systemUTC()).scoreAll();
            scores = result.scores().stream().collect(Collectors.toMap(HealthScore::accountId, s -> s));
        }
        return scores;
    }

    @Test
    void a_sync_pulls_the_other_sources_at_once_not_in_turn() throws Exception {
        // Zendesk's and Stripe's stand-in holds each request until the other source's has come too (or 5 s passed)
        CountDownLatch bothAsking = new CountDownLatch(2);
        List<Boolean> metTheOther = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer meeting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        meeting.setExecutor(Executors.newCachedThreadPool());
        meeting.createContext("/", exchange -> {
            bothAsking.countDown();
            try {
                metTheOther.add(bothAsking.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"error\":\"unavailable\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        meeting.start();
        String at = "http://127.0.0.1:" + meeting.getAddress().getPort();
        RunReport report;
        try (HealthsyncApp app = HealthsyncApp.start(config(Map.of("zendesk", at, "stripe", at), null), store, env,
                Clock.systemUTC(), FAST_RETRIES)) {
            report = app.sync(false, false);
        } finally {
            meeting.stop(0);
        }

        assertThat(metTheOther).as("the first request of each met the other's").isNotEmpty().first().isEqualTo(true);
        assertThat(report.sources.keySet()).containsExactly("salesforce", "zendesk", "stripe", "amplitude");
        assertThat(report.sources.get("zendesk").state()).isIn("failed", "open-breaker");
        assertThat(report.sources.get("stripe").state()).isIn("failed", "open-breaker");
        assertThat(report.sources.get("amplitude").state()).isEqualTo("ok");
        assertThat(report.accountsScored).isEqualTo(120);
    }

    @Test
    void a_source_out_of_reach_stops_neither_the_others_nor_the_scoring_and_its_accounts_are_not_written()
            throws Exception {
        try (HealthsyncApp app = HealthsyncApp.start(config(Map.of(), null), store, env, Clock.systemUTC(), FAST_RETRIES)) {
            assertThat(app.sync(false, false).status).isEqualTo("ok");
        }
        salesforce.drift(30); // thirty accounts change in the CRM: their new scores want writing
        Set<String> withBilling = store.accountsWithData("stripe");

        RunReport report;
        try (HealthsyncApp app = HealthsyncApp.start(config(Map.of("stripe", deadUrl()), null), store, env,
                Clock.systemUTC(), FAST_RETRIES)) {
            report = app.sync(false, false);
        }

        assertThat(report.sources.get("stripe").state()).isIn("failed", "open-breaker");
        assertThat(report.sources.get("stripe").message()).contains("stripe");
        assertThat(report.sources.get("zendesk").state()).isEqualTo("ok");
        assertThat(report.sources.get("amplitude").state()).isEqualTo("ok");
        assertThat(report.accountsScored).isEqualTo(120);
        assertThat(report.status).isEqualTo("partial");
        assertThat(report.accountsHeld).isEqualTo(withBilling.size()).isPositive();
        List<PlannedWrite> planned = store.plan(report.planId).orElseThrow().writes();
        assertThat(planned).extracting(PlannedWrite::recordId).doesNotContainAnyElementsOf(withBilling);
        // their drivers say why they wait
        assertThat(new ScoringService(config(Map.of("stripe", deadUrl()), null), store, Clock.systemUTC()).scoreAll()
                .scores().stream().filter(s -> withBilling.contains(s.accountId())))
                .allSatisfy(s -> assertThat(s.drivers()).anySatisfy(d -> assertThat(d.text()).containsIgnoringCase("stale")));
    }

    @Test
    void run_with_one_source_unreachable_keeps_pulling_the_others_on_their_own_schedules() throws Exception {
        HealthsyncConfig config = config(Map.of("stripe", deadUrl()), "0/1 * * * * ?");
        java.util.concurrent.BlockingQueue<RunReport> runs = new java.util.concurrent.LinkedBlockingQueue<>();
        HealthsyncService service = new HealthsyncService(config, store, env, Clock.systemUTC(), FAST_RETRIES,
                new SyncRoutes.Schedule(true, runs::add), new UnattendedRunsTest.NoLifecycle());
        Thread running = new Thread(() -> {
            try {
                service.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        running.start();
        RunReport atStart;
        int zendeskRunsAfterStart;
        try {
            atStart = runs.poll(60, TimeUnit.SECONDS); // the CRM and every source, once
            assertThat(atStart).isNotNull();
            int before = zendeskRuns();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !(store.lastRun("zendesk").map(r -> "ok".equals(r.state())).orElse(false)
                    && store.lastRun("amplitude").map(r -> "ok".equals(r.state())).orElse(false)
                    && zendeskRuns() > before + 1)) {
                Thread.sleep(200);
            }
            zendeskRunsAfterStart = zendeskRuns() - before;
        } finally {
            service.shutdown();
            running.join(60_000);
        }

        assertThat(store.lastRun("zendesk")).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo("ok"));
        assertThat(store.lastRun("amplitude")).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo("ok"));
        assertThat(store.lastRun("stripe")).hasValueSatisfying(r -> assertThat(r.state()).isIn("failed", "open-breaker"));
        assertThat(store.storedCounts("zendesk")).containsKey("activities");
        assertThat(zendeskRunsAfterStart).as("zendesk pulled on its own schedule while stripe was down").isGreaterThan(1);
        assertThat(atStart.sources.get("stripe").state()).isIn("failed", "open-breaker");
        assertThat(atStart.sources.get("zendesk").state()).isEqualTo("ok");
    }

    /** Pulls of Zendesk recorded so far. */
    private int zendeskRuns() {
        try (var connection = java.sql.DriverManager.getConnection(url);
             var ps = connection.prepareStatement("SELECT COUNT(*) FROM source_run WHERE source = ?")) {
            ps.setString(1, "zendesk");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

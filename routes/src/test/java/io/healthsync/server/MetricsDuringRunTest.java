package io.healthsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.HealthsyncService;
import io.healthsync.routes.RunReport;
import io.healthsync.routes.SyncRoutes;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.store.JdbcStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics scraped over HTTP while the service runs on a schedule against the sandbox org: the figures move. */
class MetricsDuringRunTest {

    private static final Map<String, String> ENV = Map.of("T_ID", "client", "T_SECRET", "s3cr3t");

    @TempDir
    Path dir;

    @Test
    void each_scheduled_run_moves_the_counters_and_refreshes_the_gauges() throws Exception {
        HealthsyncConfig defaults = ConfigLoader.load(null);
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(20).withSeed(7));
             JdbcStore store = JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null)) {
            SourcesConfig.Salesforce sf = defaults.sources().salesforce();
            SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials", new SecretRef("T_ID", null),
                    new SecretRef("T_SECRET", null), null, null, null);
            HealthsyncConfig config = defaults.withSources(new SourcesConfig(new SourcesConfig.Salesforce(true,
                    "0/1 * * * * ?", sandbox.loginUrl(), sf.apiVersion(), auth, sf.objects(), 2000, sf.lookbackSeconds(),
                    sf.historyDays(), null)));
            RunMetrics metrics = new RunMetrics(config.sources(), store, dir.resolve("models"), Clock.systemUTC());
            BlockingQueue<RunReport> runs = new LinkedBlockingQueue<>();
            HealthsyncService service = new HealthsyncService(config, store, ENV, Clock.systemUTC(),
                    new HealthsyncApp.RetryPolicy(1, 10), new SyncRoutes.Schedule(true, report -> {
                        metrics.record(report);
                        runs.add(report);
                    }), new HealthsyncService.Lifecycle() {
                        @Override
                        public void started(Optional<Instant> next) {
                        }

                        @Override
                        public void stopping() {
                        }
                    });
            Thread running = new Thread(() -> {
                try {
                    service.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "healthsync-run");
            try (OpsServer server = OpsServer.start(0, store, metrics, Optional.empty())) {
                running.start();
                assertThat(runs.poll(30, TimeUnit.SECONDS)).as("first run").isNotNull();
                String first = scrape(server);
                assertThat(runs.poll(30, TimeUnit.SECONDS)).as("second run").isNotNull();
                String second = scrape(server);

                assertThat(value(first, "healthsync_runs_total", "status=\"ok\"")).isEqualTo(1);
                assertThat(value(second, "healthsync_runs_total", "status=\"ok\"")).isEqualTo(2);
                assertThat(value(first, "healthsync_writes_total", "result=\"written\"")).isEqualTo(20);
                double pulledFirst = value(first, "healthsync_records_pulled_total", "source=\"salesforce\"");
                assertThat(pulledFirst).isGreaterThanOrEqualTo(20);
                assertThat(value(second, "healthsync_records_pulled_total", "source=\"salesforce\"")).isGreaterThan(pulledFirst);
                assertThat(value(second, "healthsync_salesforce_api_calls_total", "operation=\"query\""))
                        .isGreaterThan(value(first, "healthsync_salesforce_api_calls_total", "operation=\"query\""));
                assertThat(value(second, "healthsync_salesforce_api_used", null))
                        .isGreaterThan(value(first, "healthsync_salesforce_api_used", null));
                assertThat(value(second, "healthsync_salesforce_api_remaining", null))
                        .isEqualTo(value(second, "healthsync_salesforce_api_limit", null)
                                - value(second, "healthsync_salesforce_api_used", null));
                assertThat(value(second, "healthsync_accounts_by_band", "band=\"Red\"")
                        + value(second, "healthsync_accounts_by_band", "band=\"Yellow\"")
                        + value(second, "healthsync_accounts_by_band", "band=\"Green\"")).isEqualTo(20);
                assertThat(value(second, "healthsync_source_state", "source=\"salesforce\",state=\"ok\"")).isEqualTo(1);
                assertThat(value(second, "healthsync_data_age_seconds", "source=\"salesforce\"")).isBetween(0.0, 60.0);
            } finally {
                service.shutdown();
                running.join(60_000);
            }
        }
    }

    private static String scrape(OpsServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(String scrape, String name, String labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name + (labels == null ? "" : "{" + labels + "}"))
                + " (\\S+)$").matcher(scrape);
        assertThat(line.find()).as(name + " " + labels + " in\n" + scrape).isTrue();
        return Double.parseDouble(line.group(1));
    }
}

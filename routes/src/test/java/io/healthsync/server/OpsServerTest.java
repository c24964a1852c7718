package io.healthsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.model.Band;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.SignalValue;
import io.healthsync.routes.RunReport;
import io.healthsync.store.JdbcStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run`'s HTTP port, called over real HTTP: the read API's token rules, health, and metrics that follow runs. */
class OpsServerTest {

    private static final String TOKEN = "s3cret-token-for-tests";
    private static final String ACCOUNT = "001000000000001AAA";

    @TempDir
    Path dir;
    private JdbcStore store;
    private RunMetrics metrics;
    private OpsServer server;
    private final String url = "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        store = JdbcStore.open(url, null, null);
        metrics = new RunMetrics(ConfigLoader.load(null).sources(), store, dir.resolve("models"), Clock.systemUTC());
        server = OpsServer.start(0, store, metrics, Optional.of(TOKEN));
        store.saveScores(List.of(new HealthScore(ACCOUNT, LocalDate.of(2026, 12, 1), 27.4, Band.RED,
                List.of(new SignalValue("days_since_last_touch", 45.0, 12.0, 0.2)),
                List.of(new Driver("days_since_last_touch", -12.0, "No touch in 45 days (-12 pts)")),
                0.31, 0.08, "churn-2026-11")), Instant.parse("2026-12-01T06:00:00Z"));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void theReadApiServesAnAccountsLatestScoreWithTheRightToken() throws Exception {
        HttpResponse<String> response = get("/api/accounts/" + ACCOUNT + "/health", "Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.path("customer_id").asText()).isEqualTo(ACCOUNT);
        assertThat(body.path("health_score").asInt()).isEqualTo(27);
        assertThat(body.path("band").asText()).isEqualTo("Red");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-12-01T06:00:00Z");
        assertThat(body.path("churn_probability").asDouble()).isEqualTo(0.31);
        assertThat(body.path("expansion_probability").asDouble()).isEqualTo(0.08);
        assertThat(body.path("signals").get(0).path("name").asText()).isEqualTo("days_since_last_touch");
        assertThat(body.path("signals").get(0).path("weight").asDouble()).isEqualTo(0.2);
        assertThat(body.path("drivers").get(0).path("text").asText()).isEqualTo("No touch in 45 days (-12 pts)");
        assertThat(body.path("drivers").get(0).path("points").asDouble()).isEqualTo(-12.0);
    }

    @Test
    void aMissingOrWrongTokenGets401AndTheSameBodyWhetherTheAccountExistsOrNot() throws Exception {
        HttpResponse<String> missing = get("/api/accounts/" + ACCOUNT + "/health", null);
        HttpResponse<String> wrong = get("/api/accounts/" + ACCOUNT + "/health", "Bearer " + TOKEN + "x");
        HttpResponse<String> wrongUnknown = get("/api/accounts/001000000000999AAA/health", "Bearer nope");
        HttpResponse<String> otherScheme = get("/api/accounts/" + ACCOUNT + "/health", "Basic " + TOKEN);
        for (HttpResponse<String> response : List.of(missing, wrong, wrongUnknown, otherScheme)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
    }

    @Test
    void anUnknownAccountIs404() throws Exception {
        assertThat(get("/api/accounts/001000000000999AAA/health", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/api/accounts/not-an-id/health", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutAConfiguredTokenNobodyGetsIn() throws Exception {
        try (OpsServer open = OpsServer.start(0, store, metrics, Optional.empty())) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port()
                    + "/api/accounts/" + ACCOUNT + "/health")).header("Authorization", "Bearer ").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void livenessIsUpAndReadinessFollowsTheSourcesAndTheStore() throws Exception {
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);

        metrics.record(report("partial", "failed"));
        HttpResponse<String> failing = get("/health/ready", null);
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.body()).contains("source salesforce: failed");

        metrics.record(report("ok", "ok"));
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);

        store.close();
        HttpResponse<String> storeDown = get("/health/ready", null);
        assertThat(storeDown.statusCode()).isEqualTo(503);
        assertThat(storeDown.body()).contains("store: unreachable");
        store = JdbcStore.open(url, null, null);
    }

    @Test
    void metricsAddUpRunsAndShowTheLastUsageAndBands() throws Exception {
        metrics.record(report("ok", "ok"));
        metrics.record(report("ok", "ok"));
        String text = get("/metrics", null).body();
        assertThat(text).contains("healthsync_records_pulled_total{source=\"salesforce\"} 240.0");
        assertThat(text).contains("healthsync_writes_total{result=\"written\"} 10.0");
        assertThat(text).contains("healthsync_writes_total{result=\"failed\"} 2.0");
        assertThat(text).contains("healthsync_salesforce_api_calls_total{operation=\"query\"} 14.0");
        assertThat(text).contains("healthsync_salesforce_api_used 1200.0");
        assertThat(text).contains("healthsync_salesforce_api_remaining 13800.0");
        assertThat(text).contains("healthsync_accounts_by_band{band=\"Red\"} 3.0");
        assertThat(text).contains("healthsync_accounts_by_band{band=\"Green\"} 9.0");
        assertThat(text).contains("healthsync_playbook_actions_total{type=\"task\"} 4.0");
        assertThat(text).contains("healthsync_source_state{source=\"salesforce\",state=\"ok\"} 1.0");
        assertThat(text).contains("healthsync_runs_total{status=\"ok\"} 2.0");
        assertThat(text).contains("healthsync_data_age_seconds{source=\"salesforce\"}");
        assertThat(text).contains("healthsync_model_auc{model=\"churn\"} NaN");
        for (String name : RunMetrics.NAMES) {
            assertThat(text).as(name).contains(name);
        }
    }

    @Test
    void modelFiguresComeFromThePromotedModelsRegistryEntry() throws Exception {
        io.healthsync.scoring.model.ModelRegistry churn = new io.healthsync.scoring.model.ModelRegistry(
                dir.resolve("models").resolve("churn"));
        java.nio.file.Files.createDirectories(churn.dir());
        churn.save("churn-1", new byte[] {1}, java.util.Map.of("metrics", java.util.Map.of("auc", 0.81, "ece", 0.04)));
        churn.save("churn-2", new byte[] {2}, java.util.Map.of("metrics", java.util.Map.of("auc", 0.86, "ece", 0.02)));
        churn.promote("churn-1");
        assertThat(get("/metrics", null).body()).contains("healthsync_model_auc{model=\"churn\"} 0.81")
                .contains("healthsync_model_calibration_error{model=\"churn\"} 0.04")
                .contains("healthsync_model_auc{model=\"expansion\"} NaN");

        churn.promote("churn-2");
        assertThat(get("/metrics", null).body()).contains("healthsync_model_auc{model=\"churn\"} 0.86")
                .contains("healthsync_model_calibration_error{model=\"churn\"} 0.02");
    }

    private static RunReport report(String status, String salesforceState) {
        RunReport report = new RunReport();
        report.status = status;
        report.sources.put("salesforce", new RunReport.SourceSummary(3, 120, 0, 0, 0, salesforceState, null));
        report.apiCallsByOperation.put("query", 7);
        report.apiUsage = "api-usage=1200/15000";
        report.bands.put("red", 3);
        report.bands.put("yellow", 5);
        report.bands.put("green", 9);
        report.recordsWritten = 5;
        report.recordsFailed = 1;
        report.tasksCreated = 2;
        return report;
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

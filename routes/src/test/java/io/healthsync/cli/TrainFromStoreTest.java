package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.salesforce.SalesforceObject;
import io.healthsync.connectors.salesforce.SalesforceRecordMapper;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} without --history, end to end: a store filled as a pull fills it, with a planted effect
 * (accounts nobody touched for 90 days lose their renewal), trained through the CLI.
 */
class TrainFromStoreTest {

    private static final SalesforceRecordMapper MAPPER = new SalesforceRecordMapper(
            new FieldMapping(Map.of("segment", "Customer_Segment__c"), Map.of("health_score", "Health_Score__c"),
                    new FieldMapping.WritebackPolicy(1, 200, 255)));
    private static final String MODSTAMP = "2026-01-01T00:00:00.000+0000";
    private static final String[] SEGMENTS = {"SMB", "Mid-Market", "Enterprise"};

    @TempDir
    Path dir;

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final JdbcStore store = JdbcStore.open(url, null, null);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void learns_that_untouched_accounts_lose_their_renewal() throws Exception {
        fill(400, 0.4);

        CliRun run = CliRun.of("train", "--db-url", url, "--data-dir", dir.resolve("data").toString(), "--json");

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(run.output());
        assertThat(report.path("protocol").asText()).startsWith("walk-forward");
        assertThat(report.path("auc").asDouble()).isGreaterThan(0.8);
        List<String> top = new ArrayList<>();
        report.path("top_features").forEach(f -> top.add(f.path("name").asText()));
        // the planted effect is "nobody touched them": which of the touch signals leads moves with the calendar, as the
        // dates are relative to today (days_since_last_touch until 2026-12-07, touches_30d on 2026-12-08)
        assertThat(top.get(0)).isIn("days_since_last_touch", "touches_30d", "touches_90d");
        assertThat(top).doesNotContain("id", "as_of"); // never features
        assertThat(report.path("positives").asInt()).isGreaterThan(100); // a lost renewal labels each month of its horizon
        String saved = Files.readString(dir.resolve("data/models/churn/" + report.path("model_id").asText() + "/model.json"));
        assertThat(saved).contains("\"source\" : \"store ").contains("\"kind\" : \"churn\"").contains("\"bands\"");
        assertThat(report.path("bands").isMissingNode()).isFalse();
    }

    @Test
    void backtests_from_the_store_with_an_html_page_registering_nothing() throws Exception {
        fill(400, 0.4);
        Path html = dir.resolve("store-backtest.html");

        CliRun run = CliRun.of("backtest", "--db-url", url, "--data-dir", dir.resolve("data").toString(), "--json",
                "--html", html.toString());

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(run.output());
        assertThat(report.path("auc").asDouble()).isGreaterThan(0.8);
        assertThat(report.path("promoted").asBoolean()).isFalse();
        assertThat(Files.readString(html)).contains("<svg");
        assertThat(dir.resolve("data/models/churn")).doesNotExist();
    }

    @Test
    void an_expansion_model_needs_billing_outcomes_and_says_so() throws Exception {
        fill(60, 0.1);

        CliRun run = CliRun.of("train", "--model", "expansion", "--db-url", url, "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).contains("no billing outcomes").contains("stripe");
    }

    @Test
    void too_few_lost_renewals_exit_1_and_register_nothing() throws Exception {
        fill(60, 0.1);

        CliRun run = CliRun.of("train", "--db-url", url, "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errors()).containsPattern("the store holds \\d+ lost renewals within the horizon; at least 20 are "
                + "needed to train: pull more history or use --history FILE");
        assertThat(run.output()).isEmpty();
        assertThat(dir.resolve("data/models/current")).doesNotExist();
    }

    @Test
    void history_columns_without_history_are_refused() {
        CliRun run = CliRun.of("train", "--db-url", url, "--id", "account", "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).contains("--id name columns of a history file");
    }

    /**
     * Accounts created three years ago, touched every few days. A share of them is neglected: touches stop
     * 150-210 days before their renewal closes, and the renewal is lost (9 in 10). The others renew (19 in 20).
     * The dates are relative to today and the walk-forward folds to the calendar, so the AUC moves with the day
     * the test runs: with 200 accounts it fell to 0.798 on one day; 400 keep it well above 0.8 (0.91).
     */
    private void fill(int accounts, double neglectedShare) throws Exception {
        Random random = new Random(5);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> accountJson = new ArrayList<>();
        List<String> opportunityJson = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String id = String.format("001%05d", a);
            accountJson.add(String.format("{\"Id\":\"%s\",\"Name\":\"Account %d\",\"Customer_Segment__c\":\"%s\","
                    + "\"CreatedDate\":\"%sT00:00:00.000+0000\",\"SystemModstamp\":\"%s\"}",
                    id, a, SEGMENTS[random.nextInt(3)], today.minusYears(3), MODSTAMP));
            boolean neglected = random.nextDouble() < neglectedShare;
            LocalDate close = today.minusDays(30 + random.nextInt(670));
            LocalDate lastTouch = neglected ? close.minusDays(150 + random.nextInt(60)) : today;
            boolean won = neglected ? random.nextInt(10) == 0 : random.nextInt(20) > 0;
            opportunityJson.add(String.format("{\"Id\":\"006%05d\",\"AccountId\":\"%s\",\"Name\":\"Renewal\",\"Type\":\"Renewal\","
                    + "\"StageName\":\"%s\",\"IsClosed\":true,\"IsWon\":%s,\"CreatedDate\":\"%sT00:00:00.000+0000\","
                    + "\"CloseDate\":\"%s\",\"SystemModstamp\":\"%s\"}", a, id, won ? "Closed Won" : "Closed Lost", won,
                    close.minusDays(120), close, MODSTAMP));
            List<String> tasks = new ArrayList<>();
            int t = 0;
            for (LocalDate day = today.minusYears(3).plusDays(random.nextInt(10)); !day.isAfter(lastTouch);
                 day = day.plusDays(2 + random.nextInt(25))) {
                tasks.add(String.format("{\"Id\":\"00T%05d%04d\",\"AccountId\":\"%s\",\"Subject\":\"Call\","
                        + "\"ActivityDate\":\"%s\",\"SystemModstamp\":\"%s\"}", a, t++, id, day, MODSTAMP));
            }
            store.store(MAPPER.map(SalesforceObject.TASK, new ObjectMapper().readTree("[" + String.join(",", tasks) + "]")));
        }
        store.store(MAPPER.map(SalesforceObject.ACCOUNT, new ObjectMapper().readTree("[" + String.join(",", accountJson) + "]")));
        store.store(MAPPER.map(SalesforceObject.OPPORTUNITY,
                new ObjectMapper().readTree("[" + String.join(",", opportunityJson) + "]")));
    }
}

package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    /** 600 accounts; churn is likely when usage fell by more than 0.8 (a threshold trees find), else rare. */
    private Path history() throws Exception {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("account,usage_drop,plan,tickets,churned\n");
        String[] plans = {"basic", "pro", "enterprise"};
        for (int i = 0; i < 600; i++) {
            double drop = random.nextGaussian();
            boolean churned = random.nextDouble() < (drop > 0.8 ? 0.9 : drop < -1.2 ? 0.7 : 0.05);
            csv.append(String.format(Locale.ROOT, "a%d,%.3f,\"%s\",%d,%s%n", i, drop, plans[random.nextInt(3)],
                    random.nextInt(9), churned ? "yes" : "no"));
        }
        return Files.writeString(dir.resolve("history.csv"), csv);
    }

    private CliRun train(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--history", history().toString(), "--id", "account",
                "--label", "churned", "--positive", "yes", "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void json_prints_only_the_report_with_its_stable_keys() throws Exception {
        CliRun run = train("--json");

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(run.output()); // stdout is nothing but the JSON
        assertThat(report.fieldNames()).toIterable().contains("auc", "pr_auc", "brier", "ece", "lift_top_decile",
                "precision_top_10pct", "protocol", "rows", "positives", "features", "folds", "baselines",
                "top_features", "promoted", "reason");
        assertThat(report.path("auc").asDouble()).isGreaterThan(0.8);
        assertThat(report.path("protocol").asText()).isEqualTo("stratified 5-fold");
        assertThat(report.path("rows").asInt()).isEqualTo(600);
        assertThat(report.path("features").asInt()).isEqualTo(5); // usage_drop, tickets, plan x 3
        assertThat(report.path("folds")).hasSize(5);
        assertThat(report.path("folds").get(0).fieldNames()).toIterable().contains("auc", "pr_auc", "brier", "ece",
                "lift_top_decile", "train_rows", "test_rows");
        assertThat(report.path("baselines").path("base_rate").path("auc").asDouble()).isEqualTo(0.5);
        assertThat(report.path("baselines").path("scorecard").path("auc").isNull()).isTrue();
        assertThat(report.path("baselines").path("logistic").path("auc").isNumber()).isTrue();
        assertThat(report.path("top_features").get(0).path("name").asText()).isEqualTo("usage_drop");
        assertThat(report.path("promoted").asBoolean()).as(report.path("reason").asText()).isTrue();
        assertThat(Files.readString(dir.resolve("data/models/current")).strip()).isEqualTo(report.path("model_id").asText());
    }

    @Test
    void without_json_prints_a_short_summary() throws Exception {
        CliRun run = train("--folds", "3");

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.OK);
        assertThat(run.output()).contains("stratified 3-fold", "AUC", "PR AUC", "Brier", "ECE", "lift at top decile",
                "logistic regression", "promoted: ", "usage_drop");
    }

    @Test
    void an_unknown_column_exits_2_listing_the_columns() throws Exception {
        CliRun run = CliRun.of("train", "--history", history().toString(), "--id", "account_id", "--label", "churned",
                "--positive", "yes", "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).contains("--id account_id: no such column", "account, usage_drop, plan, tickets, churned");
        assertThat(run.output()).isEmpty();
    }

    @Test
    void a_bad_label_exits_2_naming_the_line() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), "account,seats,churned\na1,3,yes\na2,4,no\na3,5,maybe\n");
        CliRun run = CliRun.of("train", "--history", file.toString(), "--id", "account", "--label", "churned",
                "--positive", "yes", "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).contains("bad.csv:4", "'maybe'");
    }

    @Test
    void help_shows_examples_and_exit_codes() {
        CliRun run = CliRun.of("train", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.output()).contains("--history", "--positive", "--time", "Examples:", "Exit codes:");
    }
}

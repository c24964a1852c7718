package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {

    @TempDir
    Path dir;

    /** 400 accounts; churn is likely when usage fell by more than 0.8; one plan value needs escaping in HTML. */
    private Path history() throws Exception {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("account,usage_drop,plan,churned\n");
        String[] plans = {"basic", "<b>pro</b>", "enterprise"};
        for (int i = 0; i < 400; i++) {
            double drop = random.nextGaussian();
            boolean churned = random.nextDouble() < (drop > 0.8 ? 0.9 : 0.05);
            csv.append(String.format(Locale.ROOT, "a%d,%.3f,%s,%s%n", i, drop, plans[random.nextInt(3)], churned ? "yes" : "no"));
        }
        return Files.writeString(dir.resolve("history.csv"), csv);
    }

    private CliRun backtest(Path html, String... extra) throws Exception {
        String[] args = {"backtest", "--history", history().toString(), "--id", "account", "--label", "churned",
                "--positive", "yes", "--folds", "3", "--html", html.toString()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliRun.of(all);
    }

    @Test
    void writes_the_page_and_prints_the_report_with_promoted_false() throws Exception {
        Path html = dir.resolve("reports/churn.html"); // the missing folder is created

        CliRun run = backtest(html, "--json");

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.OK);
        JsonNode report = new ObjectMapper().readTree(run.output()); // stdout is nothing but the JSON
        assertThat(report.fieldNames()).toIterable().contains("auc", "pr_auc", "brier", "ece", "lift_top_decile",
                "protocol", "folds", "baselines", "top_features", "promoted", "reason", "roc_curve",
                "calibration_bins", "lift_curve");
        assertThat(report.path("promoted").asBoolean(true)).isFalse();
        assertThat(report.path("reason").asText()).isEqualTo("backtest only: nothing is registered");
        assertThat(report.path("protocol").asText()).isEqualTo("stratified 3-fold");
        assertThat(report.path("auc").asDouble()).isGreaterThan(0.8);
        assertThat(report.path("roc_curve").path("model").size()).isBetween(2, 100);
        assertThat(report.path("roc_curve").path("logistic").size()).isBetween(2, 100);
        assertThat(report.path("calibration_bins")).hasSize(10);
        assertThat(report.path("lift_curve")).hasSize(10);
        assertThat(report.path("lift_curve").get(9).path("captured").asDouble()).isEqualTo(1.0);
        int counted = 0;
        for (JsonNode bin : report.path("calibration_bins")) {
            counted += bin.path("count").asInt();
        }
        assertThat(counted).isEqualTo(400); // every out-of-fold prediction in one bin

        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("ROC curve", "Calibration plot", "Lift chart",
                "Drivers: global importance", "usage_drop", "&lt;b&gt;pro&lt;/b&gt;").doesNotContain("<script", "<b>pro");
        assertThat(run.errors()).contains("backtest: wrote " + html);
        try (var files = Files.list(dir)) { // nothing registered: no model folder anywhere under the run's dir
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("history.csv", "reports");
        }
    }

    @Test
    void without_json_prints_the_summary_saying_nothing_was_promoted() throws Exception {
        CliRun run = backtest(dir.resolve("page.html"));

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.OK);
        assertThat(run.output()).contains("stratified 3-fold", "AUC", "not promoted: backtest only: nothing is registered")
                .doesNotContain("model null");
        assertThat(dir.resolve("page.html")).exists();
    }

    @Test
    void an_html_path_that_is_a_directory_exits_2_before_any_work() throws Exception {
        CliRun run = backtest(dir);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).contains("--html " + dir + " is a directory").doesNotContain("fold 1/");
    }

    @Test
    void help_shows_the_shared_options_the_default_page_examples_and_exit_codes() {
        CliRun run = CliRun.of("backtest", "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.output()).contains("--history", "--positive", "--time", "--folds", "--seed", "--html",
                "default: backtest.html", "Examples:", "Exit codes:");
    }
}

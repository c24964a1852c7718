package io.healthsync.cli;

import io.healthsync.routes.StoreTrainingData;
import io.healthsync.scoring.evaluation.BacktestPage;
import io.healthsync.scoring.evaluation.HistoryTraining;
import io.healthsync.scoring.evaluation.TrainingReport;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.TrainingParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Evaluate the churn model on your own history export (--history), or the churn or expansion "
                + "model on the store's history without it, exactly as 'train' does (same folds, "
                + "baselines and drivers) without saving or promoting anything, and write the results as an HTML page "
                + "a CS leader can read: headline figures, ROC curve, calibration plot, lift chart by decile, drivers "
                + "and per-fold figures.",
                "The page is one self-contained file (inline SVG, no script, nothing fetched from the network)."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync backtest --html reports/churn.html",
                "  healthsync backtest --model expansion --json",
                "  healthsync backtest --history churn.csv --id customerID --label Churn --positive Yes",
                "  healthsync backtest --history monthly.csv --id account --label churned --positive 1 --time as_of "
                        + "--html reports/churn.html --json",
                ExitCodes.FOOTER})
final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions options;

    @Option(names = "--html", defaultValue = "backtest.html", paramLabel = "FILE",
            description = "Where to write the HTML page; missing folders are created (default: ${DEFAULT-VALUE} in the current directory).")
    Path html;

    /** --json prints the evaluation report (the keys of 'train --json', promoted false, plus roc_curve, calibration_bins and lift_curve). */
    @Mixin
    CommonOptions common;

    @Mixin
    StoreTrainingOptions store;

    @Override
    public Integer call() throws Exception {
        options.check(spec.commandLine(), false);
        OptionChecks.atLeast(spec.commandLine(), "--folds", 2, options.folds);
        store.check(spec.commandLine());
        common.checkConfig();
        if (Files.isDirectory(html)) {
            throw new ParameterException(spec.commandLine(), "--html " + html + " is a directory; give a file name, "
                    + "e.g. " + html.resolve("backtest.html"));
        }
        Path folder = html.toAbsolutePath().normalize().getParent();
        DataDirs.checkWritable(spec.commandLine(), "--html", folder); // before the slow part, not after it
        PrintStream err = System.err;
        TrainingReport report;
        String source;
        try {
            HistoryTraining evaluation = HistoryTraining.evaluationOnly(
                    TrainingParameters.of(common.loadConfig().scorecard().model().parameters(), options.seed),
                    line -> err.println("backtest: " + line));
            if (options.history != null) {
                HistoryTable table = HistoryTable.read(options.history, options.spec());
                report = evaluation.evaluate(table, options.folds);
                source = options.history.getFileName().toString();
            } else {
                StoreTrainingData.Prepared prepared = TrainCommand.prepare(common, store, spec.commandLine(),
                        Clock.systemUTC(), err, "backtest");
                if (prepared == null) {
                    return ExitCodes.FAILED;
                }
                report = evaluation.evaluate(prepared.table(), options.folds, prepared.target());
                source = "store " + common.storeDescription() + " (" + prepared.labelSource() + ", "
                        + prepared.target().kind() + ")";
            }
        } catch (IllegalArgumentException e) { // the file or an option does not fit: fix it and run again
            err.println("healthsync backtest: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        write(folder, BacktestPage.render(report, source));
        if (common.json) {
            Map<String, Object> body = report.toJson();
            body.putAll(report.curvesJson());
            ReportPrinter.json(System.out, body);
        } else {
            TrainCommand.summary(System.out, report);
        }
        err.println("backtest: wrote " + html);
        return ExitCodes.OK;
    }

    private void write(Path folder, String page) {
        try {
            Files.createDirectories(folder);
            Files.writeString(html, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backtest page to " + html + ": " + e.getMessage(), e);
        }
    }
}

package io.healthsync.cli;

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
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Evaluate the churn model on your own history export exactly as 'train' does (same folds, "
                + "baselines and drivers) without saving or promoting anything, and write the results as an HTML page "
                + "a CS leader can read: headline figures, ROC curve, calibration plot, lift chart by decile, drivers "
                + "and per-fold figures.",
                "The page is one self-contained file (inline SVG, no script, nothing fetched from the network)."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync backtest --history churn.csv --id customerID --label Churn --positive Yes",
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

    @Option(names = "--json", description = "Print the evaluation report as JSON on stdout (the keys of 'train --json', "
            + "promoted false, plus roc_curve, calibration_bins and lift_curve); progress stays on stderr.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        options.check(spec.commandLine(), true);
        OptionChecks.atLeast(spec.commandLine(), "--folds", 2, options.folds);
        if (Files.isDirectory(html)) {
            throw new ParameterException(spec.commandLine(), "--html " + html + " is a directory; give a file name, "
                    + "e.g. " + html.resolve("backtest.html"));
        }
        Path folder = html.toAbsolutePath().normalize().getParent();
        DataDirs.checkWritable(spec.commandLine(), "--html", folder); // before the slow part, not after it
        PrintStream err = System.err;
        TrainingReport report;
        try {
            HistoryTable table = HistoryTable.read(options.history, options.spec());
            report = HistoryTraining.evaluationOnly(TrainingParameters.defaults(options.seed),
                    line -> err.println("backtest: " + line)).evaluate(table, options.folds);
        } catch (IllegalArgumentException e) { // the file or an option does not fit: fix it and run again
            err.println("healthsync backtest: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        write(folder, BacktestPage.render(report, options.history.getFileName().toString()));
        if (json) {
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

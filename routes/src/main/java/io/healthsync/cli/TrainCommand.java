package io.healthsync.cli;

import io.healthsync.scoring.evaluation.HistoryTraining;
import io.healthsync.scoring.evaluation.TrainingReport;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.scoring.model.TrainingParameters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the churn model on your own history export (one row per account, or per account and "
                + "as-of date with --time), cross-validate it against a base rate and logistic regression on the same "
                + "folds, save it in the model registry and promote it if it beats them and the current model.",
                "Numeric columns are features as they are; text columns are one-hot encoded (the 20 most frequent "
                + "values, the rest as 'other'); blanks are missing; the id and time columns are never features."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync train --history churn.csv --id customerID --label Churn --positive Yes",
                "  healthsync train --history monthly.csv --id account --label churned --positive 1 --time as_of --json",
                ExitCodes.FOOTER})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions options;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Models are saved in DIR/models (default: ./data). Env: HEALTHSYNC_DATA_DIR.")
    Path dataDir = envPath("HEALTHSYNC_DATA_DIR");

    @Option(names = "--json", description = "Print only the evaluation report as JSON on stdout (progress stays on stderr).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast(spec.commandLine(), "--folds", 2, options.folds);
        Path data = dataDir != null ? dataDir : Path.of("data");
        DataDirs.checkWritable(spec.commandLine(), "--data-dir", data);
        PrintStream err = System.err;
        TrainingReport report;
        try {
            HistoryTable table = HistoryTable.read(options.history, options.spec());
            HistoryTraining training = new HistoryTraining(TrainingParameters.defaults(options.seed),
                    new ModelRegistry(data.resolve("models")), Clock.systemUTC(), line -> err.println("train: " + line));
            report = training.run(table, options.folds, options.history.toString());
        } catch (IllegalArgumentException e) { // the file or an option does not fit: fix it and run again
            err.println("healthsync train: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (json) {
            ReportPrinter.json(System.out, report.toJson());
        } else {
            summary(System.out, report);
        }
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    static void summary(PrintStream out, TrainingReport report) {
        Map<String, Object> r = report.toJson();
        out.printf("Churn model on %,d rows (%,d positive), %d features, %s:%n", report.rows(), report.positives(),
                report.features(), r.get("protocol"));
        out.printf("  AUC %s   PR AUC %s   Brier %s   ECE %s   lift at top decile %s%n", r.get("auc"), r.get("pr_auc"),
                r.get("brier"), r.get("ece"), r.get("lift_top_decile"));
        Map<String, Map<String, Object>> baselines = (Map<String, Map<String, Object>>) r.get("baselines");
        out.printf("  baselines: base rate %s, logistic regression %s, scorecard n/a (%s)%n",
                baselines.get("base_rate").get("auc"), baselines.get("logistic").get("auc"),
                "needs the store's activities");
        out.printf("  %s: %s%n", report.promoted() ? "promoted" : "not promoted", report.reason());
        if (report.modelId() != null) {
            out.printf("  model %s in %s%n", report.modelId(), report.registry());
        }
        List<TrainingReport.FeatureImportance> top = report.topFeatures();
        out.println("  top drivers (mean |SHAP|, log-odds):");
        top.stream().limit(5).forEach(f -> out.printf("    %-40s %.4f%n", f.name(), f.meanAbsShap()));
    }

    private static Path envPath(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}

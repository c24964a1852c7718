package io.healthsync.cli;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.routes.StoreTrainingData;
import io.healthsync.scoring.evaluation.HistoryTraining;
import io.healthsync.scoring.evaluation.TrainingReport;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.scoring.model.OutcomeLabels;
import io.healthsync.scoring.model.TrainingParameters;
import io.healthsync.store.JdbcStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the churn (or, with --model expansion, the expansion) model on the store's history (one row "
                + "per account and monthly as-of date: the live signals as they stood then, labelled by the billing "
                + "outcomes within the horizon after it, or without any by renewals lost) or on your own "
                + "export with --history (one row per account, or per account and as-of date with --time); cross-validate "
                + "it against a base rate, logistic regression and (from the store) the rules scorecard on the same folds, "
                + "save it in the model registry and promote it if it beats them and the current model.",
                "Numeric columns are features as they are; text columns are one-hot encoded (the 20 most frequent "
                + "values, the rest as 'other'); blanks are missing; the id and time columns are never features."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync train --months 24 --horizon-days 180",
                "  healthsync train --model expansion --expansion-horizon-days 90",
                "  healthsync train --history churn.csv --id customerID --label Churn --positive Yes",
                "  healthsync train --history monthly.csv --id account --label churned --positive 1 --time as_of --json",
                ExitCodes.FOOTER})
final class TrainCommand implements Callable<Integer> {

    /** Fewer churns than this cannot be told from noise by a backtest. */
    static final int MIN_LOST_RENEWALS = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions options;

    @Mixin
    CommonOptions common;

    @Mixin
    StoreTrainingOptions store;

    @Override
    public Integer call() throws Exception {
        options.check(spec.commandLine(), false);
        OptionChecks.atLeast(spec.commandLine(), "--folds", 2, options.folds);
        store.check(spec.commandLine());
        Path data = common.dataDir(Path.of("data"));
        common.checkConfig();
        DataDirs.checkWritable(spec.commandLine(), "--data-dir", data);
        PrintStream err = System.err;
        Clock clock = Clock.systemUTC();
        // a history file's model stays where it always was; the store's churn and expansion models each have their own
        Path registry = options.history != null ? data.resolve("models")
                : data.resolve("models").resolve(store.target(spec.commandLine()).key());
        HistoryTraining training = new HistoryTraining(
                TrainingParameters.of(common.loadConfig().scorecard().model().parameters(), options.seed),
                new ModelRegistry(registry), clock, line -> err.println("train: " + line));
        TrainingReport report;
        try {
            if (options.history != null) {
                HistoryTable table = HistoryTable.read(options.history, options.spec());
                report = training.run(table, options.folds, options.history.toString());
            } else {
                report = fromStore(training, clock, err);
                if (report == null) {
                    return ExitCodes.FAILED;
                }
            }
        } catch (IllegalArgumentException e) { // the file or an option does not fit: fix it and run again
            err.println("healthsync train: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (common.json) {
            ReportPrinter.json(System.out, report.toJson());
        } else {
            summary(System.out, report);
        }
        return ExitCodes.OK;
    }

    /** Trains on the store's history; null (having said why) when it holds too few positive events. */
    private TrainingReport fromStore(HistoryTraining training, Clock clock, PrintStream err) {
        StoreTrainingData.Prepared prepared = prepare(common, store, spec.commandLine(), clock, err, "train");
        return prepared == null ? null
                : training.run(prepared.table(), options.folds, "store " + describe(common, prepared), prepared.target());
    }

    /**
     * The store's training table for the chosen model; null, having said why on {@code err}, when it holds fewer
     * than {@link #MIN_LOST_RENEWALS} positive events.
     */
    static StoreTrainingData.Prepared prepare(CommonOptions common, StoreTrainingOptions options, CommandLine command,
                                              Clock clock, PrintStream err, String name) {
        HealthsyncConfig config = common.loadConfig();
        OutcomeLabels.Target target = options.target(command);
        int horizon = options.horizon(command);
        try (JdbcStore store = common.openStore(Path.of("data"))) {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            StoreTrainingData.Prepared prepared = StoreTrainingData.prepare(config, store, today, target, horizon,
                    options.months);
            if (prepared.events() < MIN_LOST_RENEWALS) {
                err.printf("healthsync %s: the store holds %d %s within the horizon; at least %d are needed "
                        + "to train: pull more history or use --history FILE%n", name, prepared.events(),
                        prepared.eventsNoun(), MIN_LOST_RENEWALS);
                return null;
            }
            err.printf("%s: %s: %s model, %d %s within %d days of %d monthly as-of dates%n", name, store.describe(),
                    target.key(), prepared.events(), prepared.eventsNoun(), horizon, prepared.asOfDates().size());
            return prepared;
        }
    }

    private static String describe(CommonOptions common, StoreTrainingData.Prepared prepared) {
        return common.storeDescription() + " (" + prepared.labelSource() + ")";
    }

    @SuppressWarnings("unchecked")
    static void summary(PrintStream out, TrainingReport report) {
        Map<String, Object> r = report.toJson();
        out.printf("%s model on %,d rows (%,d positive), %d features, %s:%n",
                report.kind().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + report.kind().substring(1),
                report.rows(), report.positives(), report.features(), r.get("protocol"));
        out.printf("  AUC %s   PR AUC %s   Brier %s   ECE %s   lift at top decile %s%n", r.get("auc"), r.get("pr_auc"),
                r.get("brier"), r.get("ece"), r.get("lift_top_decile"));
        Map<String, Map<String, Object>> baselines = (Map<String, Map<String, Object>>) r.get("baselines");
        Object scorecard = baselines.get("scorecard").get("auc");
        out.printf("  baselines: base rate %s, logistic regression %s, scorecard %s%n",
                baselines.get("base_rate").get("auc"), baselines.get("logistic").get("auc"),
                scorecard != null ? scorecard : "n/a (needs the store's activities)");
        if (report.bands() != null) {
            out.printf("  bands (health = 100 x (1 - churn probability); churn observed in the backtest):%n");
            report.bands().observed().forEach(b -> out.printf(java.util.Locale.ROOT,
                    "    %-6s score %3d-%3d: %,6d rows, %,5d churned (%s)%n", b.band(), b.above(), b.upTo(), b.rows(),
                    b.churned(), b.rows() == 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * b.churnRate())));
        }
        out.printf("  %s: %s%n", report.promoted() ? "promoted" : "not promoted", report.reason());
        if (report.modelId() != null) {
            out.printf("  model %s in %s%n", report.modelId(), report.registry());
        }
        List<TrainingReport.FeatureImportance> top = report.topFeatures();
        out.println("  top drivers (mean |SHAP|, log-odds):");
        top.stream().limit(5).forEach(f -> out.printf("    %-40s %.4f%n", f.name(), f.meanAbsShap()));
    }

}

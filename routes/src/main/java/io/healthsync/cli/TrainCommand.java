package io.healthsync.cli;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Activity;
import io.healthsync.routes.ActivityClassifier;
import io.healthsync.scoring.evaluation.HistoryTraining;
import io.healthsync.scoring.evaluation.TrainingReport;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.scoring.model.PointInTimeTrainingSet;
import io.healthsync.scoring.model.TrainingParameters;
import io.healthsync.store.JdbcStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the churn model on the store's history (one row per account and monthly as-of date: the "
                + "live signals as they stood then, labelled by renewals lost within the horizon after it) or on your own "
                + "export with --history (one row per account, or per account and as-of date with --time); cross-validate "
                + "it against a base rate and logistic regression on the same folds, save it in the model registry and "
                + "promote it if it beats them and the current model.",
                "Numeric columns are features as they are; text columns are one-hot encoded (the 20 most frequent "
                + "values, the rest as 'other'); blanks are missing; the id and time columns are never features."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync train --months 24 --horizon-days 180",
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

    @Option(names = "--horizon-days", defaultValue = "" + PointInTimeTrainingSet.DEFAULT_HORIZON_DAYS, paramLabel = "DAYS",
            description = "From the store: a renewal lost within DAYS after an as-of date is churn (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--months", defaultValue = "24", paramLabel = "N",
            description = "From the store: as-of dates on the first of each of the last N months; those whose horizon "
                    + "is not over yet are left out (default: ${DEFAULT-VALUE}).")
    int months;

    @Override
    public Integer call() throws Exception {
        options.check(spec.commandLine(), false);
        OptionChecks.atLeast(spec.commandLine(), "--folds", 2, options.folds);
        OptionChecks.atLeast(spec.commandLine(), "--horizon-days", 1, horizonDays);
        OptionChecks.atLeast(spec.commandLine(), "--months", 1, months);
        Path data = common.dataDir(Path.of("data"));
        common.checkConfig();
        DataDirs.checkWritable(spec.commandLine(), "--data-dir", data);
        PrintStream err = System.err;
        Clock clock = Clock.systemUTC();
        HistoryTraining training = new HistoryTraining(TrainingParameters.defaults(options.seed),
                new ModelRegistry(data.resolve("models")), clock, line -> err.println("train: " + line));
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

    /** Trains on the store's accounts, activities and opportunities; null (having said why) when it holds too few churns. */
    private TrainingReport fromStore(HistoryTraining training, Clock clock, PrintStream err) {
        HealthsyncConfig config = common.loadConfig();
        try (JdbcStore store = common.openStore(Path.of("data"))) {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            Map<String, List<Activity>> activities = new ActivityClassifier(config.taxonomy())
                    .classify(store.activitiesByAccount(Instant.EPOCH));
            PointInTimeTrainingSet.Result set = PointInTimeTrainingSet.live(horizonDays).build(store.accounts(), activities,
                    store.opportunitiesByAccount(), PointInTimeTrainingSet.monthlyAsOfDates(today, months), today);
            if (set.lostRenewals() < MIN_LOST_RENEWALS) {
                err.printf("healthsync train: the store holds %d lost renewals within the horizon; at least %d are needed "
                        + "to train: pull more history or use --history FILE%n", set.lostRenewals(), MIN_LOST_RENEWALS);
                return null;
            }
            err.printf("train: %s: %d lost renewals within %d days of %d monthly as-of dates%n", store.describe(),
                    set.lostRenewals(), horizonDays, months);
            return training.run(set.table(), options.folds, "store " + store.describe());
        }
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

}

package io.healthsync.scoring.evaluation;

import io.healthsync.scoring.model.ChurnModel;
import io.healthsync.scoring.model.ChurnTrainer;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.scoring.model.TrainingParameters;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The whole of {@code train --history}: history table -> backtest (model and baselines on the same folds)
 * -> final model on all rows -> SHAP drivers -> saved in the registry -> promoted if the gate lets it.
 */
public final class HistoryTraining {

    public static final int TOP_FEATURES = 10;
    public static final String BACKTEST_ONLY = "backtest only: nothing is registered";
    /** SHAP over at most this many rows (a seeded sample): the mean settles long before, and it is the slow part. */
    static final int SHAP_ROWS = 10_000;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final TrainingParameters parameters;
    private final ModelRegistry registry;
    private final Clock clock;
    private final Consumer<String> progress;

    public HistoryTraining(TrainingParameters parameters, ModelRegistry registry, Clock clock, Consumer<String> progress) {
        this.parameters = parameters;
        this.registry = registry;
        this.clock = clock;
        this.progress = progress;
    }

    /** Evaluation only, for {@code backtest}: {@link #evaluate} works, {@link #run} refuses. */
    public static HistoryTraining evaluationOnly(TrainingParameters parameters, Consumer<String> progress) {
        return new HistoryTraining(parameters, null, Clock.systemUTC(), progress);
    }

    /**
     * What a run trains and how it is judged.
     *
     * @param kind          the model's kind in the registry and the report: churn or expansion
     * @param scorecardRisk per row of the table, the rules scorecard's risk, for its baseline; or null
     * @param bands         set the red/yellow/green thresholds from the backtest (churn models from the store)
     * @param about         more for the model's metadata (label source, horizon, training window), in order
     */
    public record Target(String kind, double[] scorecardRisk, boolean bands, Map<String, Object> about) {

        /** A history file's churn model: no scorecard, no bands, as before. */
        public static final Target HISTORY_FILE = new Target(TrainingReport.CHURN, null, false, Map.of());

        public Target {
            about = about == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(about));
        }
    }

    public TrainingReport run(HistoryTable table, int folds, String source) {
        return run(table, folds, source, Target.HISTORY_FILE);
    }

    public TrainingReport run(HistoryTable table, int folds, String source, Target target) {
        if (registry == null) {
            throw new IllegalStateException("this HistoryTraining only evaluates: it has no model registry to save in");
        }
        ChurnTrainer trainer = new ChurnTrainer(parameters);
        Backtest.Result backtest = backtest(trainer, table, folds, target);
        RiskBands bands = bands(backtest, target);
        ChurnModel model = trainer.train(table, IntStream.range(0, table.rows()).toArray());
        try {
            List<TrainingReport.FeatureImportance> importance = importance(model, table);
            String id = ID_TIME.format(clock.instant()) + "-" + table.sha256().substring(0, 8);
            for (int suffix = 2; Files.exists(registry.dir().resolve(id)); suffix++) {
                id = ID_TIME.format(clock.instant()) + "-" + table.sha256().substring(0, 8) + "-" + suffix;
            }
            PromotionGate.Current current = current();
            long positives = table.positives();
            PromotionGate.Decision decision = PromotionGate.decide(backtest.overall().auc(), positives,
                    table.rows() - positives, backtest.logisticAuc(), backtest.scorecardAuc(), table.featureNames(), current);
            TrainingReport report = new TrainingReport(backtest, table.rows(), table.positives(), table.width(),
                    importance.subList(0, Math.min(TOP_FEATURES, importance.size())), decision.promoted(),
                    decision.reason(), id, registry.dir().toString(), target.kind(), bands);
            registry.save(id, model.boosterBytes(), metadata(table, model, report, source, target));
            if (decision.promoted()) {
                registry.promote(id);
            }
            return report;
        } finally {
            model.dispose();
        }
    }

    /**
     * The same backtest and drivers as {@link #run} (the final model is trained on all rows for its SHAP
     * importance), but nothing is saved or promoted: {@code promoted} is false and {@code reason} says why.
     */
    public TrainingReport evaluate(HistoryTable table, int folds) {
        return evaluate(table, folds, Target.HISTORY_FILE);
    }

    public TrainingReport evaluate(HistoryTable table, int folds, Target target) {
        ChurnTrainer trainer = new ChurnTrainer(parameters);
        Backtest.Result backtest = backtest(trainer, table, folds, target);
        RiskBands bands = bands(backtest, target);
        ChurnModel model = trainer.train(table, IntStream.range(0, table.rows()).toArray());
        try {
            List<TrainingReport.FeatureImportance> importance = importance(model, table);
            return new TrainingReport(backtest, table.rows(), table.positives(), table.width(),
                    importance.subList(0, Math.min(TOP_FEATURES, importance.size())), false, BACKTEST_ONLY, null, null,
                    target.kind(), bands);
        } finally {
            model.dispose();
        }
    }

    private Backtest.Result backtest(ChurnTrainer trainer, HistoryTable table, int folds, Target target) {
        progress.accept(String.format("%,d rows (%,d positive), %d features; %s", table.rows(), table.positives(),
                table.width(), table.times() == null ? "stratified " + folds + "-fold" : "walk-forward, " + folds + " cut-offs"));
        return new Backtest(trainer, progress).run(table, folds, target.scorecardRisk());
    }

    /** The score bands from the backtest's out-of-fold predictions: what was observed, not what was fitted. */
    private static RiskBands bands(Backtest.Result backtest, Target target) {
        return target.bands() ? RiskBands.fromOutOfFold(backtest.outOfFold().model(), backtest.outOfFold().labels()) : null;
    }

    private List<TrainingReport.FeatureImportance> importance(ChurnModel model, HistoryTable table) {
        List<Integer> rows = new ArrayList<>(IntStream.range(0, table.rows()).boxed().toList());
        if (rows.size() > SHAP_ROWS) {
            Collections.shuffle(rows, new Random(parameters.seed()));
            rows = rows.subList(0, SHAP_ROWS);
        }
        double[] mean = model.meanAbsoluteContributions(table.features(), table.width(),
                rows.stream().mapToInt(Integer::intValue).toArray());
        List<TrainingReport.FeatureImportance> importance = new ArrayList<>();
        for (int f = 0; f < mean.length; f++) {
            importance.add(new TrainingReport.FeatureImportance(table.featureNames().get(f), mean[f]));
        }
        importance.sort(Comparator.comparingDouble(TrainingReport.FeatureImportance::meanAbsShap).reversed()
                .thenComparing(TrainingReport.FeatureImportance::name));
        return importance;
    }

    @SuppressWarnings("unchecked")
    private PromotionGate.Current current() {
        return registry.current().map(m -> {
            Object auc = ((Map<String, Object>) m.getOrDefault("metrics", Map.of())).get("auc");
            return new PromotionGate.Current(String.valueOf(m.get("id")), auc instanceof Number n ? n.doubleValue() : Double.NaN,
                    (List<String>) m.getOrDefault("features", List.of()));
        }).orElse(null);
    }

    private Map<String, Object> metadata(HistoryTable table, ChurnModel model, TrainingReport report, String source,
                                         Target target) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", report.modelId());
        json.put("kind", target.kind());
        json.put("trained_at", clock.instant().toString());
        json.put("source", source);
        json.put("source_sha256", table.sha256());
        json.put("training_rows", table.rows());
        json.put("positives", table.positives());
        json.put("features", table.featureNames());
        json.put("categories", table.categories());
        json.put("parameters", parameters.describe());
        json.put("trees", model.rounds());
        json.put("calibration", Map.of("method", "platt", "a", model.calibration().a(), "b", model.calibration().b()));
        if (report.bands() != null) {
            json.put("bands", report.bands().thresholdsJson());
        }
        json.putAll(target.about());
        Map<String, Object> metrics = report.toJson();
        metrics.keySet().retainAll(List.of("auc", "pr_auc", "brier", "ece", "lift_top_decile", "precision_top_10pct",
                "protocol", "baselines", "holdout_auc"));
        json.put("metrics", metrics);
        json.put("promoted", report.promoted());
        json.put("reason", report.reason());
        return json;
    }
}

package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.scoring.evaluation.HistoryTraining;
import io.healthsync.scoring.evaluation.TrainingReport;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.scoring.model.OutcomeLabels;
import io.healthsync.scoring.model.TrainingParameters;
import io.healthsync.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled retrain of `run` (scorecard.yaml model.retrain_cron): the churn model, then the expansion
 * model, each from the store's history with the horizons and months of scorecard.yaml, each promoted only
 * when the gate lets it (it beats the baselines and the current model). A model that cannot be trained (too
 * few churns or expansions, no billing outcomes) is reported and the current one stays.
 */
public final class ModelRetraining {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRetraining.class);
    /** Fewer positive events than this cannot be told from noise: nothing is trained. */
    public static final int MIN_EVENTS = 20;
    private static final int FOLDS = 5;
    private static final long SEED = 42;

    /** What one model's retrain did, in a line. */
    public record Outcome(String kind, boolean trained, boolean promoted, Double auc, String reason) {
    }

    private final HealthsyncConfig config;
    private final Store store;
    private final Path modelsDir;
    private final Clock clock;

    public ModelRetraining(HealthsyncConfig config, Store store, Path modelsDir, Clock clock) {
        this.config = config;
        this.store = store;
        this.modelsDir = modelsDir;
        this.clock = clock;
    }

    public List<Outcome> retrainAll() {
        List<Outcome> outcomes = new ArrayList<>();
        for (OutcomeLabels.Target target : OutcomeLabels.Target.values()) {
            outcomes.add(retrain(target));
        }
        return outcomes;
    }

    Outcome retrain(OutcomeLabels.Target target) {
        String kind = target.key();
        var settings = config.scorecard().model();
        int horizon = target == OutcomeLabels.Target.CHURN ? settings.churnHorizonDays() : settings.expansionHorizonDays();
        try {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            StoreTrainingData.Prepared data = StoreTrainingData.prepare(config, store, today, target, horizon,
                    settings.trainingMonths());
            if (data.events() < MIN_EVENTS) {
                return report(new Outcome(kind, false, false, null, "the store holds " + data.events() + " "
                        + data.eventsNoun() + " within " + horizon + " days; at least " + MIN_EVENTS + " are needed"));
            }
            HistoryTraining training = new HistoryTraining(TrainingParameters.of(settings.parameters(), SEED),
                    new ModelRegistry(modelsDir.resolve(kind)), clock, line -> LOG.info("retrain {}: {}", kind, line));
            TrainingReport report = training.run(data.table(), FOLDS, "store " + store.describe() + " ("
                    + data.labelSource() + ", scheduled retrain)", data.target());
            Object auc = report.toJson().get("auc");
            return report(new Outcome(kind, true, report.promoted(), auc instanceof Number n ? n.doubleValue() : null,
                    report.reason()));
        } catch (IllegalArgumentException e) {
            return report(new Outcome(kind, false, false, null, e.getMessage()));
        }
    }

    private static Outcome report(Outcome outcome) {
        LOG.info("retrain {}: {}{}", outcome.kind(), outcome.trained()
                ? (outcome.promoted() ? "promoted" : "not promoted") + " (AUC " + outcome.auc() + "): " : "not trained: ",
                outcome.reason());
        return outcome;
    }
}

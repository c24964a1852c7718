package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.sandbox.SourceSandboxOptions;
import io.healthsync.sandbox.SourceSandboxes;
import io.healthsync.scoring.evaluation.HistoryTraining;
import io.healthsync.scoring.evaluation.RiskBands;
import io.healthsync.scoring.evaluation.TrainingReport;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.scoring.model.OutcomeLabels;
import io.healthsync.scoring.model.TrainingParameters;
import io.healthsync.store.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of the models on the demo company: every source of the sandbox pulled into a store, then the churn
 * model trained from it (labels from Stripe's outcomes, features from the live signal code) recovers the planted
 * drivers, beats the rules scorecard on the same walk-forward folds, and is calibrated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelFromStoreTest {

    private static final List<String> SOURCES = List.of("zendesk", "stripe", "amplitude");
    private static final int HISTORY_DAYS = 400;
    /**
     * A pinned day (the clock ticks from it): the company, its outcomes and the walk-forward folds are then the same
     * on every run. On the real day the 600 accounts' churns fell into the bands differently from day to day.
     */
    private static final Clock CLOCK = Clock.offset(Clock.systemUTC(),
            java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse("2026-12-04T06:00:00Z")));

    private final HealthsyncConfig defaults = ConfigLoader.load(null);
    private final Map<String, String> env = new HashMap<>();
    private JdbcStore store;
    private SalesforceSandbox salesforce;
    private SourceSandboxes others;
    private HealthsyncConfig config;

    @TempDir
    Path dir;

    @BeforeAll
    void pullEverySource() throws Exception {
        store = JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
        salesforce = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(600).withSeed(7), CLOCK);
        others = SourceSandboxes.start(salesforce, SourceSandboxOptions.defaults().withUsersPerTrackedUser(100), CLOCK);
        StandInSources standIns = new StandInSources(defaults, salesforce, others, SOURCES);
        env.putAll(standIns.env());
        config = standIns.config(HISTORY_DAYS, true, null, Map.of(), null);
        try (HealthsyncApp app = HealthsyncApp.start(config, store, env, CLOCK,
                new HealthsyncApp.RetryPolicy(1, 10))) {
            assertThat(app.sync(true, false).status).isEqualTo("ok");
        }
    }

    @AfterAll
    void stop() {
        others.close();
        salesforce.close();
        store.close();
    }

    @Test
    void the_scheduled_retrain_trains_both_models_and_a_promoted_churn_model_scores_the_next_sync() throws Exception {
        Path models = dir.resolve("retrain-models");
        List<ModelRetraining.Outcome> retrained = new ModelRetraining(config, store, models, CLOCK).retrainAll();

        assertThat(retrained).extracting(ModelRetraining.Outcome::kind).containsExactly("churn", "expansion");
        assertThat(retrained.get(0).trained()).isTrue();
        assertThat(retrained.get(0).auc()).isGreaterThan(0.70);
        assertThat(retrained.get(1).trained()).isTrue(); // from the seat changes' proration invoices
        assertThat(retrained.get(1).auc()).isGreaterThan(0.6);

        // whatever the gate said, a promoted model is what sync scores with
        ModelRegistry churn = new ModelRegistry(models.resolve("churn"));
        String id = churn.currentId().orElseGet(() -> {
            try (var saved = java.nio.file.Files.list(models.resolve("churn"))) {
                String only = saved.filter(java.nio.file.Files::isDirectory).map(p -> p.getFileName().toString())
                        .findFirst().orElseThrow();
                churn.promote(only);
                return only;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        RunReport report;
        try (HealthsyncApp app = HealthsyncApp.start(config, store, env, CLOCK,
                new HealthsyncApp.RetryPolicy(1, 10), models)) {
            report = app.sync(true, false);
        }

        assertThat(report.scoredBy).isEqualTo(id);
        var plan = store.plan(report.planId).orElseThrow();
        assertThat(plan.writes()).isNotEmpty().allSatisfy(w -> {
            assertThat(w.payload()).containsKey("Churn_Risk__c");
            assertThat((Integer) w.payload().get("Churn_Risk__c")).isBetween(0, 100);
            assertThat(w.payload().get("Health_Score__c")).isEqualTo(100 - (Integer) w.payload().get("Churn_Risk__c"))
                    .as("health = 100 x (1 - churn probability), each rounded");
        });
        assertThat(plan.writes()).anySatisfy(w -> assertThat(w.drivers()).isNotEmpty());
    }

    /**
     * Measured (seed 7, 600 accounts, 90-day horizon, 5 walk-forward cut-offs): about 5,600 rows, 260 positive
     * (104 churns), AUC 0.83, ECE 0.002, scorecard 0.63, logistic regression 0.85 (the planted churn is itself a
     * logistic in these signals, so the logistic baseline is a strong one and the model is not always promoted).
     */
    @Test
    void the_churn_model_from_the_store_finds_the_planted_drivers_and_beats_the_scorecard() throws Exception {
        LocalDate today = LocalDate.now(CLOCK);
        StoreTrainingData.Prepared data = StoreTrainingData.prepare(config, store, today, OutcomeLabels.Target.CHURN, 90, 24);
        assertThat(data.labelSource()).isEqualTo("outcomes");
        assertThat(data.events()).isGreaterThan(50);
        ModelRegistry registry = new ModelRegistry(dir.resolve("models/churn"));

        TrainingReport report = new HistoryTraining(TrainingParameters.defaults(42), registry, CLOCK,
                line -> { }).run(data.table(), 5, "store", data.target());

        Map<String, Object> json = report.toJson();
        System.err.println("ModelFromStoreTest churn: " + json);
        double auc = (Double) json.get("auc");
        double scorecard = report.backtest().scorecardAuc();
        assertThat(auc).isGreaterThan(0.70).isGreaterThan(scorecard);
        assertThat((Double) json.get("ece")).isLessThan(0.1);
        List<String> top = report.topFeatures().stream().map(TrainingReport.FeatureImportance::name).toList();
        assertThat(top).as("planted: usage rate and trend, payment failures, bad CSAT, cancellation intent")
                .containsAnyOf("active_rate_30d", "active_users_per_seat", "active_rate_trend")
                .containsAnyOf("active_rate_trend", "csat_bad_share_90d", "payment_failures_90d", "cancellation_intent_90d");
        assertThat(top).doesNotContain("days_to_renewal"); // today's renewal date: never trained on

        Map<String, Object> saved = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                dir.resolve("models/churn").resolve(report.modelId()).resolve(ModelRegistry.METADATA).toFile(), Map.class);
        assertThat(saved).containsEntry("kind", "churn").containsKeys("features", "calibration", "bands");
        int[] bands = RiskBands.thresholds(saved).orElseThrow();
        assertThat(bands[0]).isBetween(5, 60);
        assertThat(bands[1]).isBetween(60, 95).isGreaterThan(bands[0]);
        assertThat(report.bands().observed().get(0).churnRate())
                .isGreaterThan(report.bands().observed().get(2).churnRate()); // red churned more than green
    }

    /**
     * Expansions come from the proration invoices of seat increases (any time back) as well as from events (the
     * last 30 days), one outcome per subscription and day: the demo company's history is enough to train and
     * evaluate an expansion model, which learns the planted rule (high use of licensed seats).
     */
    @Test
    void the_expansion_model_learns_from_the_billing_history_of_seat_changes() {
        LocalDate today = LocalDate.now(CLOCK);
        StoreTrainingData.Prepared data = StoreTrainingData.prepare(config, store, today, OutcomeLabels.Target.EXPANSION,
                OutcomeLabels.DEFAULT_EXPANSION_HORIZON_DAYS, 24);
        assertThat(data.target().kind()).isEqualTo("expansion");
        assertThat(data.target().bands()).isFalse();
        assertThat(data.events()).isGreaterThan(50);

        TrainingReport report = new HistoryTraining(TrainingParameters.defaults(42),
                new ModelRegistry(dir.resolve("models/expansion")), CLOCK, line -> { })
                .run(data.table(), 5, "store", data.target());

        Map<String, Object> json = report.toJson();
        System.err.println("ModelFromStoreTest expansion: " + json);
        assertThat((Double) json.get("auc")).isGreaterThan(0.65);
        assertThat(report.topFeatures()).extracting(TrainingReport.FeatureImportance::name).first().isIn(
                "active_users_per_seat", "active_rate_30d", "active_rate_trend", "feature_breadth", "tenure_days");
    }

}

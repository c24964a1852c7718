package io.healthsync.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.scoring.model.HistorySpec;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.scoring.model.TrainingParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTrainingTest {

    private static final HistorySpec SPEC = new HistorySpec("id", "churned", "yes", null);

    @TempDir
    Path registryDir;

    private TrainingReport train(String csv, HistorySpec spec, String at) {
        HistoryTable table = HistoryTable.parse(csv, "synthetic.csv", spec);
        Clock clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
        return new HistoryTraining(TrainingParameters.defaults(42).withThreads(1), new ModelRegistry(registryDir), clock,
                line -> { }).run(table, 5, "synthetic.csv");
    }

    @Test
    void finds_the_planted_driver_ranks_it_first_and_is_promoted() throws Exception {
        TrainingReport report = train(SyntheticHistory.csv(800, true, false, 1), SPEC, "2026-01-01T00:00:00Z");

        assertThat(report.backtest().overall().auc()).isGreaterThan(0.8);
        assertThat(report.topFeatures().get(0).name()).isEqualTo("usage_drop");
        assertThat(report.backtest().protocol()).isEqualTo("stratified 5-fold");
        assertThat(report.backtest().folds()).hasSize(5).allSatisfy(f -> assertThat(f.testRows()).isBetween(159, 161));
        assertThat(report.backtest().baseRateAuc()).isEqualTo(0.5);
        assertThat(report.promoted()).as(report.reason()).isTrue();
        ModelRegistry registry = new ModelRegistry(registryDir);
        assertThat(registry.currentId()).contains(report.modelId());
        Path folder = registryDir.resolve(report.modelId());
        assertThat(Files.size(folder.resolve(ModelRegistry.BOOSTER))).isGreaterThan(100);
        Map<String, Object> saved = registry.current().orElseThrow();
        assertThat(saved).containsKeys("features", "categories", "parameters", "metrics", "training_rows", "source_sha256");
        assertThat(saved.get("source_sha256")).asString().hasSize(64);
    }

    @Test
    void pure_noise_stays_near_one_half_and_is_not_promoted() {
        TrainingReport report = train(SyntheticHistory.csv(500, false, false, 2), SPEC, "2026-01-01T00:00:00Z");

        assertThat(report.backtest().overall().auc()).isBetween(0.4, 0.6);
        assertThat(report.promoted()).isFalse();
        assertThat(report.reason()).contains("not clearly better than the base rate");
        assertThat(new ModelRegistry(registryDir).currentId()).isEmpty(); // saved, but not made current
        assertThat(registryDir.resolve(report.modelId())).isDirectory();
    }

    @Test
    void a_model_the_gate_refuses_leaves_the_current_one_in_place() {
        String strong = SyntheticHistory.csv(800, true, false, 1);
        TrainingReport first = train(strong, SPEC, "2026-01-01T00:00:00Z");
        assertThat(first.promoted()).isTrue();
        // the same columns without the signal
        String weak = SyntheticHistory.csv(800, false, false, 3);
        TrainingReport second = train(weak, SPEC, "2026-02-01T00:00:00Z");

        assertThat(second.promoted()).isFalse();
        assertThat(new ModelRegistry(registryDir).currentId()).contains(first.modelId());
    }

    @Test
    void with_a_time_column_the_backtest_walks_forward() {
        TrainingReport report = train(SyntheticHistory.csv(900, true, true, 4), new HistorySpec("id", "churned", "yes", "as_of"),
                "2026-01-01T00:00:00Z");

        assertThat(report.backtest().protocol()).isEqualTo("walk-forward, 5 cut-offs");
        assertThat(report.backtest().folds()).extracting(FoldMetrics::trainRows).isSorted();
        assertThat(report.backtest().overall().auc()).isGreaterThan(0.8);
        assertThat(report.toJson()).containsKeys("auc", "pr_auc", "brier", "ece", "lift_top_decile", "folds",
                "baselines", "promoted", "reason", "top_features");
    }
}

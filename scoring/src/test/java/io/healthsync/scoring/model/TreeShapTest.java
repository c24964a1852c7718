package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tabulated SHAP values are XGBoost's: compared with predictContrib on the same rows, missing values included. */
class TreeShapTest {

    private static final List<String> FEATURES = List.of("days_since_last_touch", "touches_30d", "tenure_days",
            "active_users_per_seat", "tickets_30d");

    @TempDir
    Path dir;

    /** Churn from an interaction of four signals, 10% missing values, so trees repeat features along paths. */
    private static HistoryTable table(Random random, int rows) {
        int width = FEATURES.size();
        float[] features = new float[rows * width];
        int[] labels = new int[rows];
        String[] ids = new String[rows];
        for (int r = 0; r < rows; r++) {
            double[] x = {random.nextInt(200), random.nextInt(10), random.nextInt(2000), random.nextDouble(), random.nextInt(8)};
            for (int f = 0; f < width; f++) {
                features[r * width + f] = random.nextInt(10) == 0 ? Float.NaN : (float) x[f];
            }
            double risk = (x[0] > 90 ? 1.5 : -1) + (x[3] < 0.3 && x[4] > 4 ? 1.5 : 0) - x[1] / 5 + (x[2] < 180 ? 0.5 : 0);
            labels[r] = random.nextDouble() < 1 / (1 + Math.exp(-risk)) ? 1 : 0;
            ids[r] = "a" + r;
        }
        return new HistoryTable(FEATURES, Map.of(), features, labels, ids, null, "test");
    }

    private PromotedModel load(ChurnModel model, String folder, boolean tabulate) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kind", "churn");
        metadata.put("features", FEATURES);
        metadata.put("trees", model.rounds());
        metadata.put("calibration", Map.of("method", "platt", "a", model.calibration().a(), "b", model.calibration().b()));
        ModelRegistry registry = new ModelRegistry(dir.resolve(folder));
        registry.save("m", model.boosterBytes(), metadata);
        registry.promote("m");
        return PromotedModel.load(registry, "churn", tabulate).orElseThrow();
    }

    private static TrainingParameters depth(int maxDepth) {
        TrainingParameters d = TrainingParameters.defaults(3);
        return new TrainingParameters(d.eta(), maxDepth, d.minChildWeight(), d.subsample(), d.colsampleByTree(),
                d.maxRounds(), d.earlyStoppingRounds(), d.balanceClasses(), d.holdoutShare(), d.threads(), d.seed());
    }

    @Test
    void tabulated_shap_values_and_bias_equal_xgboosts_predict_contrib() {
        Random random = new Random(11);
        HistoryTable table = table(random, 4000);
        ChurnModel model = new ChurnTrainer(depth(4)).train(table, IntStream.range(0, table.rows()).toArray());
        HistoryTable rows = table(random, 500);
        try (PromotedModel tables = load(model, "tables", true); PromotedModel xgboost = load(model, "xgboost", false)) {
            assertThat(tables.tabulatedShap()).isTrue();
            assertThat(xgboost.tabulatedShap()).isFalse();
            PromotedModel.Explained fast = tables.explain(rows.features(), rows.rows());
            PromotedModel.Explained reference = xgboost.explain(rows.features(), rows.rows());
            for (int r = 0; r < rows.rows(); r++) {
                assertThat(fast.margins()[r]).isCloseTo(reference.margins()[r], within(1e-4));
                for (int f = 0; f <= FEATURES.size(); f++) {
                    assertThat(fast.contributions()[r][f]).as("row %d column %d", r, f)
                            .isCloseTo(reference.contributions()[r][f], within(1e-4));
                }
            }
        } finally {
            model.dispose();
        }
    }

    @Test
    void margins_as_bias_plus_shap_values_equal_xgboosts_predicted_margins() {
        Random random = new Random(13);
        HistoryTable table = table(random, 4000);
        ChurnModel model = new ChurnTrainer(depth(4)).train(table, IntStream.range(0, table.rows()).toArray());
        HistoryTable rows = table(random, 500);
        try (PromotedModel tables = load(model, "tables", true)) {
            double[] fromShap = tables.explain(rows.features(), rows.rows()).margins();
            double[] predicted = tables.margins(rows.features(), rows.rows());
            for (int r = 0; r < rows.rows(); r++) {
                assertThat(fromShap[r]).as("row %d", r).isCloseTo(predicted[r], within(1e-5));
            }
        } finally {
            model.dispose();
        }
    }

    /**
     * Depth-7 trees on five features: subtrees at most {@value TreeShap#MAX_GROUP_BITS} nodes deep in decisions
     * are tabulated together, shallow leaves beside big subtrees alone; with groups of 0 bits every leaf is alone.
     * Both are predictContrib's values.
     */
    @Test
    void subtree_tables_and_lone_leaf_tables_both_equal_xgboosts_predict_contrib() throws Exception {
        Random random = new Random(14);
        HistoryTable table = table(random, 4000);
        ChurnModel model = new ChurnTrainer(depth(7)).train(table, IntStream.range(0, table.rows()).toArray());
        HistoryTable rows = table(random, 500);
        Booster booster = XGBoost.loadModel(model.boosterBytes());
        byte[] json = booster.toByteArray("json");
        booster.dispose();
        try (PromotedModel xgboost = load(model, "xgboost", false)) {
            double[][] reference = xgboost.explain(rows.features(), rows.rows()).contributions();
            for (int groupBits : new int[] {TreeShap.MAX_GROUP_BITS, 0}) {
                double[][] fast = TreeShap.of(json, model.rounds(), FEATURES.size(), groupBits).orElseThrow()
                        .contributions(rows.features(), rows.rows());
                for (int r = 0; r < rows.rows(); r++) {
                    for (int f = 0; f < FEATURES.size(); f++) {
                        assertThat(fast[r][f]).as("groups of %d bits, row %d column %d", groupBits, r, f)
                                .isCloseTo(reference[r][f], within(1e-4));
                    }
                }
            }
        } finally {
            model.dispose();
        }
    }

    @Test
    void trees_too_deep_for_tables_are_explained_by_xgboost() {
        // ten signals that all matter, so deep trees split on more distinct features per path than tables allow
        List<String> names = java.util.Arrays.stream(io.healthsync.model.Signal.values()).limit(10)
                .map(io.healthsync.model.Signal::key).toList();
        Random random = new Random(12);
        int rows = 3000;
        float[] features = new float[rows * names.size()];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int f = 0; f < names.size(); f++) {
                float x = (float) random.nextGaussian();
                features[r * names.size() + f] = x;
                sum += x;
            }
            labels[r] = random.nextDouble() < 1 / (1 + Math.exp(-sum)) ? 1 : 0;
        }
        HistoryTable table = new HistoryTable(names, Map.of(), features, labels, new String[rows], null, "deep");
        ChurnModel model = new ChurnTrainer(depth(10)).train(table, IntStream.range(0, rows).toArray());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kind", "churn");
        metadata.put("features", names);
        metadata.put("trees", model.rounds());
        metadata.put("calibration", Map.of("method", "platt", "a", 1, "b", 0));
        ModelRegistry registry = new ModelRegistry(dir.resolve("deep"));
        registry.save("m", model.boosterBytes(), metadata);
        registry.promote("m");
        try (PromotedModel deep = PromotedModel.load(registry, "churn", true).orElseThrow()) {
            assertThat(deep.tabulatedShap()).isFalse();
            PromotedModel.Explained explained = deep.explain(table.features(), 10);
            double sum = 0;
            for (double value : explained.contributions()[0]) {
                sum += value;
            }
            assertThat(sum).isCloseTo(explained.margins()[0], within(1e-5));
        } finally {
            model.dispose();
        }
    }
}

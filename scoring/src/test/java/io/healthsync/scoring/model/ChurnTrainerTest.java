package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

class ChurnTrainerTest {

    /** A weak signal in x, so the held-out AUC peaks early and early stopping cuts the later trees. */
    private static HistoryTable table(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("id,x,noise,churned\n");
        for (int i = 0; i < rows; i++) {
            double x = random.nextGaussian();
            boolean churned = random.nextDouble() < (x > 0 ? 0.4 : 0.2);
            csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%s%n", i, x, random.nextGaussian(), churned ? "y" : "n"));
        }
        return HistoryTable.parse(csv.toString(), "t.csv", new HistorySpec("id", "churned", "y", null));
    }

    @Test
    void predictions_use_only_the_trees_up_to_the_best_held_out_round() throws Exception {
        HistoryTable table = table(1500, 5);
        int[] all = IntStream.range(0, table.rows()).toArray();
        ChurnModel model = new ChurnTrainer(TrainingParameters.defaults(42).withThreads(1)).train(table, all);
        try {
            int trained = model.booster().getNumBoostedRound();
            assertThat(model.rounds()).isLessThan(trained); // early stopping trained 50 rounds past the best
            double[] limited = model.margins(table.features(), table.width(), all);
            DMatrix matrix = Matrices.of(table.features(), table.width(), all, null);
            float[][] full = model.booster().predict(matrix, true);
            matrix.dispose();
            boolean differs = false;
            for (int i = 0; i < all.length; i++) {
                differs |= Math.abs(full[i][0] - limited[i]) > 1e-6;
            }
            assertThat(differs).as("margins from %d of %d trees", model.rounds(), trained).isTrue();
        } finally {
            model.dispose();
        }
    }

    @Test
    void the_saved_booster_loads_back_and_predicts_the_same() throws Exception {
        HistoryTable table = table(600, 6);
        int[] all = IntStream.range(0, table.rows()).toArray();
        ChurnModel model = new ChurnTrainer(TrainingParameters.defaults(42).withThreads(1)).train(table, all);
        try {
            Booster loaded = XGBoost.loadModel(model.boosterBytes());
            ChurnModel reloaded = new ChurnModel(loaded, model.rounds(), model.calibration(), model.holdoutAuc(),
                    model.trainRows(), model.holdoutRows());
            double[] before = model.probabilities(table.features(), table.width(), all);
            double[] after = reloaded.probabilities(table.features(), table.width(), all);
            for (int i = 0; i < all.length; i++) {
                assertThat(after[i]).isCloseTo(before[i], within(1e-6));
            }
            reloaded.dispose();
        } finally {
            model.dispose();
        }
    }

    @Test
    void calibrated_probabilities_match_the_observed_rate_on_average() {
        HistoryTable table = table(3000, 7);
        int[] all = IntStream.range(0, table.rows()).toArray();
        ChurnModel model = new ChurnTrainer(TrainingParameters.defaults(42).withThreads(1)).train(table, all);
        try {
            double mean = java.util.Arrays.stream(model.probabilities(table.features(), table.width(), all)).average().orElseThrow();
            double rate = (double) table.positives() / table.rows();
            assertThat(mean).isCloseTo(rate, within(0.03));
        } finally {
            model.dispose();
        }
    }
}

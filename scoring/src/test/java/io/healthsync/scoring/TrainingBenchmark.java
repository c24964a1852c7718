package io.healthsync.scoring;

import io.healthsync.scoring.evaluation.HistoryTraining;
import io.healthsync.scoring.model.ChurnModel;
import io.healthsync.scoring.model.ChurnTrainer;
import io.healthsync.scoring.model.HistorySpec;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.TrainingParameters;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Times the churn model's training on 100k rows x 40 synthetic features (a company at the size one process
 * should serve): one model with early stopping and calibration, and SHAP over the rows the report reads.
 * A main, not a test: timings on shared CI machines are noise. Run after {@code mvn -o test-compile -pl scoring -am}:
 * {@code java -cp scoring/target/test-classes:scoring/target/classes:mappings/target/classes:$(cat CP) io.healthsync.scoring.TrainingBenchmark [rows]}
 * where CP is written by {@code mvn -o dependency:build-classpath -pl scoring -Dmdep.outputFile=CP}.
 */
public final class TrainingBenchmark {

    private static final int FEATURES = 40;

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random random = new Random(42); // fixed seed: the same workload every run
        StringBuilder csv = new StringBuilder("id");
        for (int f = 0; f < FEATURES; f++) {
            csv.append(",f").append(f);
        }
        csv.append(",churned\n");
        for (int r = 0; r < rows; r++) {
            csv.append(r);
            double signal = 0;
            for (int f = 0; f < FEATURES; f++) {
                double x = random.nextGaussian();
                signal += f < 5 ? x * (f + 1) * 0.3 : 0; // five features matter, the rest is noise
                csv.append(',').append(random.nextDouble() < 0.02 ? "" : String.format(Locale.ROOT, "%.4f", x));
            }
            csv.append(',').append(random.nextDouble() < 1 / (1 + Math.exp(-(signal - 1.5))) ? "1" : "0").append('\n');
        }
        long start = System.nanoTime();
        HistoryTable table = HistoryTable.parse(csv.toString(), "synthetic", new HistorySpec("id", "churned", "1", null));
        double readSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        ChurnModel model = new ChurnTrainer(TrainingParameters.defaults(42)).train(table, IntStream.range(0, rows).toArray());
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        int[] sample = IntStream.range(0, Math.min(rows, 10_000)).toArray();
        model.meanAbsoluteContributions(table.features(), table.width(), sample);
        double shapSeconds = (System.nanoTime() - start) / 1e9;
        model.dispose();
        System.out.printf(Locale.ROOT, "%,d rows x %d features (%d threads): parse %.1f s, train %.1f s (%d trees, held-out AUC %.4f), "
                        + "SHAP on %,d rows %.1f s%n", rows, FEATURES, Runtime.getRuntime().availableProcessors(), readSeconds,
                trainSeconds, model.rounds(), model.holdoutAuc(), sample.length, shapSeconds);
        System.out.println("(the full train --history runs this " + (5 + 1) + " times: 5 folds and the final model; "
                + HistoryTraining.TOP_FEATURES + " top features)");
    }
}

package io.healthsync.scoring;

import io.healthsync.scoring.evaluation.Backtest;
import io.healthsync.scoring.model.ChurnTrainer;
import io.healthsync.scoring.model.HistorySpec;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.TrainingParameters;
import java.nio.file.Path;

/**
 * How the defaults of {@link TrainingParameters} were chosen: each candidate is scored by the mean AUC on
 * the early-stopping splits inside the training folds (held-out data), never by the test folds. A main,
 * not a test. Run after {@code mvn -o test-compile -pl scoring -am} with the classpath of
 * {@code mvn -o dependency:build-classpath -pl scoring}:
 * {@code java -cp scoring/target/test-classes:scoring/target/classes:CP io.healthsync.scoring.HoldoutTuning FILE.csv ID LABEL POSITIVE}
 */
public final class HoldoutTuning {

    public static void main(String[] args) throws Exception {
        HistoryTable table = HistoryTable.read(Path.of(args[0]), new HistorySpec(args[1], args[2], args[3], null));
        for (boolean balance : new boolean[] {false, true}) {
            for (double minChildWeight : new double[] {1, 3, 5}) {
                TrainingParameters parameters = TrainingParameters.defaults(42).withBalanceClasses(balance)
                        .withMinChildWeight(minChildWeight);
                Backtest.Result result = new Backtest(new ChurnTrainer(parameters), line -> { }).run(table, 5);
                // only the held-out figure decides; the test-fold figures are printed for the record, after the choice
                System.out.printf("scale_pos_weight=%s min_child_weight=%.0f: held-out AUC %.4f (%.0f trees)"
                                + " | test folds: AUC %.4f Brier %.4f ECE %.4f%n", balance ? "neg/pos" : "1", minChildWeight,
                        result.holdoutAuc(), result.meanRounds(), result.overall().auc(), result.overall().brier(),
                        result.overall().ece());
            }
        }
    }
}

package io.healthsync.scoring.evaluation;

import io.healthsync.scoring.model.ChurnModel;
import io.healthsync.scoring.model.ChurnTrainer;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.LogisticRegression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cross-validates the churn model and its baselines on the same folds: stratified k-fold without a time
 * column, walk-forward with one. Overall figures are computed on the out-of-fold predictions pooled
 * (each test row predicted by the one model that never saw it).
 */
public final class Backtest {

    /**
     * @param holdoutAuc mean AUC on the early-stopping splits inside the training folds: the figure that
     *                   parameters may be tuned on (the test folds' figures may not)
     */
    public record Result(String protocol, FoldMetrics overall, List<FoldMetrics> folds, double baseRateAuc,
                         double logisticAuc, double holdoutAuc, double meanRounds, OutOfFold outOfFold,
                         double scorecardAuc) {

        /** Without a scorecard baseline (a history file carries no activities to score). */
        public Result(String protocol, FoldMetrics overall, List<FoldMetrics> folds, double baseRateAuc,
                      double logisticAuc, double holdoutAuc, double meanRounds, OutOfFold outOfFold) {
            this(protocol, overall, folds, baseRateAuc, logisticAuc, holdoutAuc, meanRounds, outOfFold, Double.NaN);
        }
    }

    /**
     * The pooled out-of-fold predictions behind the overall figures, kept to draw the charts: for each test
     * row (in fold order) the model's calibrated probability, the logistic baseline's, and the 0/1 label.
     */
    public record OutOfFold(double[] model, double[] logistic, int[] labels) {
    }

    private final ChurnTrainer trainer;
    private final Consumer<String> progress;

    public Backtest(ChurnTrainer trainer, Consumer<String> progress) {
        this.trainer = trainer;
        this.progress = progress;
    }

    public Result run(HistoryTable table, int k) {
        return run(table, k, null);
    }

    /**
     * @param scorecardRisk per row, the rules scorecard's risk (it needs no training), or null: its AUC is
     *                      taken on the same pooled test rows as the model's ({@link Result#scorecardAuc()})
     */
    public Result run(HistoryTable table, int k, double[] scorecardRisk) {
        boolean timed = table.times() != null;
        List<Fold> folds = timed ? Folds.walkForward(table.times(), k)
                : Folds.stratified(table.labels(), k, trainer.parameters().seed());
        String protocol = timed ? "walk-forward, " + k + " cut-offs" : "stratified " + k + "-fold";
        int[] labels = table.labels();
        List<Integer> pooledRows = new ArrayList<>();
        List<Double> pooledModel = new ArrayList<>();
        List<Double> pooledLogistic = new ArrayList<>();
        List<FoldMetrics> perFold = new ArrayList<>();
        List<Double> holdoutAucs = new ArrayList<>();
        List<Double> baseRateAucs = new ArrayList<>();
        double rounds = 0;
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            long start = System.nanoTime();
            ChurnModel model = trainer.train(table, fold.train());
            double[] probabilities;
            try {
                probabilities = model.probabilities(table.features(), table.width(), fold.test());
            } finally {
                model.dispose();
            }
            double baseRate = Arrays.stream(fold.train()).map(r -> labels[r]).average().orElse(0);
            LogisticRegression logistic = LogisticRegression.fit(table.features(), table.width(), fold.train(), labels,
                    LogisticRegression.DEFAULT_L2);
            int[] testLabels = new int[fold.test().length];
            for (int i = 0; i < fold.test().length; i++) {
                int row = fold.test()[i];
                testLabels[i] = labels[row];
                pooledRows.add(row);
                pooledModel.add(probabilities[i]);
                pooledLogistic.add(logistic.probability(table.features(), table.width(), row));
            }
            FoldMetrics metrics = FoldMetrics.of(probabilities, testLabels, fold.train().length);
            double[] constant = new double[testLabels.length];
            Arrays.fill(constant, baseRate);
            // per fold, where every test row gets the same score (0.5 by construction), not pooled, where
            // folds' slightly different training rates would rank rows by the fold they fell in
            baseRateAucs.add(Metrics.rocAuc(constant, testLabels));
            perFold.add(metrics);
            holdoutAucs.add(model.holdoutAuc());
            rounds += (double) model.rounds() / folds.size();
            progress.accept(String.format("fold %d/%d: %,d train, %,d test rows, AUC %.4f (held-out %.4f, %d trees), %.1f s",
                    f + 1, folds.size(), fold.train().length, fold.test().length, metrics.auc(), model.holdoutAuc(),
                    model.rounds(), (System.nanoTime() - start) / 1e9));
        }
        int[] pooledLabels = pooledRows.stream().mapToInt(r -> labels[r]).toArray();
        FoldMetrics overall = FoldMetrics.of(unbox(pooledModel), pooledLabels, table.rows());
        double[] logistic = unbox(pooledLogistic);
        double scorecardAuc = scorecardRisk == null ? Double.NaN
                : Metrics.rocAuc(pooledRows.stream().mapToDouble(r -> scorecardRisk[r]).toArray(), pooledLabels);
        return new Result(protocol, overall, perFold, finiteMean(baseRateAucs), Metrics.rocAuc(logistic, pooledLabels),
                finiteMean(holdoutAucs), rounds, new OutOfFold(unbox(pooledModel), logistic, pooledLabels), scorecardAuc);
    }

    /** The mean over folds where the figure exists: a walk-forward block may hold one class only. */
    private static double finiteMean(List<Double> values) {
        return values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

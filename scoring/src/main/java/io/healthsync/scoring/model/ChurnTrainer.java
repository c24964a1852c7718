package io.healthsync.scoring.model;

import io.healthsync.scoring.evaluation.Fold;
import io.healthsync.scoring.evaluation.Folds;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains a {@link ChurnModel} on some rows of a history table. The rows are split once more: 80% fit the
 * trees, the held-out 20% (the latest by time when there is a time column, else a stratified sample) choose
 * the number of rounds by early stopping and fit the calibration. Whoever calls this keeps its test rows
 * out of {@code rows}, so no test row ever touches a training decision.
 */
public final class ChurnTrainer {

    private final TrainingParameters parameters;

    public ChurnTrainer(TrainingParameters parameters) {
        this.parameters = parameters;
    }

    public TrainingParameters parameters() {
        return parameters;
    }

    public ChurnModel train(HistoryTable table, int[] rows) {
        Fold split = table.times() == null
                ? Folds.stratifiedHoldout(rows, table.labels(), parameters.holdoutShare(), parameters.seed())
                : Folds.timeHoldout(rows, table.times(), parameters.holdoutShare());
        int[] fit = split.train();
        int[] held = split.test();
        int positives = 0;
        for (int r : fit) {
            positives += table.labels()[r];
        }
        DMatrix train = Matrices.of(table.features(), table.width(), fit, table.labels());
        DMatrix holdout = Matrices.of(table.features(), table.width(), held, table.labels());
        try {
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            watches.put("holdout", holdout); // the only watch: early stopping reads its AUC
            float[][] history = new float[1][parameters.maxRounds()];
            Booster booster = XGBoost.train(train, parameters.booster(positives, fit.length - positives),
                    parameters.maxRounds(), watches, history, null, null, parameters.earlyStoppingRounds());
            int trained = booster.getNumBoostedRound();
            int best = 0;
            for (int round = 1; round < trained; round++) {
                if (history[0][round] > history[0][best]) {
                    best = round;
                }
            }
            ChurnModel uncalibrated = new ChurnModel(booster, best + 1, PlattScaling.IDENTITY, history[0][best],
                    fit.length, held.length);
            double[] margins = uncalibrated.margins(table.features(), table.width(), held);
            int[] heldLabels = new int[held.length];
            for (int i = 0; i < held.length; i++) {
                heldLabels[i] = table.labels()[held[i]];
            }
            return new ChurnModel(booster, best + 1, PlattScaling.fit(margins, heldLabels), history[0][best],
                    fit.length, held.length);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed on " + fit.length + " rows: " + e.getMessage(), e);
        } finally {
            train.dispose();
            holdout.dispose();
        }
    }
}

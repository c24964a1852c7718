package io.healthsync.scoring.evaluation;

/** One train/test split of a backtest, as row indexes into the history table. */
public record Fold(int[] train, int[] test) {
}

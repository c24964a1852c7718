package io.healthsync.cli;

import io.healthsync.scoring.model.HistorySpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The history file and how to read it: shared by {@code train} and {@code backtest}, which read it the same way. */
final class HistoryOptions {

    @Option(names = "--history", required = true, paramLabel = "FILE.csv",
            description = "CSV export (RFC 4180, header line, UTF-8) with one row per account or per account and as-of date.")
    Path history;

    @Option(names = "--id", required = true, paramLabel = "COLUMN", description = "The account id column (never a feature).")
    String idColumn;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "The outcome column (two values).")
    String labelColumn;

    @Option(names = "--positive", required = true, paramLabel = "VALUE",
            description = "The label value that means churned (e.g. Yes, 1, churned); the column's other value is the negative.")
    String positive;

    @Option(names = "--time", paramLabel = "COLUMN",
            description = "The as-of date column (ISO date, date-time or number): switches the backtest to walk-forward "
                    + "(train before each cut-off, test after) and early stopping to the latest rows (default: none, stratified k-fold).")
    String timeColumn;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
            description = "Folds of the stratified backtest, or cut-offs of the walk-forward one (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the folds, the splits and XGBoost (default: ${DEFAULT-VALUE}).")
    long seed;

    HistorySpec spec() {
        return new HistorySpec(idColumn, labelColumn, positive, timeColumn);
    }
}

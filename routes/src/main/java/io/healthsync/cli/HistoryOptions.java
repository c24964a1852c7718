package io.healthsync.cli;

import io.healthsync.scoring.model.HistorySpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;

/** The history file and how to read it: shared by {@code train} and {@code backtest}, which read it the same way. */
final class HistoryOptions {

    @Option(names = "--history", paramLabel = "FILE.csv",
            description = "CSV export (RFC 4180, header line, UTF-8) with one row per account or per account and as-of date; "
                    + "it needs --id, --label and --positive.")
    Path history;

    @Option(names = "--id", paramLabel = "COLUMN", description = "The account id column (never a feature).")
    String idColumn;

    @Option(names = "--label", paramLabel = "COLUMN", description = "The outcome column (two values).")
    String labelColumn;

    @Option(names = "--positive", paramLabel = "VALUE",
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

    /**
     * The file's options together: --history needs --id, --label and --positive, and they mean nothing without it.
     * {@code historyRequired}: the command reads nothing else (backtest); train can read the store instead.
     */
    void check(CommandLine command, boolean historyRequired) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("--id=COLUMN", idColumn);
        columns.put("--label=COLUMN", labelColumn);
        columns.put("--positive=VALUE", positive);
        if (history != null) {
            List<String> missing = columns.entrySet().stream().filter(e -> e.getValue() == null)
                    .map(e -> "'" + e.getKey() + "'").toList();
            if (!missing.isEmpty()) {
                throw new ParameterException(command, "Missing required option" + (missing.size() > 1 ? "s" : "")
                        + " with --history: " + String.join(", ", missing));
            }
            return;
        }
        if (historyRequired) {
            throw new ParameterException(command, "Missing required option: '--history=FILE.csv'");
        }
        columns.put("--time=COLUMN", timeColumn);
        List<String> orphans = columns.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey().substring(0, e.getKey().indexOf('='))).toList();
        if (!orphans.isEmpty()) {
            throw new ParameterException(command, String.join(", ", orphans)
                    + " name columns of a history file: give the file with --history FILE.csv");
        }
    }

    HistorySpec spec() {
        return new HistorySpec(idColumn, labelColumn, positive, timeColumn);
    }
}

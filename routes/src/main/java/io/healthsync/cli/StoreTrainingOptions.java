package io.healthsync.cli;

import io.healthsync.scoring.model.OutcomeLabels;
import io.healthsync.scoring.model.PointInTimeTrainingSet;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How {@code train} and {@code backtest} read the store when no --history file is given: shared, so both agree. */
final class StoreTrainingOptions {

    @Option(names = "--model", defaultValue = "churn", paramLabel = "KIND",
            description = "From the store: churn (default) or expansion; each has its own registry, DATA_DIR/models/KIND.")
    String model;

    @Option(names = "--horizon-days", defaultValue = "" + PointInTimeTrainingSet.DEFAULT_HORIZON_DAYS, paramLabel = "DAYS",
            description = "From the store: a churn (a billing outcome, or without any a renewal lost) within DAYS after "
                    + "an as-of date labels it 1 (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--expansion-horizon-days", defaultValue = "" + OutcomeLabels.DEFAULT_EXPANSION_HORIZON_DAYS,
            paramLabel = "DAYS", description = "From the store, --model expansion: an expansion within DAYS after an "
                    + "as-of date labels it 1 (default: ${DEFAULT-VALUE}).")
    int expansionHorizonDays;

    @Option(names = "--months", defaultValue = "24", paramLabel = "N",
            description = "From the store: as-of dates on the first of each of the last N months (with billing outcomes, "
                    + "only those their history reaches); those whose horizon is not over yet are left out (default: ${DEFAULT-VALUE}).")
    int months;

    void check(CommandLine command) {
        OptionChecks.atLeast(command, "--horizon-days", 1, horizonDays);
        OptionChecks.atLeast(command, "--expansion-horizon-days", 1, expansionHorizonDays);
        OptionChecks.atLeast(command, "--months", 1, months);
        target(command);
    }

    OutcomeLabels.Target target(CommandLine command) {
        return switch (model) {
            case "churn" -> OutcomeLabels.Target.CHURN;
            case "expansion" -> OutcomeLabels.Target.EXPANSION;
            default -> throw new CommandLine.ParameterException(command,
                    "--model " + model + " is not a model: give churn or expansion");
        };
    }

    int horizon(CommandLine command) {
        return target(command) == OutcomeLabels.Target.EXPANSION ? expansionHorizonDays : horizonDays;
    }
}

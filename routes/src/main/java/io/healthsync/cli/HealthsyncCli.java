package io.healthsync.cli;

import io.healthsync.connectors.salesforce.SalesforceComponentFactory;
import io.healthsync.mappings.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The healthsync command line. Each subcommand is one thing a user does. Every command exits by the one
 * scheme of {@link ExitCodes}: 0 done, 1 failed, 2 usage or configuration error, 3 done with problems.
 */
@Command(name = "healthsync", mixinStandardHelpOptions = true, version = "healthsync 0.1.0",
        description = "Account health from customer signals, written back to Salesforce.",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync demo                      # the pipeline against a built-in org",
                "  healthsync plan --config my-config   # what would be written, and why",
                "  healthsync train --history churn.csv --id customerID --label Churn --positive Yes",
                "  healthsync backtest --history churn.csv --id customerID --label Churn --positive Yes --html churn.html",
                "  healthsync bench --accounts 10000          # the pipeline's speed, heap and API calls",
                ExitCodes.FOOTER},
        subcommands = {DemoCommand.class, PlanCommand.class, ApplyCommand.class, SyncCommand.class, RunCommand.class,
                SandboxCommand.class, StatusCommand.class, PlaybooksCommand.class, ResyncCommand.class, ValidateCommand.class, InitConfigCommand.class, TrainCommand.class, BacktestCommand.class,
                AttributionCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class HealthsyncCli {

    public static void main(String[] args) {
        // H2 interns each string it reads or binds in a shared cache, hashing the whole string first (a usage day's
        // feature counts, an activity's measures): a tenth of the pull's and of scoring's reading threads in a
        // 100,000-account profile, for values the pipeline does not compare by identity. Before H2 is loaded.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new HealthsyncCli());
        cli.setParameterExceptionHandler(HealthsyncCli::usageError);
        cli.setExecutionExceptionHandler((error, commandLine, parsed) -> {
            commandLine.getErr().println(message(error));
            return error instanceof ConfigException || isCredentialsError(error) ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
        cli.setExecutionStrategy(parsed -> {
            OptionChecks.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    /** A bad option or value: the message in the option's own words and where to look, no page of usage. */
    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(error.getMessage());
        UnmatchedArgumentException.printSuggestions(error, err);
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for the options and exit codes.");
        return ExitCodes.USAGE;
    }

    /** What went wrong in words, without stack traces (logs have them) and never with a secret. */
    static String message(Throwable error) {
        if (error instanceof ConfigException) {
            return "Configuration is invalid:\n" + error.getMessage();
        }
        if (isCredentialsError(error)) {
            return error.getMessage();
        }
        StringBuilder text = new StringBuilder("healthsync: ").append(error.getMessage());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append("\n  caused by: ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private static boolean isCredentialsError(Throwable error) {
        return error instanceof SalesforceComponentFactory.MissingCredentialsException
                || error instanceof SalesforceComponentFactory.UnusableKeyFileException;
    }
}

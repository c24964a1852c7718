package io.healthsync.cli;

import io.healthsync.connectors.salesforce.SalesforceComponentFactory;
import io.healthsync.mappings.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The healthsync command line. Each subcommand is one thing a user does. */
@Command(name = "healthsync", mixinStandardHelpOptions = true, version = "healthsync 0.1.0",
        description = "Account health from customer signals, written back to Salesforce.",
        subcommands = {DemoCommand.class, PlanCommand.class, ApplyCommand.class, SyncCommand.class, RunCommand.class,
                SandboxCommand.class, ValidateCommand.class, InitConfigCommand.class,
                CommandLine.HelpCommand.class})
public final class HealthsyncCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new HealthsyncCli());
        cli.setExecutionExceptionHandler((error, commandLine, parsed) -> {
            commandLine.getErr().println(message(error));
            return error instanceof ConfigException || isCredentialsError(error) ? 2 : 1;
        });
        return cli.execute(args);
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

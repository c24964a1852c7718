package io.healthsync.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Range checks on option values, run after parsing and before the command: a bad value is refused in the
 * option's own words with exit code 2, before anything starts. Options of the commands that own their
 * options ('demo', 'sandbox') check themselves as they are parsed (see {@link SandboxCommand.ApiFaults});
 * the ones here are checked by name so the commands that declare them stay plain fields.
 */
final class OptionChecks {

    /** Options that count something shown or done: 0 or more. */
    private static final List<String> NOT_NEGATIVE = List.of("--limit");

    private OptionChecks() {
    }

    static void check(ParseResult parsed) {
        ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        for (String name : NOT_NEGATIVE) {
            if (command.hasMatchedOption(name)) {
                Object value = command.matchedOptionValue(name, null);
                if (value instanceof Number number && number.longValue() < 0) {
                    throw new ParameterException(command.commandSpec().commandLine(),
                            name + " must be 0 or more, got " + number);
                }
            }
        }
    }

    /** Refuses a value outside 0..1 (or not a number) as "--NAME must be between 0 and 1, got X". */
    static double share(CommandLine command, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ParameterException(command, name + " must be between 0 and 1, got " + SandboxCommand.plain(value));
        }
        return value;
    }

    /** Refuses a value below {@code min} as "--NAME must be MIN or more, got X" ("at least 1" for 1). */
    static int atLeast(CommandLine command, String name, int min, int value) {
        if (value < min) {
            throw new ParameterException(command, name + " must be " + (min == 1 ? "at least 1" : min + " or more")
                    + ", got " + value);
        }
        return value;
    }
}

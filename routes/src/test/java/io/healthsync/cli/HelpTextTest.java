package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders as written: a bare '%' in a description makes picocli warn and print it raw. */
class HelpTextTest {

    @Test
    void every_commands_help_renders_without_a_format_warning() {
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new HealthsyncCli()), commands);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> usages = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            commands.forEach(command -> usages.add(command.getUsageMessage()));
        } finally {
            System.setErr(err);
        }

        assertThat(commands).hasSizeGreaterThan(10);
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(usages).noneMatch(usage -> usage.contains("%n") || usage.contains("%%"));
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}

package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad option value is refused before anything starts, in the option's own words, with exit code 2. */
class OptionValidationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "demo    | --drift=-3      | --drift must be 0 or more, got -3",
            "demo    | --faults=2      | --faults must be between 0 and 1, got 2",
            "demo    | --faults=-0.1   | --faults must be between 0 and 1, got -0.1",
            "demo    | --faults=NaN    | --faults must be between 0 and 1, got NaN",
            "demo    | --accounts=0    | --accounts must be at least 1, got 0",
            "sandbox | --faults=2      | --faults must be between 0 and 1, got 2",
            "sandbox | --accounts=-5   | --accounts must be at least 1, got -5",
            "sandbox | --port=70000    | --port must be between 0 and 65535, got 70000",
            "sandbox | --port=-1       | --port must be between 0 and 65535, got -1",
            "plan    | --limit=-5      | --limit must be 0 or more, got -5"})
    void a_bad_value_is_refused_in_the_options_own_words(String command, String option, String message) {
        CliRun run = CliRun.of(command, option, "--data-dir=" + dir.resolve("data"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).startsWith(message + System.lineSeparator());
        assertThat(run.output()).isEmpty();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"demo", "plan", "apply", "sync", "run", "validate"})
    void a_config_directory_that_does_not_exist_is_named(String command) {
        Path missing = dir.resolve("no-such-config");

        CliRun run = CliRun.of(command, "--config", missing.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).startsWith("--config " + missing + " does not exist; give a directory holding any of "
                + "taxonomy.yaml, fields.yaml, scorecard.yaml, sources.yaml");
    }

    @Test
    void a_config_file_instead_of_its_directory_is_named() throws Exception {
        Path file = Files.writeString(dir.resolve("sources.yaml"), "salesforce: {}\n");

        CliRun run = CliRun.of("plan", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).startsWith("--config " + file + " is a file, not a directory");
    }

    @ParameterizedTest
    @CsvSource({"demo", "sync", "run", "sandbox"})
    void a_data_dir_that_cannot_be_written_is_named_before_anything_starts(String command) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        CliRun run = CliRun.of(command, "--data-dir", file.resolve("demo").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).startsWith("--data-dir " + file.resolve("demo") + " is under " + file.toAbsolutePath()
                + ", which is a file; give a directory");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_port_in_use_is_named_with_what_to_do() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            CliRun run = CliRun.of("sandbox", "--port", String.valueOf(port), "--accounts", "5",
                    "--data-dir", dir.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.errors()).contains("--port " + port + " is already in use; pick another or stop what is "
                    + "using it" + System.lineSeparator()).doesNotContain("healthsync: ");
            assertThat(run.output()).isEmpty();
        }
    }
}

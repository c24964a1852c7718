package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path config;

    private String run(int expectedExit, String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(expectedExit);
        return run.output();
    }

    @Test
    void the_shipped_defaults_are_valid() {
        assertThat(run(0, "validate")).contains("is valid");
    }

    @Test
    void should_name_file_line_and_expectation_for_each_error() throws Exception {
        Files.writeString(config.resolve("scorecard.yaml"), """
                bands:
                  red_max: 30
                  yellow_max: 70
                cohort:
                  min_size: 20
                drivers:
                  top: 3
                weights:
                  days_since_last_touch: 20
                  touches_30d: 10
                  touches_90d: 15
                  touch_trend: 10
                  days_since_qbr: 15
                  open_opportunites: 10
                  days_to_renewal: 10
                  tenure_days: 10
                """);
        Files.writeString(config.resolve("fields.yaml"), "account:\n  write:\n    health_score: [not, a, field\n");

        String output = run(2, "validate", "--config", config.toString());

        assertThat(output).contains("scorecard.yaml:14:").contains("open_opportunites");
        assertThat(output).contains("fields.yaml:");
    }
}

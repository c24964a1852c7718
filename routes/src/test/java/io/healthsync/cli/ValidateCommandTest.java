package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.mappings.ConfigLoader;
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
    void an_empty_directory_is_valid_and_says_every_file_is_a_shipped_default() {
        String output = run(0, "validate", "--config", config.toString());

        assertThat(output).contains("Config in " + config + " is valid.")
                .contains("taxonomy.yaml   shipped default (" + config + " has no taxonomy.yaml)")
                .contains("sources.yaml    shipped default (" + config + " has no sources.yaml)")
                .contains(config + " holds none of the config files: this is the shipped configuration");
    }

    @Test
    void a_partial_directory_names_which_file_came_from_where() throws Exception {
        copyShipped("fields.yaml");

        String output = run(0, "validate", "--config", config.toString());

        assertThat(output).contains("fields.yaml     from " + config.resolve("fields.yaml"))
                .contains("scorecard.yaml  shipped default (" + config + " has no scorecard.yaml)")
                .doesNotContain("holds none");
    }

    @Test
    void json_names_the_source_of_each_file() throws Exception {
        copyShipped("taxonomy.yaml");

        JsonNode json = new ObjectMapper().readTree(run(0, "validate", "--json", "--config", config.toString()));

        assertThat(json.path("valid").asBoolean()).isTrue();
        assertThat(json.path("config_dir").asText()).isEqualTo(config.toString());
        assertThat(json.path("files").path("taxonomy.yaml").path("source").asText()).isEqualTo("directory");
        assertThat(json.path("files").path("taxonomy.yaml").path("path").asText())
                .isEqualTo(config.resolve("taxonomy.yaml").toString());
        assertThat(json.path("files").path("fields.yaml").path("source").asText()).isEqualTo("shipped_default");
        assertThat(json.path("errors")).isEmpty();
    }

    @Test
    void a_directory_that_does_not_exist_is_an_error() {
        CliRun run = CliRun.of("validate", "--config", config.resolve("missing").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains(config.resolve("missing") + " does not exist");
        assertThat(run.output()).doesNotContain("is valid");
    }

    /** Puts the shipped text of one file into the config directory, as init-config then a delete would. */
    private void copyShipped(String name) throws Exception {
        Path all = config.resolve("all");
        ConfigLoader.writeDefaults(all);
        Files.copy(all.resolve(name), config.resolve(name));
        DataDirs.delete(all);
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

package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attribution.yaml: DOMAIN's defaults shipped, overrides read, errors with file, line and what was expected. */
class AttributionConfigTest {

    @TempDir
    Path dir;

    @Test
    void the_shipped_file_holds_the_defaults() {
        AttributionConfig shipped = ConfigLoader.load(null).attribution();

        assertThat(shipped).isEqualTo(AttributionConfig.defaults());
        assertThat(shipped.window("renewed")).isEqualTo(180);
        assertThat(shipped.window("expanded")).isEqualTo(60);
        assertThat(shipped.window("churned")).isNull();
        assertThat(shipped.hourlyCost()).isEqualTo(150);
        assertThat(shipped.minutes("webinar")).isEqualTo(30);
    }

    @Test
    void a_partial_file_overrides_only_what_it_gives() throws Exception {
        Files.writeString(dir.resolve("attribution.yaml"), """
                windows_days: {renewed: 90}
                hourly_cost: 120
                typical_minutes: {webinar: 60}
                primary_model: markov
                """);

        AttributionConfig config = ConfigLoader.load(dir).attribution();

        assertThat(config.window("renewed")).isEqualTo(90);
        assertThat(config.window("expanded")).isEqualTo(60);
        assertThat(config.hourlyCost()).isEqualTo(120);
        assertThat(config.minutes("webinar")).isEqualTo(60);
        assertThat(config.minutes("qbr")).isEqualTo(120);
        assertThat(config.primaryModel()).isEqualTo("markov");
    }

    @Test
    void errors_name_the_line_and_what_was_expected() throws Exception {
        Files.writeString(dir.resolve("attribution.yaml"), """
                windows_days:
                  renewal: 90
                u_shaped: {first: 0.7, last: 0.5}
                primary_model: shapely
                bootstrap_samples: 5
                """);

        assertThat(ConfigLoader.validate(dir)).extracting(ConfigError::toString).containsExactly(
                "attribution.yaml:2:3: windows_days.renewal: unknown key 'renewal' (did you mean 'renewed'?); expected one of: "
                        + "renewed, expanded, churned, contracted",
                "attribution.yaml:3:1: u_shaped: first + last is 1.2; expected at most 1 (the touchpoints between them share the rest)",
                "attribution.yaml:4:16: primary_model: unknown model \"shapely\" (did you mean 'shapley'?); expected one of: "
                        + "last_touch, first_touch, linear, time_decay, u_shaped, shapley, markov",
                "attribution.yaml:5:20: bootstrap_samples: expected an integer between 20 and 10000, got 5");
    }
}

package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scorecard.yaml's model section: shipped defaults, overrides, switching the retrain off, range errors. */
class ModelSettingsConfigTest {

    @TempDir
    Path dir;

    private void scorecardWithModel(String model) throws IOException {
        String shipped = ConfigLoader.defaultText("scorecard.yaml");
        Files.writeString(dir.resolve("scorecard.yaml"), shipped.substring(0, shipped.indexOf("model:")) + model);
    }

    @Test
    void the_shipped_model_settings_retrain_monthly_over_a_year_of_history() {
        ScorecardConfig.ModelSettings model = ConfigLoader.load(null).scorecard().model();

        assertThat(model).isEqualTo(new ScorecardConfig.ModelSettings("0 0 4 1 * ?", 180, 90, 12));
    }

    @Test
    void keys_left_out_keep_their_defaults_and_a_null_cron_switches_the_retrain_off() throws IOException {
        scorecardWithModel("model:\n  retrain_cron: ~\n  churn_horizon_days: 90\n");

        ScorecardConfig.ModelSettings model = ConfigLoader.load(dir).scorecard().model();

        assertThat(model).isEqualTo(new ScorecardConfig.ModelSettings(null, 90, 90, 12));
    }

    @Test
    void xgboost_settings_override_the_defaults_by_key_within_their_ranges() throws IOException {
        scorecardWithModel("model:\n  parameters: { max_depth: 3, eta: 0.1 }\n");

        assertThat(ConfigLoader.load(dir).scorecard().model().parameters())
                .containsExactly(java.util.Map.entry("eta", 0.1), java.util.Map.entry("max_depth", 3.0));

        scorecardWithModel("model:\n  parameters: { max_depth: 30, gamma: 1 }\n");
        assertThat(ConfigLoader.validate(dir)).extracting(ConfigError::toString).satisfiesExactlyInAnyOrder(
                e -> assertThat(e).contains("model.parameters.max_depth").contains("12"),
                e -> assertThat(e).contains("model.parameters.gamma").contains("unknown key"));
    }

    @Test
    void a_five_field_cron_and_a_horizon_out_of_range_are_named_with_their_lines() throws IOException {
        scorecardWithModel("model:\n  retrain_cron: \"0 4 1 * *\"\n  expansion_horizon_days: 1\n");

        assertThat(ConfigLoader.validate(dir)).extracting(ConfigError::toString).satisfiesExactly(
                e -> assertThat(e).contains("model.retrain_cron").contains("6 or 7 fields"),
                e -> assertThat(e).contains("model.expansion_horizon_days").contains("7").contains("730"));
    }
}

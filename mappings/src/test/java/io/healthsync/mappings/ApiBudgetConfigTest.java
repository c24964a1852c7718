package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiBudgetConfigTest {

    @TempDir
    Path dir;

    private static String sources(String budget) {
        return MinimalSourcesYaml.salesforceOnly(budget);
    }

    @Test
    void the_shipped_budget_is_a_quarter_per_run_and_stops_at_80_percent_of_the_org() {
        assertThat(ConfigLoader.load(null).sources().salesforce().apiBudget())
                .isEqualTo(new SourcesConfig.ApiBudget(0.25, 0.80));
    }

    @Test
    void a_left_out_budget_keeps_the_defaults_and_a_partial_one_overrides_only_its_keys() throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), sources(""));
        assertThat(ConfigLoader.load(dir).sources().salesforce().apiBudget()).isEqualTo(SourcesConfig.ApiBudget.defaults());

        Files.writeString(dir.resolve("sources.yaml"), sources("  api_budget:\n    max_share_per_run: 0.1\n"));
        assertThat(ConfigLoader.load(dir).sources().salesforce().apiBudget())
                .isEqualTo(new SourcesConfig.ApiBudget(0.1, 0.80));
    }

    @Test
    void a_share_above_one_is_an_error_with_its_line() throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), sources("  api_budget:\n    stop_at_org_usage: 80\n"));

        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.yaml:15:").hasMessageContaining("api_budget.stop_at_org_usage");
    }
}

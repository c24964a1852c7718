package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkQueryThresholdConfigTest {

    @TempDir
    Path dir;

    private static String sources(String threshold) {
        return MinimalSourcesYaml.salesforceOnly(threshold);
    }

    @Test
    void the_shipped_threshold_is_50000_records() {
        assertThat(ConfigLoader.load(null).sources().salesforce().bulkQueryThreshold()).isEqualTo(50_000);
    }

    @Test
    void a_left_out_threshold_is_the_default_and_a_given_one_is_read() throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), sources(""));
        assertThat(ConfigLoader.load(dir).sources().salesforce().bulkQueryThreshold()).isEqualTo(50_000);

        Files.writeString(dir.resolve("sources.yaml"), sources("  bulk_query_threshold: 200000\n"));
        assertThat(ConfigLoader.load(dir).sources().salesforce().bulkQueryThreshold()).isEqualTo(200_000);
    }

    @Test
    void a_negative_or_non_numeric_threshold_is_an_error_with_its_file_line_and_key() throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), sources("  bulk_query_threshold: -1\n"));
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.yaml:14:").hasMessageContaining("salesforce.bulk_query_threshold");

        Files.writeString(dir.resolve("sources.yaml"), sources("  bulk_query_threshold: lots\n"));
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.yaml:14:").hasMessageContaining("salesforce.bulk_query_threshold");
    }

    @Test
    void the_login_url_override_keeps_the_threshold() throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), sources("  bulk_query_threshold: 1234\n"));
        SourcesConfig.Salesforce sf = ConfigLoader.load(dir).sources().salesforce();

        assertThat(sf.withLoginUrl("http://localhost:8089").bulkQueryThreshold()).isEqualTo(1234);
    }
}

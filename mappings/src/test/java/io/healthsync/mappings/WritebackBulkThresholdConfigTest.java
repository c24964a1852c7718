package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fields.yaml writeback.bulk_threshold: optional (2,000 when left out), an integer of at least 1. */
class WritebackBulkThresholdConfigTest {

    private static final String FIELDS = """
            account:
              read:
                segment: Customer_Segment__c
              write:
                health_score: Health_Score__c
            writeback:
              min_score_change: 1
              batch_size: 200
              drivers_max_length: 255
            """;

    @TempDir
    Path dir;

    private void write(String text) throws IOException {
        Files.writeString(dir.resolve("fields.yaml"), text);
    }

    private List<String> errors() {
        return ConfigLoader.validate(dir).stream().map(ConfigError::toString).toList();
    }

    @Test
    void a_left_out_bulk_threshold_is_two_thousand() throws IOException {
        write(FIELDS);

        assertThat(ConfigLoader.load(dir).fields().writeback().bulkThreshold()).isEqualTo(2000);
    }

    @Test
    void the_shipped_fields_yaml_sets_two_thousand() {
        assertThat(ConfigLoader.load(null).fields().writeback().bulkThreshold()).isEqualTo(2000);
    }

    @Test
    void a_given_bulk_threshold_is_used_down_to_one() throws IOException {
        write(FIELDS + "  bulk_threshold: 500\n");
        assertThat(ConfigLoader.load(dir).fields().writeback())
                .isEqualTo(new FieldMapping.WritebackPolicy(1, 200, 255, 500));

        write(FIELDS + "  bulk_threshold: 1\n");
        assertThat(ConfigLoader.load(dir).fields().writeback().bulkThreshold()).isEqualTo(1);
    }

    @Test
    void a_bulk_threshold_below_one_or_not_a_whole_number_is_an_error_at_its_line() throws IOException {
        write(FIELDS + "  bulk_threshold: 0\n");
        assertThat(errors()).containsExactly(
                "fields.yaml:10:19: writeback.bulk_threshold: expected an integer between 1 and 150000000, got 0");

        write(FIELDS + "  bulk_threshold: 2000.5\n");
        assertThat(errors()).containsExactly(
                "fields.yaml:10:19: writeback.bulk_threshold: expected an integer between 1 and 150000000, got 2000.5");

        write(FIELDS + "  bulk_threshold: \"2000\"\n");
        assertThat(errors()).containsExactly(
                "fields.yaml:10:19: writeback.bulk_threshold: expected an integer between 1 and 150000000, got \"2000\" "
                        + "(quoted, so it is text: remove the quotes)");
    }

    @Test
    void a_bulk_threshold_above_the_bulk_api_daily_record_limit_is_an_error() throws IOException {
        write(FIELDS + "  bulk_threshold: 150000001\n");

        assertThat(errors()).containsExactly(
                "fields.yaml:10:19: writeback.bulk_threshold: expected an integer between 1 and 150000000, got 150000001");
    }

    @Test
    void a_mistyped_bulk_threshold_key_is_unknown_with_a_hint() throws IOException {
        write(FIELDS + "  bulk_treshold: 500\n");

        assertThat(errors()).containsExactly(
                "fields.yaml:10:3: writeback.bulk_treshold: unknown key 'bulk_treshold' (did you mean 'bulk_threshold'?); "
                        + "expected one of: min_score_change, batch_size, drivers_max_length, bulk_threshold");
    }
}

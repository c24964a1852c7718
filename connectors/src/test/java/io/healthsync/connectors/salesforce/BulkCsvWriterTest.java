package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkCsvWriterTest {

    private static Map<String, Object> row(Object... fieldsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            row.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return row;
    }

    private static BulkIngestJob update(List<String> ids, List<Map<String, Object>> rows) {
        return new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null, ids, rows);
    }

    @Test
    void quotes_fields_with_commas_quotes_and_line_breaks_and_doubles_quotes() {
        BulkIngestJob job = update(List.of("001A", "001B", "001C"), List.of(
                row("Health_Drivers__c", "usage down, tickets up"),
                row("Health_Drivers__c", "said \"cancel\""),
                row("Health_Drivers__c", "line one\nline two\r\nline three")));

        assertThat(new BulkCsvWriter().write(job)).singleElement().extracting(BulkCsvWriter.Chunk::csv).isEqualTo(
                "Id,Health_Drivers__c\n"
                        + "001A,\"usage down, tickets up\"\n"
                        + "001B,\"said \"\"cancel\"\"\"\n"
                        + "001C,\"line one\nline two\r\nline three\"\n");
    }

    @Test
    void header_is_the_key_column_then_every_field_in_first_seen_order_and_missing_or_null_values_are_empty() {
        BulkIngestJob job = new BulkIngestJob("Task", BulkIngestJob.Operation.UPSERT, "Healthsync_Key__c",
                List.of("k1", "k2"), List.of(
                row("Subject", "Call", "Healthsync_Key__c", "k1", "ActivityDate", null),
                row("Priority", "High", "Subject", "Mail")));

        assertThat(new BulkCsvWriter().write(job).get(0).csv()).isEqualTo(
                "Healthsync_Key__c,Subject,ActivityDate,Priority\n"
                        + "k1,Call,,\n"
                        + "k2,Mail,,High\n");
    }

    @Test
    void writes_numbers_booleans_and_dates_as_salesforce_reads_them() {
        assertThat(BulkCsvWriter.text(72)).isEqualTo("72");
        assertThat(BulkCsvWriter.text(40.50)).isEqualTo("40.5");
        assertThat(BulkCsvWriter.text(1.0e10)).isEqualTo("10000000000");
        assertThat(BulkCsvWriter.text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(BulkCsvWriter.text(true)).isEqualTo("true");
        assertThat(BulkCsvWriter.text(LocalDate.of(2026, 3, 9))).isEqualTo("2026-03-09");
        assertThat(BulkCsvWriter.text(Instant.parse("2026-03-09T10:15:30Z"))).isEqualTo("2026-03-09T10:15:30Z");
        assertThat(BulkCsvWriter.text(OffsetDateTime.of(2026, 3, 9, 12, 15, 30, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("2026-03-09T10:15:30Z");
        assertThat(BulkCsvWriter.text("#N/A")).isEqualTo("#N/A");
        assertThatThrownBy(() -> BulkCsvWriter.text(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splits_a_job_over_the_byte_limit_into_uploads_that_each_start_with_the_header() {
        // header "Id,Health_Score__c\n" is 19 bytes, each row "001X,NN\n" 8: two rows fit in 40 bytes, not three
        BulkIngestJob job = update(List.of("001A", "001B", "001C", "001D", "001E"), List.of(
                row("Health_Score__c", 10), row("Health_Score__c", 20), row("Health_Score__c", 30),
                row("Health_Score__c", 40), row("Health_Score__c", 50)));

        List<BulkCsvWriter.Chunk> chunks = new BulkCsvWriter(40, 1000).write(job);

        assertThat(chunks).extracting(BulkCsvWriter.Chunk::csv).containsExactly(
                "Id,Health_Score__c\n001A,10\n001B,20\n",
                "Id,Health_Score__c\n001C,30\n001D,40\n",
                "Id,Health_Score__c\n001E,50\n");
        assertThat(chunks).extracting(BulkCsvWriter.Chunk::keys).containsExactly(
                List.of("001A", "001B"), List.of("001C", "001D"), List.of("001E"));
        assertThat(chunks).allSatisfy(c -> assertThat(c.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(40));
    }

    @Test
    void counts_bytes_not_characters_and_honours_the_record_cap() {
        // "é" is two bytes in UTF-8: header "Id,Name__c\n" 11 bytes + two rows "001A,é\n" of 8 = 27 > 25 (in chars: 25)
        BulkIngestJob job = update(List.of("001A", "001B", "001C"), List.of(
                row("Name__c", "é"), row("Name__c", "é"), row("Name__c", "é")));

        assertThat(new BulkCsvWriter(25, 1000).write(job)).extracting(BulkCsvWriter.Chunk::keys)
                .containsExactly(List.of("001A"), List.of("001B"), List.of("001C"));
        assertThat(new BulkCsvWriter(1000, 2).write(job)).extracting(BulkCsvWriter.Chunk::keys)
                .containsExactly(List.of("001A", "001B"), List.of("001C"));
    }

    @Test
    void a_row_too_big_for_any_upload_is_refused_with_its_key() {
        BulkIngestJob job = update(List.of("001A"), List.of(row("Description", "x".repeat(100))));

        assertThatThrownBy(() -> new BulkCsvWriter(50, 1000).write(job))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 001A");
    }

    @Test
    void the_job_refuses_mismatched_sizes_duplicate_keys_and_a_key_that_contradicts_its_row() {
        assertThatThrownBy(() -> update(List.of("001A"), List.of(row(), row())))
                .hasMessageContaining("1 keys for 2 rows");
        assertThatThrownBy(() -> update(List.of("001A", "001A"), List.of(row(), row())))
                .hasMessageContaining("001A appears twice");
        assertThatThrownBy(() -> update(List.of("001A"), List.of(row("Id", "001B"))))
                .hasMessageContaining("Id=001B but its key is 001A");
        assertThatThrownBy(() -> new BulkIngestJob("Task", BulkIngestJob.Operation.UPSERT, null, List.of("k"), List.of(row())))
                .hasMessageContaining("externalIdField");
    }
}

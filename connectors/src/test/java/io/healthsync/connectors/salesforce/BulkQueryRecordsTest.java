package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.healthsync.mappings.FieldMapping;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkQueryRecordsTest {

    private static final String PAGE = "Task, Bulk API query job 750xx0000000001AAA, results page 2";

    @Test
    void quoted_fields_keep_commas_doubled_quotes_and_line_breaks() {
        ArrayNode records = BulkQueryRecords.parse("\"Id\",\"Subject\",\"Description\"\n"
                + "\"00T1\",\"Call, then \"\"QBR\"\"\",\"two\nlines\"\n"
                + "\"00T2\",\"crlf\",\"a\r\nb\"\n", PAGE);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("Subject").asText()).isEqualTo("Call, then \"QBR\"");
        assertThat(records.get(0).get("Description").asText()).isEqualTo("two\nlines");
        assertThat(records.get(1).get("Description").asText()).isEqualTo("a\r\nb");
    }

    @Test
    void an_empty_value_quoted_or_not_is_null() {
        ArrayNode records = BulkQueryRecords.parse("Id,Type,Subject\n00T1,,\"\"\n", PAGE);

        assertThat(records.get(0).get("Type").isNull()).isTrue();
        assertThat(records.get(0).get("Subject").isNull()).isTrue();
        assertThat(records.get(0).get("Id").asText()).isEqualTo("00T1");
    }

    @Test
    void relationship_columns_become_nested_records_and_an_empty_relationship_is_null() {
        ArrayNode records = BulkQueryRecords.parse("\"Id\",\"Owner.Name\",\"Owner.Email\",\"Account.Owner.Name\"\n"
                + "\"00T1\",\"Ana Silva\",\"ana@example.com\",\"Bo Chen\"\n"
                + "\"00T2\",\"\",\"\",\"\"\n", PAGE);

        assertThat(records.get(0).get("Owner").get("Name").asText()).isEqualTo("Ana Silva");
        assertThat(records.get(0).get("Owner").get("Email").asText()).isEqualTo("ana@example.com");
        assertThat(records.get(0).get("Account").get("Owner").get("Name").asText()).isEqualTo("Bo Chen");
        assertThat(records.get(1).get("Owner").isNull()).isTrue();
        assertThat(records.get(1).get("Account").isNull()).isTrue();
    }

    @Test
    void malformed_results_are_invalid_data_not_retried() {
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> BulkQueryRecords.parse("Id\n\"x", PAGE));

        assertThat(SalesforceErrorKind.of(new RuntimeException("wrapped", error))).isEqualTo(SalesforceErrorKind.INVALID_DATA);
    }

    @Test
    void a_header_without_records_is_an_empty_page() {
        assertThat(BulkQueryRecords.parse("\"Id\",\"Name\"\n", PAGE)).isEmpty();
        assertThat(BulkQueryRecords.parse("", PAGE)).isEmpty();
    }

    @Test
    void a_row_of_another_width_or_an_unclosed_quote_is_an_error_that_names_the_page() {
        assertThatThrownBy(() -> BulkQueryRecords.parse("Id,Name\n00T1,a\n00T2,b,c\n", PAGE))
                .isInstanceOf(BulkQueryRecords.MalformedResultsException.class)
                .hasMessageStartingWith(PAGE + ": record 2 has 3 fields where the header [Id, Name] has 2");
        assertThatThrownBy(() -> BulkQueryRecords.parse("Id,Name\n00T1,\"open\n", PAGE))
                .isInstanceOf(BulkQueryRecords.MalformedResultsException.class)
                .hasMessageStartingWith(PAGE + ": the results are not CSV as expected")
                .hasMessageContaining("never closes");
    }

    @Test
    void a_task_from_csv_maps_to_the_same_activity_as_from_a_rest_page() throws Exception {
        FieldMapping fields = new FieldMapping(Map.of(), Map.of("health_score", "Health_Score__c"),
                new FieldMapping.WritebackPolicy(1, 200, 255));
        SalesforceRecordMapper mapper = new SalesforceRecordMapper(fields);
        JsonNode rest = new ObjectMapper().readTree("""
                [{"attributes":{"type":"Task"},"Id":"00T000000000001AAA","AccountId":"001000000000001AAA",
                  "Subject":"QBR, Q3","Type":"Meeting","ActivityDate":"2026-11-02","CallDurationInSeconds":1800,
                  "OwnerId":"005000000000001AAA","CreatedDate":"2026-11-01T09:00:00.000+0000","IsDeleted":false,
                  "SystemModstamp":"2026-11-01T10:00:00.000+0000","Healthsync_Key__c":null}]""");
        ArrayNode csv = BulkQueryRecords.parse("\"Id\",\"AccountId\",\"Subject\",\"Type\",\"ActivityDate\","
                + "\"CallDurationInSeconds\",\"OwnerId\",\"CreatedDate\",\"IsDeleted\",\"SystemModstamp\",\"Healthsync_Key__c\"\n"
                + "\"00T000000000001AAA\",\"001000000000001AAA\",\"QBR, Q3\",\"Meeting\",\"2026-11-02\",\"1800\","
                + "\"005000000000001AAA\",\"2026-11-01T09:00:00.000Z\",\"false\",\"2026-11-01T10:00:00.000Z\",\"\"\n", PAGE);

        PulledPage fromRest = mapper.map(SalesforceObject.TASK, rest);
        PulledPage fromCsv = mapper.map(SalesforceObject.TASK, csv);

        assertThat(fromCsv.activities()).hasSize(1).isEqualTo(fromRest.activities());
        assertThat(fromCsv.cursor()).isEqualTo(fromRest.cursor());
        assertThat(fromCsv.quarantined()).isEmpty();
    }

    @Test
    void a_deleted_record_from_a_query_all_job_is_a_tombstone() {
        FieldMapping fields = new FieldMapping(Map.of(), Map.of(), new FieldMapping.WritebackPolicy(1, 200, 255));
        ArrayNode csv = BulkQueryRecords.parse("\"Id\",\"Name\",\"IsDeleted\",\"SystemModstamp\"\n"
                + "\"001000000000009AAA\",\"Gone Inc\",\"true\",\"2026-11-01T10:00:00.000Z\"\n", PAGE);

        PulledPage page = new SalesforceRecordMapper(fields).map(SalesforceObject.ACCOUNT, csv);

        assertThat(page.deletedIds()).containsExactly("001000000000009AAA");
        assertThat(page.accounts()).isEmpty();
    }
}

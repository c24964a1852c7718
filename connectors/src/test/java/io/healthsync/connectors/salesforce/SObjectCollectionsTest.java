package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SObjectCollectionsTest {

    @Test
    void builds_an_all_or_none_false_update_with_typed_values() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Health_Score__c", 72);
        fields.put("Health_Band__c", "Green");

        String body = SObjectCollections.updateRequest(List.of(new SObjectCollections.RecordUpdate("Account", "001A", fields)));

        assertThat(body).isEqualTo("{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Account\"},"
                + "\"id\":\"001A\",\"Health_Score__c\":72,\"Health_Band__c\":\"Green\"}]}");
    }

    @Test
    void the_fewest_calls_is_the_ceiling_of_records_over_batch_size() {
        assertThat(SObjectCollections.minimumCalls(0, 200)).isZero();
        assertThat(SObjectCollections.minimumCalls(200, 200)).isEqualTo(1);
        assertThat(SObjectCollections.minimumCalls(201, 200)).isEqualTo(2);
        assertThat(SObjectCollections.minimumCalls(2000, 200)).isEqualTo(10);
    }

    @Test
    void refuses_more_than_200_records_in_one_call() {
        List<SObjectCollections.RecordUpdate> records = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            records.add(new SObjectCollections.RecordUpdate("Account", "001" + i, Map.of()));
        }
        assertThatThrownBy(() -> SObjectCollections.updateRequest(records)).hasMessageContaining("1..200");
    }

    @Test
    void reads_per_record_results_in_request_order_with_salesforce_error_codes() {
        List<SObjectCollections.RecordUpdate> sent = List.of(
                new SObjectCollections.RecordUpdate("Account", "001A", Map.of()),
                new SObjectCollections.RecordUpdate("Account", "001B", Map.of()));
        String response = """
                [{"id":"001A","success":true,"errors":[]},
                 {"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW",
                   "message":"unable to obtain exclusive access to this record or 1 records: 001B","fields":[]}]}]""";

        List<WriteResult> results = SObjectCollections.parseResults(response, sent);

        assertThat(results).containsExactly(WriteResult.ok("001A"), WriteResult.failed("001B", "UNABLE_TO_LOCK_ROW",
                "unable to obtain exclusive access to this record or 1 records: 001B"));
    }

    @Test
    void a_response_that_does_not_match_the_request_is_an_error_not_a_guess() {
        List<SObjectCollections.RecordUpdate> sent = List.of(new SObjectCollections.RecordUpdate("Account", "001A", Map.of()));

        assertThatThrownBy(() -> SObjectCollections.parseResults("[]", sent)).hasMessageContaining("0 results for 1 records");
        assertThatThrownBy(() -> SObjectCollections.parseResults("<html>", sent)).hasMessageContaining("malformed JSON");
    }
}

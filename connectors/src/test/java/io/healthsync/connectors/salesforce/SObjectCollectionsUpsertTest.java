package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sObject Collections upsert by external id: the path, the body (no Id, the key in each record) and the answer read back. */
class SObjectCollectionsUpsertTest {

    private static final String KEY = "Healthsync_Key__c";
    private final ObjectMapper json = new ObjectMapper();

    private static SObjectCollections.RecordUpdate task(String key, String subject) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(KEY, key);
        fields.put("Subject", subject);
        fields.put("WhatId", "001A");
        return new SObjectCollections.RecordUpdate("Task", key, fields);
    }

    @Test
    void the_upsert_path_names_the_sobject_and_the_external_id_field() {
        assertThat(SObjectCollections.upsertPath("Task", KEY)).isEqualTo("/composite/sobjects/Task/Healthsync_Key__c");
        assertThat(SObjectCollections.upsertPath("Opportunity", KEY))
                .isEqualTo("/composite/sobjects/Opportunity/Healthsync_Key__c");
    }

    @Test
    void an_upsert_body_carries_the_external_id_in_each_record_and_no_id() throws Exception {
        String body = SObjectCollections.upsertRequest(List.of(task("001A:csm_outreach:2026-W48", "Call Acme"),
                task("001B:csm_outreach:2026-W48", "Call Beta")));

        assertThat(body).isEqualTo("{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Task\"},\"Healthsync_Key__c\":\"001A:csm_outreach:2026-W48\","
                + "\"Subject\":\"Call Acme\",\"WhatId\":\"001A\"},"
                + "{\"attributes\":{\"type\":\"Task\"},\"Healthsync_Key__c\":\"001B:csm_outreach:2026-W48\","
                + "\"Subject\":\"Call Beta\",\"WhatId\":\"001A\"}]}");
        JsonNode parsed = json.readTree(body);
        assertThat(parsed.path("allOrNone").isBoolean()).isTrue();
        assertThat(parsed.path("allOrNone").asBoolean()).isFalse();
        for (JsonNode record : parsed.path("records")) {
            assertThat(record.has("id")).isFalse();
            assertThat(record.has("Id")).isFalse();
        }
    }

    @Test
    void an_upsert_keeps_numbers_as_json_numbers() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(KEY, "001A:expansion_ready:2026-W48");
        fields.put("Amount", 10800.0);
        fields.put("CloseDate", "2027-02-22");

        JsonNode record = json.readTree(SObjectCollections.upsertRequest(List.of(
                new SObjectCollections.RecordUpdate("Opportunity", "001A:expansion_ready:2026-W48", fields))))
                .path("records").get(0);

        assertThat(record.path("attributes").path("type").asText()).isEqualTo("Opportunity");
        assertThat(record.path("Amount").isNumber()).isTrue();
        assertThat(record.path("Amount").asDouble()).isEqualTo(10800.0);
        assertThat(record.path("CloseDate").asText()).isEqualTo("2027-02-22");
    }

    @Test
    void an_upsert_takes_one_to_two_hundred_records() throws Exception {
        List<SObjectCollections.RecordUpdate> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(task("001" + i + ":csm_outreach:2026-W48", "Call " + i));
        }
        assertThat(json.readTree(SObjectCollections.upsertRequest(records)).path("records")).hasSize(200);

        records.add(task("001X:csm_outreach:2026-W48", "one too many"));
        assertThatThrownBy(() -> SObjectCollections.upsertRequest(records))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..200").hasMessageContaining("201");
        assertThatThrownBy(() -> SObjectCollections.upsertRequest(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void an_upsert_answer_gives_each_key_its_salesforce_id_and_whether_it_was_created() {
        List<SObjectCollections.RecordUpdate> sent = List.of(task("001A:csm_outreach:2026-W48", "Call Acme"),
                task("001B:csm_outreach:2026-W48", "Call Beta"), task("001C:csm_outreach:2026-W48", "Call Gamma"));
        // as Salesforce answers PATCH /composite/sobjects/Task/Healthsync_Key__c: in request order; a failed
        // record has no id (and says created false)
        String response = """
                [{"id":"00T5g00000AbCdEAAV","success":true,"errors":[],"created":true},
                 {"id":"00T5g00000AbCdFAAV","success":true,"errors":[],"created":false},
                 {"success":false,"errors":[{"statusCode":"REQUIRED_FIELD_MISSING",
                   "message":"Required fields are missing: [Subject]","fields":["Subject"]}],"created":false}]""";

        List<WriteResult> results = SObjectCollections.parseResults(response, sent);

        assertThat(results).containsExactly(
                WriteResult.upserted("001A:csm_outreach:2026-W48", "00T5g00000AbCdEAAV", true),
                WriteResult.upserted("001B:csm_outreach:2026-W48", "00T5g00000AbCdFAAV", false),
                WriteResult.failed("001C:csm_outreach:2026-W48", "REQUIRED_FIELD_MISSING",
                        "Required fields are missing: [Subject] (fields: [\"Subject\"])"));
        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(0).created()).isTrue();
        assertThat(results.get(1).created()).isFalse();
        assertThat(results.get(2).recordId()).isEqualTo("001C:csm_outreach:2026-W48");
        assertThat(results.get(2).salesforceId()).isNull();
        assertThat(results.get(2).created()).isNull();
    }

    @Test
    void an_update_answer_has_no_created_flag_and_keeps_the_record_id_as_salesforce_id() {
        List<SObjectCollections.RecordUpdate> sent = List.of(new SObjectCollections.RecordUpdate("Account", "001A", Map.of()));

        List<WriteResult> results = SObjectCollections.parseResults("[{\"id\":\"001A\",\"success\":true,\"errors\":[]}]", sent);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.salesforceId()).isEqualTo("001A");
            assertThat(r.created()).isNull();
        });
    }
}

package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceSandboxCollectionsTest {

    private SalesforceSandbox sandbox;
    private SandboxClient client;
    private List<String> accountIds;

    @BeforeEach
    void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(40));
        client = new SandboxClient(sandbox).login();
        accountIds = sandbox.records("Account").stream().map(a -> (String) a.get("Id")).toList();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void anUpdateWritesTheFieldsAndStampsTheRecordNow() {
        String id = accountIds.get(3);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        SandboxClient.Reply reply = client.patchCollection(SandboxClient.update("Account", id,
                "\"Health_Score__c\":72,\"Health_Band__c\":\"Green\",\"Health_Drivers__c\":\"+12 QBR held; -5 no exec sponsor\","
                        + "\"Health_Updated__c\":\"2026-01-15T10:00:00.000+0000\""));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("[{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}]");
        Map<String, Object> record = sandbox.record("Account", id);
        assertThat(record.get("Health_Score__c")).isEqualTo(72.0);
        assertThat(record.get("Health_Band__c")).isEqualTo("Green");
        assertThat(record.get("Health_Drivers__c")).isEqualTo("+12 QBR held; -5 no exec sponsor");
        assertThat(record.get("Health_Updated__c")).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
        assertThat((Instant) record.get("SystemModstamp")).isAfterOrEqualTo(before);
        assertThat(record.get("LastModifiedDate")).isEqualTo(record.get("SystemModstamp"));
    }

    @Test
    void theNextIncrementalQueryReadsTheWrittenRecordBack() {
        String id = accountIds.get(7);
        String since = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
        client.patchCollection(SandboxClient.update("Account", id, "\"Health_Score__c\":41.6"));

        JsonNode page = client.query("SELECT Id, Health_Score__c FROM Account WHERE SystemModstamp > " + since).json();

        assertThat(page.path("totalSize").asInt()).isEqualTo(1);
        assertThat(page.path("records").get(0).path("Id").asText()).isEqualTo(id);
        // the field has scale 0: Salesforce rounds
        assertThat(page.path("records").get(0).path("Health_Score__c").asInt()).isEqualTo(42);
    }

    @Test
    void eachRecordGetsItsOwnResultInOrder() {
        String body = "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + accountIds.get(0) + "\",\"Health_Score__c\":80},"
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"001000000000000AAA\",\"Health_Score__c\":80},"
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + accountIds.get(1) + "\",\"Foo__c\":1},"
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + accountIds.get(2) + "\",\"Health_Drivers__c\":\""
                + "x".repeat(256) + "\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + accountIds.get(3) + "\",\"Health_Band__c\":\"Purple\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + accountIds.get(4) + "\",\"Health_Score__c\":\"high\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + accountIds.get(5) + "\",\"CreatedDate\":\"2026-01-01\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Health_Score__c\":1}"
                + "]}";

        JsonNode results = client.patchCollection(body).json();

        assertThat(results).hasSize(8);
        assertThat(results.get(0).path("success").asBoolean()).isTrue();
        assertError(results.get(1), "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        assertError(results.get(2), "INVALID_FIELD", "No such column 'Foo__c' on sobject of type Account");
        assertError(results.get(3), "STRING_TOO_LONG", "Health Drivers: data value too large: " + "x".repeat(256)
                + " (max length=255)");
        assertError(results.get(4), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                "Health Band: bad value for restricted picklist field: Purple");
        assertError(results.get(5), "INVALID_TYPE_ON_FIELD_IN_RECORD", "Health Score: value not of required type: high");
        assertThat(results.get(6).path("errors").get(0).path("statusCode").asText())
                .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(results.get(6).path("errors").get(0).path("fields").get(0).asText()).isEqualTo("CreatedDate");
        assertThat(results.get(7).path("errors").get(0).path("statusCode").asText()).isEqualTo("MISSING_ARGUMENT");
        assertThat(results.get(1).has("id")).isFalse();
        assertThat(sandbox.record("Account", accountIds.get(0)).get("Health_Score__c")).isEqualTo(80.0);
        assertThat(sandbox.record("Account", accountIds.get(3)).get("Health_Band__c")).isNull();
    }

    @Test
    void moreThan200RecordsAreRefusedWhole() {
        StringBuilder body = new StringBuilder("{\"allOrNone\":false,\"records\":[");
        for (int i = 0; i < 201; i++) {
            body.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"Account\"},\"id\":\"")
                    .append(accountIds.get(i % accountIds.size())).append("\",\"Health_Score__c\":5}");
        }
        SandboxClient.Reply reply = client.patchCollection(body.append("]}").toString());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("[{\"message\":\"record limit reached. cannot submit more than 200 records "
                + "into this call\",\"errorCode\":\"EXCEEDED_ID_LIMIT\"}]");
        assertThat(sandbox.record("Account", accountIds.get(0)).get("Health_Score__c")).isNull();
    }

    @Test
    void allOrNoneRollsBackEveryRecordWhenOneFails() {
        String body = "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + accountIds.get(0) + "\",\"Health_Score__c\":80},"
                + "{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + accountIds.get(1) + "\",\"Health_Band__c\":\"Blue\"}"
                + "]}";

        JsonNode results = client.patchCollection(body).json();

        assertError(results.get(0), "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                "Record rolled back because not all records were valid and the request was using AllOrNone header");
        assertThat(results.get(1).path("errors").get(0).path("statusCode").asText())
                .isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(sandbox.record("Account", accountIds.get(0)).get("Health_Score__c")).isNull();
    }

    @Test
    void aFailureRateOfOneLocksEveryRecord() {
        try (SalesforceSandbox contended = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(10)
                .withPerRecordFailureRate(1.0))) {
            SandboxClient contendedClient = new SandboxClient(contended).login();
            List<String> ids = contended.records("Account").stream().map(a -> (String) a.get("Id")).toList();
            StringBuilder body = new StringBuilder("{\"allOrNone\":false,\"records\":[");
            for (int i = 0; i < ids.size(); i++) {
                body.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"Account\"},\"id\":\"")
                        .append(ids.get(i)).append("\",\"Health_Score__c\":50}");
            }

            JsonNode results = contendedClient.patchCollection(body.append("]}").toString()).json();

            assertThat(results).hasSize(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                assertError(results.get(i), "UNABLE_TO_LOCK_ROW",
                        "unable to obtain exclusive access to this record or 1 records: " + ids.get(i));
            }
            assertThat(contended.records("Account")).allSatisfy(a -> assertThat(a.get("Health_Score__c")).isNull());
        }
    }

    @Test
    void injectedLockFailuresAreReproducibleForTheSameSeed() {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(100).withPerRecordFailureRate(0.3);
        assertThat(lockedPositions(options)).isEqualTo(lockedPositions(options)).isNotEmpty();
    }

    @Test
    void aPostCreatesRecordsWithDerivedFields() {
        String accountId = accountIds.get(2);
        String body = "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Task\"},\"WhatId\":\"" + accountId
                + "\",\"Subject\":\"Health check: renewal risk\",\"Status\":\"Not Started\",\"ActivityDate\":\"2030-01-31\"},"
                + "{\"attributes\":{\"type\":\"Opportunity\"},\"AccountId\":\"" + accountId + "\",\"StageName\":\"Prospecting\"}]}";

        JsonNode results = client.postCollection(body).json();

        assertThat(results.get(0).path("success").asBoolean()).isTrue();
        String taskId = results.get(0).path("id").asText();
        assertThat(taskId).startsWith("00T").hasSize(18);
        Map<String, Object> task = sandbox.record("Task", taskId);
        assertThat(task.get("AccountId")).isEqualTo(accountId);
        assertThat(task.get("Priority")).isEqualTo("Normal");
        assertThat(task.get("CreatedDate")).isEqualTo(task.get("SystemModstamp"));
        assertThat(results.get(1).path("errors").get(0).path("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(results.get(1).path("errors").get(0).path("message").asText())
                .isEqualTo("Required fields are missing: [Name, CloseDate]");
    }

    private static List<Integer> lockedPositions(SandboxOptions options) {
        try (SalesforceSandbox run = SalesforceSandbox.start(options)) {
            SandboxClient runClient = new SandboxClient(run).login();
            List<String> ids = run.records("Account").stream().map(a -> (String) a.get("Id")).toList();
            StringBuilder body = new StringBuilder("{\"allOrNone\":false,\"records\":[");
            for (int i = 0; i < ids.size(); i++) {
                body.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"Account\"},\"id\":\"")
                        .append(ids.get(i)).append("\",\"Health_Score__c\":50}");
            }
            JsonNode results = runClient.patchCollection(body.append("]}").toString()).json();
            java.util.ArrayList<Integer> locked = new java.util.ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (!results.get(i).path("success").asBoolean()) {
                    locked.add(i);
                }
            }
            return locked;
        }
    }

    private static void assertError(JsonNode result, String statusCode, String message) {
        assertThat(result.path("success").asBoolean()).isFalse();
        assertThat(result.path("errors")).hasSize(1);
        assertThat(result.path("errors").get(0).path("statusCode").asText()).isEqualTo(statusCode);
        assertThat(result.path("errors").get(0).path("message").asText()).isEqualTo(message);
    }
}

package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceSandboxUpsertTest {

    private SalesforceSandbox sandbox;
    private SandboxClient client;
    private List<String> accountIds;

    @BeforeEach
    void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(30));
        client = new SandboxClient(sandbox).login();
        accountIds = sandbox.records("Account").stream().map(a -> (String) a.get("Id")).toList();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String task(String key, String subject) {
        return "\"Healthsync_Key__c\":\"" + key + "\",\"Subject\":\"" + subject + "\",\"WhatId\":\""
                + accountIds.get(0) + "\",\"ActivityDate\":\"2026-03-02\",\"Priority\":\"High\"";
    }

    @Test
    void anUpsertCreatesThenMatchesTheSameRecordByItsKey() {
        long tasksBefore = sandbox.records("Task").size();

        JsonNode first = client.upsertCollection("Task", "Healthsync_Key__c",
                SandboxClient.records("Task", false, task("acct-1:renewal-risk", "Call the sponsor"))).json();
        JsonNode second = client.upsertCollection("Task", "Healthsync_Key__c",
                SandboxClient.records("Task", false, task("acct-1:renewal-risk", "Call the sponsor again"))).json();

        String id = first.get(0).path("id").asText();
        assertThat(id).startsWith("00T").hasSize(18);
        assertThat(first.get(0).path("success").asBoolean()).isTrue();
        assertThat(first.get(0).path("created").asBoolean()).isTrue();
        assertThat(second.get(0).path("id").asText()).isEqualTo(id);
        assertThat(second.get(0).path("created").asBoolean()).isFalse();
        assertThat(second.get(0).path("errors")).isEmpty();
        assertThat(sandbox.records("Task")).hasSize((int) tasksBefore + 1);
        Map<String, Object> task = sandbox.record("Task", id);
        assertThat(task.get("Subject")).isEqualTo("Call the sponsor again");
        assertThat(task.get("AccountId")).isEqualTo(accountIds.get(0));
        assertThat(task.get("ActivityDate")).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(task.get("Status")).isEqualTo("Not Started");
        assertThat(task.get("IsClosed")).isEqualTo(false);
        assertThat(sandbox.apiCallsByKind()).containsEntry("collections_upsert", 2L);
    }

    @Test
    void anOpportunityIsCreatedWithItsDerivedFlagsAndClosingItUpdatesThem() {
        String fields = "\"Healthsync_Key__c\":\"acct-2:expansion\",\"Name\":\"Expansion: more seats\",\"AccountId\":\""
                + accountIds.get(1) + "\",\"StageName\":\"Qualification\",\"CloseDate\":\"2026-06-30\","
                + "\"Type\":\"Existing Customer - Upgrade\",\"LeadSource\":\"Customer Success\",\"Amount\":12000.5";
        JsonNode created = client.upsertCollection("Opportunity", "Healthsync_Key__c",
                SandboxClient.records("Opportunity", false, fields)).json();
        String id = created.get(0).path("id").asText();
        assertThat(id).startsWith("006");
        assertThat(sandbox.record("Opportunity", id)).containsEntry("IsClosed", false).containsEntry("IsWon", false)
                .containsEntry("Amount", 12000.5);

        JsonNode won = client.upsertCollection("Opportunity", "Healthsync_Key__c", SandboxClient.records(
                "Opportunity", false, "\"Healthsync_Key__c\":\"acct-2:expansion\",\"StageName\":\"Closed Won\"")).json();

        assertThat(won.get(0).path("created").asBoolean()).isFalse();
        assertThat(sandbox.record("Opportunity", id)).containsEntry("IsClosed", true).containsEntry("IsWon", true);
    }

    @Test
    void theSameKeyTwiceInOneCallFailsBothRecords() {
        JsonNode results = client.upsertCollection("Task", "Healthsync_Key__c", SandboxClient.records("Task", false,
                task("dup", "one"), task("dup", "two"), task("single", "three"))).json();

        for (int i = 0; i < 2; i++) {
            assertThat(results.get(i).path("success").asBoolean()).isFalse();
            assertThat(results.get(i).path("created").asBoolean()).isFalse();
            assertThat(results.get(i).has("id")).isFalse();
            JsonNode error = results.get(i).path("errors").get(0);
            assertThat(error.path("statusCode").asText()).isEqualTo("DUPLICATE_VALUE");
            assertThat(error.path("message").asText()).isEqualTo("Duplicate external id specified: dup");
            assertThat(error.path("fields").get(0).asText()).isEqualTo("Healthsync_Key__c");
        }
        assertThat(results.get(2).path("created").asBoolean()).isTrue();
    }

    @Test
    void eachInvalidRecordGetsTheErrorSalesforceGives() {
        String users = (String) sandbox.records("User").get(0).get("Id");
        JsonNode results = client.upsertCollection("Opportunity", "Healthsync_Key__c", SandboxClient.records(
                "Opportunity", false,
                "\"Name\":\"no key\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2026-05-01\"",
                "\"Healthsync_Key__c\":\"o1\",\"Name\":\"no stage\",\"CloseDate\":\"2026-05-01\"",
                "\"Healthsync_Key__c\":\"o2\",\"Name\":\"bad stage\",\"StageName\":\"Won-ish\",\"CloseDate\":\"2026-05-01\"",
                "\"Healthsync_Key__c\":\"o3\",\"Name\":\"" + "n".repeat(121) + "\",\"StageName\":\"Prospecting\","
                        + "\"CloseDate\":\"2026-05-01\"",
                "\"Healthsync_Key__c\":\"o4\",\"Name\":\"bad account\",\"StageName\":\"Prospecting\","
                        + "\"CloseDate\":\"2026-05-01\",\"AccountId\":\"not-an-id\"",
                "\"Healthsync_Key__c\":\"o5\",\"Name\":\"no such owner\",\"StageName\":\"Prospecting\","
                        + "\"CloseDate\":\"2026-05-01\",\"OwnerId\":\"" + SalesforceIds.of("005", 999_999) + "\"",
                "\"Healthsync_Key__c\":\"o6\",\"Name\":\"fine\",\"StageName\":\"Prospecting\","
                        + "\"CloseDate\":\"2026-05-01\",\"OwnerId\":\"" + users + "\"")).json();

        assertThat(codes(results)).containsExactly("MISSING_ARGUMENT", "REQUIRED_FIELD_MISSING",
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "STRING_TOO_LONG", "MALFORMED_ID",
                "INVALID_CROSS_REFERENCE_KEY", "");
        assertThat(results.get(0).path("errors").get(0).path("message").asText())
                .isEqualTo("Healthsync_Key__c not specified");
        assertThat(results.get(1).path("errors").get(0).path("message").asText())
                .isEqualTo("Required fields are missing: [StageName]");
        assertThat(results.get(6).path("created").asBoolean()).isTrue();
    }

    @Test
    void withAllOrNoneOneBadRecordRollsBackTheOthers() {
        int before = sandbox.records("Task").size();
        JsonNode results = client.upsertCollection("Task", "Healthsync_Key__c", SandboxClient.records("Task", true,
                task("a", "fine"), "\"Healthsync_Key__c\":\"b\",\"Status\":\"Urgent!\"")).json();

        assertThat(codes(results)).containsExactly("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(sandbox.records("Task")).hasSize(before);
    }

    @Test
    void aFieldThatIsNotAnExternalIdOrAnUnknownObjectRefusesTheWholeCall() {
        SandboxClient.Reply notKey = client.upsertCollection("Task", "Subject",
                SandboxClient.records("Task", false, task("k", "s")));
        SandboxClient.Reply noField = client.upsertCollection("Task", "Nope__c",
                SandboxClient.records("Task", false, task("k", "s")));
        SandboxClient.Reply noObject = client.upsertCollection("Widget__c", "Healthsync_Key__c", "{\"records\":[]}");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            many.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"Task\"},\"Healthsync_Key__c\":\"k")
                    .append(i).append("\"}");
        }
        SandboxClient.Reply tooMany = client.upsertCollection("Task", "Healthsync_Key__c",
                "{\"records\":[" + many + "]}");

        assertThat(notKey.status()).isEqualTo(400);
        assertThat(notKey.errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(notKey.json().get(0).path("message").asText())
                .isEqualTo("Field name provided, Subject is not an External ID or indexed field for Task");
        assertThat(noField.status()).isEqualTo(404);
        assertThat(noField.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(noObject.status()).isEqualTo(404);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.errorCode()).isEqualTo("EXCEEDED_ID_LIMIT");
    }

    @Test
    void lockContentionIsInjectedIntoUpsertsToo() {
        try (SalesforceSandbox contended = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(30)
                .withPerRecordFailureRate(1.0))) {
            SandboxClient other = new SandboxClient(contended).login();
            JsonNode results = other.upsertCollection("Task", "Healthsync_Key__c",
                    SandboxClient.records("Task", false, task("k1", "s"))).json();

            assertThat(codes(results)).containsExactly("UNABLE_TO_LOCK_ROW");
            assertThat(results.get(0).path("errors").get(0).path("message").asText())
                    .endsWith(": " + accountIds.get(0));
        }
    }

    @Test
    void theDescribeMarksTheKeyAsAUniqueExternalId() {
        JsonNode fields = client.get("/services/data/" + SandboxClient.VERSION + "/sobjects/Opportunity/describe")
                .json().path("fields");
        JsonNode key = null;
        for (JsonNode field : fields) {
            if (field.path("name").asText().equals("Healthsync_Key__c")) {
                key = field;
            }
        }
        assertThat(key).isNotNull();
        assertThat(key.path("externalId").asBoolean()).isTrue();
        assertThat(key.path("unique").asBoolean()).isTrue();
        assertThat(key.path("idLookup").asBoolean()).isTrue();
        assertThat(key.path("caseSensitive").asBoolean()).isTrue();
        assertThat(key.path("length").asInt()).isEqualTo(255);
        assertThat(key.path("updateable").asBoolean()).isTrue();
    }

    static List<String> codes(JsonNode results) {
        return java.util.stream.StreamSupport.stream(results.spliterator(), false)
                .map(r -> r.path("errors").path(0).path("statusCode").asText()).toList();
    }
}

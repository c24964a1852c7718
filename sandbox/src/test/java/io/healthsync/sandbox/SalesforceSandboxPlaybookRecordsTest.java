package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records healthsync's playbooks upsert: read back by the plan-time SOQL, and kept across restarts. */
class SalesforceSandboxPlaybookRecordsTest {

    @TempDir
    Path dataDir;

    private static String task(String key, String whatId, String status) {
        return "\"Healthsync_Key__c\":\"" + key + "\",\"Subject\":\"Renewal risk\",\"WhatId\":\"" + whatId
                + "\",\"Status\":\"" + status + "\"";
    }

    @Test
    void planTimeQueriesFindTheOpenHealthsyncRecordsPageByPage() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(20))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            String account = (String) sandbox.records("Account").get(0).get("Id");
            client.upsertCollection("Task", "Healthsync_Key__c", SandboxClient.records("Task", false,
                    task("t-open", account, "Not Started"), task("t-waiting", account, "Waiting on someone else"),
                    task("t-done", account, "Completed")));
            client.upsertCollection("Opportunity", "Healthsync_Key__c", SandboxClient.records("Opportunity", false,
                    "\"Healthsync_Key__c\":\"o-open\",\"Name\":\"Upgrade\",\"StageName\":\"Proposal/Price Quote\","
                            + "\"CloseDate\":\"2026-09-30\",\"AccountId\":\"" + account + "\"",
                    "\"Healthsync_Key__c\":\"o-lost\",\"Name\":\"Upgrade 2\",\"StageName\":\"Closed Lost\","
                            + "\"CloseDate\":\"2026-02-28\",\"AccountId\":\"" + account + "\""));

            List<JsonNode> tasks = client.queryAll("SELECT Id, Healthsync_Key__c, IsClosed, Status, CreatedDate "
                    + "FROM Task WHERE Healthsync_Key__c != null AND IsClosed = false", 1);
            List<JsonNode> opportunities = client.queryAll("SELECT Id, Healthsync_Key__c, IsClosed, IsWon, StageName, "
                    + "CloseDate, CreatedDate FROM Opportunity WHERE Healthsync_Key__c != null", 1);

            assertThat(tasks).extracting(t -> t.path("Healthsync_Key__c").asText())
                    .containsExactlyInAnyOrder("t-open", "t-waiting");
            assertThat(tasks).allSatisfy(t -> {
                assertThat(t.path("IsClosed").isBoolean()).isTrue();
                assertThat(t.path("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+0000");
            });
            assertThat(opportunities).hasSize(2);
            JsonNode lost = opportunities.stream().filter(o -> o.path("Healthsync_Key__c").asText().equals("o-lost"))
                    .findFirst().orElseThrow();
            assertThat(lost.path("IsClosed").asBoolean()).isTrue();
            assertThat(lost.path("IsWon").asBoolean()).isFalse();
            assertThat(lost.path("CloseDate").asText()).isEqualTo("2026-02-28");
            // generated history has no key: only healthsync's records match
            assertThat(client.query("SELECT Id FROM Task WHERE Healthsync_Key__c = null AND IsClosed = false").json()
                    .path("totalSize").asInt()).isZero();
        }
    }

    @Test
    void upsertedRecordsSurviveAKillAndAreStillMatchedByKey() {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(20).withDataDir(dataDir);
        String id;
        Map<String, Object> written;
        SalesforceSandbox sandbox = SalesforceSandbox.start(options);
        SandboxClient client = new SandboxClient(sandbox).login();
        String account = (String) sandbox.records("Account").get(1).get("Id");
        id = client.upsertCollection("Task", "Healthsync_Key__c", SandboxClient.records("Task", false,
                task("acct:risk", account, "In Progress"))).json().get(0).path("id").asText();
        written = sandbox.record("Task", id);
        sandbox.halt();

        try (SalesforceSandbox restarted = SalesforceSandbox.start(options)) {
            assertThat(restarted.record("Task", id)).isEqualTo(written);
            JsonNode again = new SandboxClient(restarted).login().upsertCollection("Task", "Healthsync_Key__c",
                    SandboxClient.records("Task", false, task("acct:risk", account, "Completed"))).json();

            assertThat(again.get(0).path("id").asText()).isEqualTo(id);
            assertThat(again.get(0).path("created").asBoolean()).isFalse();
            assertThat(restarted.record("Task", id)).containsEntry("IsClosed", true);
        }
    }

    @Test
    void recordsABulkJobWroteSurviveARestart() {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(20).withDataDir(dataDir)
                .withBulkInProgressPolls(0);
        String jobId;
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options)) {
            SandboxClient client = new SandboxClient(sandbox).login();
            jobId = client.createIngestJob("{\"object\":\"Task\",\"operation\":\"upsert\","
                    + "\"externalIdFieldName\":\"Healthsync_Key__c\",\"lineEnding\":\"LF\"}").json().path("id").asText();
            client.uploadIngestData(jobId, "Healthsync_Key__c,Subject,Priority\nbulk-1,Check usage,Low\n");
            client.setIngestJobState(jobId, "UploadComplete");
            assertThat(client.ingestJob(jobId).json().path("state").asText()).isEqualTo("JobComplete");
            sandbox.halt();
        }

        try (SalesforceSandbox restarted = SalesforceSandbox.start(options)) {
            List<JsonNode> found = new SandboxClient(restarted).login().queryAll(
                    "SELECT Id, Priority FROM Task WHERE Healthsync_Key__c = 'bulk-1'", null);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).path("Priority").asText()).isEqualTo("Low");
        }
    }
}

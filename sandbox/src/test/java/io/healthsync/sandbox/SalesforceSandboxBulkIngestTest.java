package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceSandboxBulkIngestTest {

    private static final String UPSERT_OPPORTUNITIES = "{\"object\":\"Opportunity\",\"operation\":\"upsert\","
            + "\"externalIdFieldName\":\"Healthsync_Key__c\",\"contentType\":\"CSV\",\"lineEnding\":\"LF\","
            + "\"columnDelimiter\":\"COMMA\"}";

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

    private String opportunitiesCsv() {
        return "Healthsync_Key__c,Name,AccountId,StageName,CloseDate,Amount,Description\n"
                + "k1,Upgrade one," + accountIds.get(0) + ",Prospecting,2026-06-30,5000,\"Seats, \"\"gold\"\" tier\"\n"
                + "k2,No stage," + accountIds.get(1) + ",,2026-06-30,100,\n"
                + "k3,Upgrade three," + accountIds.get(2) + ",Qualification,2026-07-31,#N/A,\"two\nlines\"\n";
    }

    /** Create, upload, close, then poll until the job is finished; returns the job ids' final info. */
    private JsonNode runJob(String jobJson, String csv) {
        String id = client.createIngestJob(jobJson).json().path("id").asText();
        assertThat(client.uploadIngestData(id, csv).status()).isEqualTo(201);
        client.setIngestJobState(id, "UploadComplete");
        JsonNode info = client.ingestJob(id).json();
        for (int polls = 0; polls < 5 && !info.path("state").asText().matches("JobComplete|Failed|Aborted"); polls++) {
            info = client.ingestJob(id).json();
        }
        return info;
    }

    @Test
    void anUpsertJobRunsItsWholeLifecycleWithPerRecordResults() {
        Map<String, Long> before = sandbox.apiCallsByKind();
        long callsBefore = sandbox.apiCallsServed();

        SandboxClient.Reply created = client.createIngestJob(UPSERT_OPPORTUNITIES);
        JsonNode job = created.json();
        String id = job.path("id").asText();
        assertThat(created.status()).isEqualTo(200);
        assertThat(id).startsWith("750").hasSize(18);
        assertThat(job.path("state").asText()).isEqualTo("Open");
        assertThat(job.path("object").asText()).isEqualTo("Opportunity");
        assertThat(job.path("operation").asText()).isEqualTo("upsert");
        assertThat(job.path("externalIdFieldName").asText()).isEqualTo("Healthsync_Key__c");
        assertThat(job.path("contentUrl").asText()).isEqualTo("services/data/v62.0/jobs/ingest/" + id + "/batches");
        assertThat(job.path("apiVersion").asDouble()).isEqualTo(62.0);

        SandboxClient.Reply upload = client.uploadIngestData(id, opportunitiesCsv());
        assertThat(upload.status()).isEqualTo(201);
        assertThat(upload.body()).isEmpty();
        assertThat(client.setIngestJobState(id, "UploadComplete").json().path("state").asText())
                .isEqualTo("UploadComplete");
        JsonNode polled = client.ingestJob(id).json();
        assertThat(polled.path("state").asText()).isEqualTo("InProgress");
        assertThat(polled.path("numberRecordsProcessed").asInt()).isZero();
        JsonNode done = client.ingestJob(id).json();

        assertThat(done.path("state").asText()).isEqualTo("JobComplete");
        assertThat(done.path("numberRecordsProcessed").asInt()).isEqualTo(3);
        assertThat(done.path("numberRecordsFailed").asInt()).isEqualTo(1);
        SandboxClient.Reply successes = client.ingestResults(id, "successfulResults");
        assertThat(successes.header("Content-Type")).startsWith("text/csv");
        String[] lines = successes.body().split("\n", -1);
        assertThat(lines[0]).isEqualTo("\"sf__Id\",\"sf__Created\",Healthsync_Key__c,Name,AccountId,StageName,"
                + "CloseDate,Amount,Description");
        String k1 = lines[1].substring(1, 19);
        assertThat(lines[1]).isEqualTo("\"" + k1 + "\",\"true\",\"k1\",\"Upgrade one\",\"" + accountIds.get(0)
                + "\",\"Prospecting\",\"2026-06-30\",\"5000\",\"Seats, \"\"gold\"\" tier\"");
        assertThat(sandbox.record("Opportunity", k1)).containsEntry("Description", "Seats, \"gold\" tier")
                .containsEntry("Amount", 5000.0).containsEntry("Healthsync_Key__c", "k1");
        String k3 = lines[2].substring(1, 19);
        assertThat(sandbox.record("Opportunity", k3)).containsEntry("Description", "two\nlines")
                .containsEntry("Amount", null);
        assertThat(client.ingestResults(id, "failedResults").body()).isEqualTo(
                "\"sf__Id\",\"sf__Error\",Healthsync_Key__c,Name,AccountId,StageName,CloseDate,Amount,Description\n"
                        + "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [StageName]:StageName --\","
                        + "\"k2\",\"No stage\",\"" + accountIds.get(1) + "\",\"\",\"2026-06-30\",\"100\",\"\"\n");

        Map<String, Long> after = sandbox.apiCallsByKind();
        assertThat(after.get("bulk_create_job") - before.getOrDefault("bulk_create_job", 0L)).isEqualTo(1);
        assertThat(after.get("bulk_upload")).isEqualTo(1);
        assertThat(after.get("bulk_change_state")).isEqualTo(1);
        assertThat(after.get("bulk_job_info")).isEqualTo(2);
        assertThat(after.get("bulk_results")).isEqualTo(2);
        assertThat(sandbox.apiCallsServed() - callsBefore).isEqualTo(7);

        // the same plan again: every record is matched by its key, nothing new is created
        JsonNode again = runJob(UPSERT_OPPORTUNITIES, opportunitiesCsv());
        String rerun = client.ingestResults(again.path("id").asText(), "successfulResults").body();
        assertThat(rerun).contains("\"" + k1 + "\",\"false\",\"k1\"").contains("\"" + k3 + "\",\"false\",\"k3\"");
    }

    @Test
    void anUpdateJobWritesAccountsByIdAndReportsTheBadOnes() {
        String csv = "Id,Health_Score__c,Health_Band__c\n"
                + accountIds.get(3) + ",71,Green\n"
                + accountIds.get(4) + ",20,Purple\n"
                + "001000000000000AAA,50,Yellow\n";

        JsonNode info = runJob("{\"object\":\"Account\",\"operation\":\"update\",\"contentType\":\"CSV\","
                + "\"lineEnding\":\"LF\",\"columnDelimiter\":\"COMMA\"}", csv);

        assertThat(info.path("state").asText()).isEqualTo("JobComplete");
        assertThat(info.path("numberRecordsProcessed").asInt()).isEqualTo(3);
        assertThat(info.path("numberRecordsFailed").asInt()).isEqualTo(2);
        assertThat(sandbox.record("Account", accountIds.get(3))).containsEntry("Health_Score__c", 71.0)
                .containsEntry("Health_Band__c", "Green");
        String failed = client.ingestResults(info.path("id").asText(), "failedResults").body();
        assertThat(failed).contains("\"" + accountIds.get(4) + "\",\"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:"
                + "Health Band: bad value for restricted picklist field: Purple:Health_Band__c --\"");
        assertThat(failed).contains("\"001000000000000AAA\",\"INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--\"");
        assertThat(client.ingestResults(info.path("id").asText(), "successfulResults").body())
                .contains("\"" + accountIds.get(3) + "\",\"false\",\"" + accountIds.get(3) + "\",\"71\",\"Green\"");
    }

    @Test
    void theJobStaysInProgressForTheConfiguredNumberOfPolls() {
        try (SalesforceSandbox slow = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(10)
                .withBulkInProgressPolls(3))) {
            SandboxClient other = new SandboxClient(slow).login();
            String id = other.createIngestJob(UPSERT_OPPORTUNITIES).json().path("id").asText();
            other.uploadIngestData(id, "Healthsync_Key__c,Name,StageName,CloseDate\nk,Renewal,Prospecting,2026-01-31\n");
            other.setIngestJobState(id, "UploadComplete");

            List<String> states = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                states.add(other.ingestJob(id).json().path("state").asText());
            }

            assertThat(states).containsExactly("InProgress", "InProgress", "InProgress", "JobComplete", "JobComplete");
        }
    }

    @Test
    void anAbortedJobProcessesNothingAndReportsEveryRecordUnprocessed() {
        int before = sandbox.records("Opportunity").size();
        String id = client.createIngestJob(UPSERT_OPPORTUNITIES).json().path("id").asText();
        client.uploadIngestData(id, opportunitiesCsv());

        JsonNode aborted = client.setIngestJobState(id, "Aborted").json();
        JsonNode info = client.ingestJob(id).json();

        assertThat(aborted.path("state").asText()).isEqualTo("Aborted");
        assertThat(info.path("state").asText()).isEqualTo("Aborted");
        assertThat(info.path("numberRecordsProcessed").asInt()).isZero();
        assertThat(sandbox.records("Opportunity")).hasSize(before);
        String unprocessed = client.ingestResults(id, "unprocessedrecords").body();
        assertThat(unprocessed.split("\n")[0])
                .isEqualTo("Healthsync_Key__c,Name,AccountId,StageName,CloseDate,Amount,Description");
        assertThat(unprocessed).contains("\"k1\",\"Upgrade one\"").contains("\"k2\",\"No stage\"")
                .contains("\"k3\",\"Upgrade three\"");
        SandboxClient.Reply late = client.uploadIngestData(id, opportunitiesCsv());
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.errorCode()).isEqualTo("INVALIDJOBSTATE");
        assertThat(client.setIngestJobState(id, "UploadComplete").status()).isEqualTo(400);
    }

    @Test
    void aJobAbortedWhileProcessedKeepsWhatItWroteAndReportsOnlyTheRestUnprocessed() throws Exception {
        int rows = 20_000;
        String id = largeJobPolledOnce("abort-", rows);
        java.util.concurrent.CompletableFuture<JsonNode> processed = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> client.ingestJob(id).json());
        // aborted once some of its records are written and before all are
        boolean abortedMidway = false;
        while (!abortedMidway && !processed.isDone()) {
            for (JsonNode job : client.get("/services/data/" + SandboxClient.VERSION + "/jobs/ingest").json()
                    .path("records")) {
                int done = job.path("numberRecordsProcessed").asInt();
                if (job.path("id").asText().equals(id) && done > 0 && done < rows) {
                    abortedMidway = client.setIngestJobState(id, "Aborted").status() == 200;
                }
            }
        }
        assertThat(abortedMidway).as("the job was aborted while it was processed").isTrue();
        assertThat(processed.get().path("state").asText()).isEqualTo("Aborted");

        java.util.Set<String> written = keysOf(client.ingestResults(id, "successfulResults").body());
        java.util.Set<String> unprocessed = keysOf(client.ingestResults(id, "unprocessedrecords").body());
        assertThat(written).isNotEmpty();
        assertThat(unprocessed).isNotEmpty().doesNotContainAnyElementsOf(written);
        assertThat(written.size() + unprocessed.size()).isEqualTo(rows);
        assertThat(sandbox.records("Opportunity").stream().map(r -> String.valueOf(r.get("Healthsync_Key__c")))
                .filter(k -> k.startsWith("abort-"))).containsExactlyInAnyOrderElementsOf(written);
    }

    /**
     * An upsert job of {@code rows} Opportunities keyed {@code keyPrefix}0, 1, ..., uploaded and polled once (the
     * poll that answers InProgress by default): the next poll has it processed, a transaction at a time.
     */
    private String largeJobPolledOnce(String keyPrefix, int rows) {
        StringBuilder csv = new StringBuilder("Healthsync_Key__c,Name,StageName,CloseDate,AccountId\n");
        for (int i = 0; i < rows; i++) {
            csv.append(keyPrefix).append(i).append(",Renewal ").append(i).append(",Prospecting,2026-06-30,")
                    .append(accountIds.get(i % accountIds.size())).append('\n');
        }
        String id = client.createIngestJob(UPSERT_OPPORTUNITIES).json().path("id").asText();
        client.uploadIngestData(id, csv.toString());
        client.setIngestJobState(id, "UploadComplete");
        client.ingestJob(id);
        return id;
    }

    /** The Healthsync_Key__c of each row of a results CSV. */
    private static java.util.Set<String> keysOf(String resultsCsv) {
        String[] lines = resultsCsv.split("\n");
        int column = java.util.Arrays.asList(lines[0].replace("\"", "").split(",")).indexOf("Healthsync_Key__c");
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            keys.add(lines[i].split(",")[column].replace("\"", ""));
        }
        return keys;
    }

    @Test
    void aBadHeaderColumnFailsTheWholeJob() {
        JsonNode info = runJob(UPSERT_OPPORTUNITIES, "Healthsync_Key__c,Name,Nope__c\nk,x,y\n");

        assertThat(info.path("state").asText()).isEqualTo("Failed");
        assertThat(info.path("errorMessage").asText()).isEqualTo("InvalidBatch : Field name not found : Nope__c");
        assertThat(info.path("numberRecordsProcessed").asInt()).isZero();
        assertThat(client.ingestResults(info.path("id").asText(), "unprocessedrecords").body())
                .isEqualTo("Healthsync_Key__c,Name,Nope__c\n\"k\",\"x\",\"y\"\n");
    }

    @Test
    void dataWithTheWrongLineEndingFailsTheJob() {
        JsonNode info = runJob(UPSERT_OPPORTUNITIES, "Healthsync_Key__c,Name\r\nk,x\r\n");

        assertThat(info.path("state").asText()).isEqualTo("Failed");
        assertThat(info.path("errorMessage").asText())
                .isEqualTo("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF");
    }

    @Test
    void theFailureOptionFailsEveryJobAsAWhole() {
        try (SalesforceSandbox failing = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(10)
                .withBulkJobFailure("InternalServerError : retry later").withBulkInProgressPolls(0))) {
            SandboxClient other = new SandboxClient(failing).login();
            int before = failing.records("Opportunity").size();
            String id = other.createIngestJob(UPSERT_OPPORTUNITIES).json().path("id").asText();
            other.uploadIngestData(id, "Healthsync_Key__c,Name,StageName,CloseDate\nk,Renewal,Prospecting,2026-01-31\n");
            other.setIngestJobState(id, "UploadComplete");

            JsonNode info = other.ingestJob(id).json();

            assertThat(info.path("state").asText()).isEqualTo("Failed");
            assertThat(info.path("errorMessage").asText()).isEqualTo("InternalServerError : retry later");
            assertThat(failing.records("Opportunity")).hasSize(before);
            assertThat(other.ingestResults(id, "unprocessedrecords").body()).contains("\"k\",\"Renewal\"");
        }
    }

    @Test
    void jobRequestsThatCannotBeServedAreRefused() {
        SandboxClient.Reply noObject = client.createIngestJob("{\"object\":\"Widget__c\",\"operation\":\"insert\"}");
        SandboxClient.Reply notKey = client.createIngestJob("{\"object\":\"Task\",\"operation\":\"upsert\","
                + "\"externalIdFieldName\":\"Subject\"}");
        SandboxClient.Reply unknownJob = client.ingestJob(SalesforceIds.of("750", 777_777));

        assertThat(noObject.status()).isEqualTo(400);
        assertThat(noObject.errorCode()).isEqualTo("INVALIDJOB");
        assertThat(notKey.status()).isEqualTo(400);
        assertThat(unknownJob.status()).isEqualTo(404);
        assertThat(unknownJob.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void lockContentionFailsRecordsOfABulkJobToo() {
        try (SalesforceSandbox contended = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(10)
                .withPerRecordFailureRate(1.0).withBulkInProgressPolls(0))) {
            SandboxClient other = new SandboxClient(contended).login();
            String id = other.createIngestJob(UPSERT_OPPORTUNITIES).json().path("id").asText();
            other.uploadIngestData(id, "Healthsync_Key__c,Name,StageName,CloseDate\nk,Renewal,Prospecting,2026-01-31\n");
            other.setIngestJobState(id, "UploadComplete");

            JsonNode info = other.ingestJob(id).json();

            assertThat(info.path("numberRecordsFailed").asInt()).isEqualTo(1);
            assertThat(other.ingestResults(id, "failedResults").body())
                    .contains("\"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--\"");
        }
    }

    @Test
    void otherCallsAreServedWhileAJobIsProcessed() throws Exception {
        int rows = 20_000;
        String id = largeJobPolledOnce("key-", rows);

        // the poll that has the job processed answers once it is done; meanwhile the job list is asked for
        java.util.concurrent.CompletableFuture<JsonNode> processed = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> client.ingestJob(id).json());
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        while (!processed.isDone()) {
            for (JsonNode job : client.get("/services/data/" + SandboxClient.VERSION + "/jobs/ingest").json()
                    .path("records")) {
                if (job.path("id").asText().equals(id)) {
                    seen.add(job.path("numberRecordsProcessed").asInt());
                }
            }
        }

        assertThat(processed.get().path("state").asText()).isEqualTo("JobComplete");
        assertThat(processed.get().path("numberRecordsProcessed").asInt()).isEqualTo(rows);
        // served between the job's transactions, not after the whole job as when a job held the sandbox's lock
        assertThat(seen).anyMatch(n -> n > 0 && n < rows);
    }
}

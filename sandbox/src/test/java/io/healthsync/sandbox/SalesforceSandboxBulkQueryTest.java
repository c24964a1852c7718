package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk API 2.0 query jobs as the sandbox plays them, over HTTP: job info, state over polls, CSV results paging. */
class SalesforceSandboxBulkQueryTest {

    private static final String JOBS = "/services/data/" + SandboxClient.VERSION + "/jobs/query";

    private SalesforceSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(25));
        client = new SandboxClient(sandbox).login();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SandboxClient.Reply create(String operation, String soql) {
        String body = "{\"operation\":\"" + operation + "\",\"query\":\"" + soql + "\",\"contentType\":\"CSV\","
                + "\"columnDelimiter\":\"COMMA\",\"lineEnding\":\"LF\"}";
        return client.send(client.authorized(JOBS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void a_query_job_completes_after_its_in_progress_poll_and_pages_its_csv_results_by_locator() {
        SandboxClient.Reply created = create("query", "SELECT Id, Name, SystemModstamp, Website FROM Account");
        JsonNode job = created.json();
        String id = job.path("id").asText();

        assertThat(created.status()).isEqualTo(200);
        assertThat(id).startsWith("750").hasSize(18);
        assertThat(job.path("state").asText()).isEqualTo("UploadComplete");
        assertThat(job.path("operation").asText()).isEqualTo("query");
        assertThat(job.path("object").asText()).isEqualTo("Account");
        assertThat(client.get(JOBS + "/" + id + "/results").status()).isEqualTo(400); // not complete yet
        assertThat(client.get(JOBS + "/" + id).json().path("state").asText()).isEqualTo("InProgress");
        JsonNode done = client.get(JOBS + "/" + id).json();
        assertThat(done.path("state").asText()).isEqualTo("JobComplete");
        assertThat(done.path("jobType").asText()).isEqualTo("V2Query");
        assertThat(done.path("numberRecordsProcessed").asInt()).isEqualTo(25);

        List<String> lines = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        String locator = null;
        int pages = 0;
        do {
            SandboxClient.Reply page = client.get(JOBS + "/" + id + "/results?maxRecords=10"
                    + (locator == null ? "" : "&locator=" + locator));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/csv");
            String[] rows = page.body().split("\n");
            assertThat(rows[0]).isEqualTo("\"Id\",\"Name\",\"SystemModstamp\",\"Website\"");
            lines.addAll(List.of(rows).subList(1, rows.length));
            counts.add(page.header("Sforce-NumberOfRecords"));
            locator = page.header("Sforce-Locator");
            pages++;
        } while (!"null".equals(locator) && pages < 10);

        assertThat(counts).containsExactly("10", "10", "5");
        assertThat(lines).hasSize(25).doesNotHaveDuplicates();
        Object[] first = sandbox.records("Account").stream().filter(a -> lines.get(0).startsWith("\"" + a.get("Id")))
                .findFirst().map(a -> new Object[] {a.get("Name"), a.get("SystemModstamp")}).orElseThrow();
        assertThat(lines.get(0)).contains("\"" + first[0] + "\"")
                // datetimes in UTC with Z, as Bulk API results write them
                .containsPattern("\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"");
        assertThat(sandbox.apiCallsByKind()).containsEntry("bulk_query_create", 1L).containsEntry("bulk_query_results", 4L);
    }

    @Test
    void an_aggregate_query_or_a_bad_field_is_refused_when_the_job_is_created() {
        SandboxClient.Reply count = create("query", "SELECT COUNT() FROM Account");
        SandboxClient.Reply badField = create("queryAll", "SELECT Id, NoSuchField__c FROM Account");

        assertThat(count.status()).isEqualTo(400);
        assertThat(count.json().get(0).path("errorCode").asText()).isEqualTo("INVALIDJOB");
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.json().get(0).path("errorCode").asText()).isEqualTo("INVALID_FIELD");
    }

    @Test
    void a_failing_org_ends_the_job_failed_with_its_error_message_and_no_results() {
        sandbox.close();
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(5).withBulkInProgressPolls(0)
                .withBulkQueryFailure("InternalServerError : the query timed out"));
        client = new SandboxClient(sandbox).login();
        String id = create("query", "SELECT Id FROM Account").json().path("id").asText();

        JsonNode info = client.get(JOBS + "/" + id).json();

        assertThat(info.path("state").asText()).isEqualTo("Failed");
        assertThat(info.path("errorMessage").asText()).isEqualTo("InternalServerError : the query timed out");
        assertThat(client.get(JOBS + "/" + id + "/results").status()).isEqualTo(400);
    }
}

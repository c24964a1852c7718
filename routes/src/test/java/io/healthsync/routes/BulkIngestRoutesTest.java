package io.healthsync.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.healthsync.connectors.salesforce.BulkCsvWriter;
import io.healthsync.connectors.salesforce.BulkIngestJob;
import io.healthsync.connectors.salesforce.BulkIngestOutcome;
import io.healthsync.connectors.salesforce.BulkIngestResults;
import io.healthsync.connectors.salesforce.BulkIngestRun;
import io.healthsync.connectors.salesforce.BulkPolling;
import io.healthsync.connectors.salesforce.ApiBudgetCheck;
import io.healthsync.connectors.salesforce.RetryAfterHint;
import io.healthsync.connectors.salesforce.SalesforceComponentFactory;
import io.healthsync.connectors.salesforce.SalesforceErrorHandling;
import io.healthsync.connectors.salesforce.SalesforceErrorKind;
import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@value BulkIngestRoutes#INGEST} through camel-salesforce against WireMock speaking Bulk API 2.0: the exact
 * requests (job JSON, CSV upload, close), polling until the job is done, and one result per row matched by key.
 */
class BulkIngestRoutesTest extends CamelTestSupport {

    private static final String JOBS = "/services/data/v60.0/jobs/ingest";
    private static final WireMockServer SALESFORCE = new WireMockServer(options().dynamicPort());

    private final AtomicInteger budgetChecks = new AtomicInteger();

    @BeforeAll
    static void startSalesforce() {
        SALESFORCE.start();
    }

    @AfterAll
    static void stopSalesforce() {
        SALESFORCE.stop();
    }

    @BeforeEach
    void stubLogin() {
        // the component logs in when the context starts, which is before this runs: reset only what the tests add
        SALESFORCE.resetRequests();
    }

    private static void stubToken() {
        String base = "http://localhost:" + SALESFORCE.port();
        SALESFORCE.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00Dxx!AQbulktoken\","
                + "\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00D5e000000SBXAEA4/0055e000000SBXBAA4\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"signature\":\"c2ln\"}")));
        SALESFORCE.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        SALESFORCE.resetAll();
        stubToken();
        CamelContext context = super.createCamelContext();
        SourcesConfig.Salesforce settings = new SourcesConfig.Salesforce(true, "0 0/15 * * * ?",
                "http://localhost:" + SALESFORCE.port(), "60.0", new SourcesConfig.Auth("client_credentials",
                new SecretRef("ID", null), new SecretRef("SECRET", null), null, null, null), List.of("Account"), 500, 0, 730);
        context.addComponent("salesforce", SalesforceComponentFactory.create(settings, Map.of("ID", "id", "SECRET", "secret")));
        Properties properties = new Properties();
        properties.setProperty(WritebackRoutes.API_VERSION_PROPERTY, "60.0");
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        ApiBudgetCheck counting = budgetChecks::incrementAndGet;
        // polls after 1 ms, 2 ms, 4 ms ... for at most 20 ms in all
        BulkIngestRoutes bulk = new BulkIngestRoutes(counting, new BulkPolling(Duration.ofMillis(1), Duration.ofMillis(8),
                Duration.ofMillis(20)), new BulkCsvWriter());
        return new RoutesBuilder[] {new SalesforceErrorHandling(1, 1, RetryAfterHint.NONE), bulk};
    }

    private static String job(String id, String object, String operation, String state, String extra) {
        return "{\"id\":\"" + id + "\",\"operation\":\"" + operation + "\",\"object\":\"" + object + "\","
                + "\"createdById\":\"0055e000000SBXBAA4\",\"createdDate\":\"2026-11-24T12:00:00.000+0000\","
                + "\"systemModstamp\":\"2026-11-24T12:00:01.000+0000\",\"state\":\"" + state + "\","
                + (operation.equals("upsert") ? "\"externalIdFieldName\":\"Healthsync_Key__c\"," : "")
                + "\"concurrencyMode\":\"Parallel\",\"contentType\":\"CSV\",\"apiVersion\":60.0,\"jobType\":\"V2Ingest\","
                + "\"contentUrl\":\"services/data/v60.0/jobs/ingest/" + id + "/batches\",\"lineEnding\":\"LF\","
                + "\"columnDelimiter\":\"COMMA\"" + extra + "}";
    }

    private static Map<String, Object> row(Object... fieldsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            row.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return row;
    }

    private static BulkIngestJob tasks() {
        return new BulkIngestJob("Task", BulkIngestJob.Operation.UPSERT, "Healthsync_Key__c",
                List.of("hs-1", "hs-2", "hs-3", "hs-4"), List.of(
                row("WhatId", "001000000000001AAA", "Subject", "Renewal call, \"urgent\"", "ActivityDate", LocalDate.of(2026, 12, 1)),
                row("WhatId", "001000000000002AAA", "Subject", "Check in\nabout usage", "ActivityDate", null),
                row("WhatId", "001000000000003AAA", "Subject", "QBR", "Priority", "High"),
                row("WhatId", "001000000000004AAA", "Subject", "Onboarding")));
    }

    private static void stubCompletedTaskJob(String id) {
        SALESFORCE.stubFor(post(JOBS).withRequestBody(matchingJsonPath("$.object", equalTo("Task")))
                .willReturn(okJson(job(id, "Task", "upsert", "Open", ""))));
        SALESFORCE.stubFor(put(JOBS + "/" + id + "/batches").willReturn(aResponse().withStatus(201)));
        SALESFORCE.stubFor(patch(urlPathEqualTo(JOBS + "/" + id)).willReturn(okJson(job(id, "Task", "upsert", "UploadComplete", ""))));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/" + id)).inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(job(id, "Task", "upsert", "InProgress", ",\"numberRecordsProcessed\":0")))
                .willSetStateTo("done"));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/" + id)).inScenario("poll").whenScenarioStateIs("done")
                .willReturn(okJson(job(id, "Task", "upsert", "JobComplete",
                        ",\"numberRecordsProcessed\":3,\"numberRecordsFailed\":1"))));
        // results come in Salesforce's order, not ours; hs-4 is in no file at all
        SALESFORCE.stubFor(get(JOBS + "/" + id + "/successfulResults/").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/csv").withBody("""
                        "sf__Id","sf__Created",Healthsync_Key__c,WhatId,Subject,ActivityDate,Priority
                        "00T5e000001AbCdEAK","false","hs-2","001000000000002AAA","Check in
                        about usage","",""
                        "00T5e000001AbCeEAK","true","hs-1","001000000000001AAA","Renewal call, ""urgent""\","2026-12-01",""
                        """)));
        SALESFORCE.stubFor(get(JOBS + "/" + id + "/failedResults/").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/csv").withBody("""
                        "sf__Id","sf__Error",Healthsync_Key__c,WhatId,Subject,ActivityDate,Priority
                        "","FIELD_INTEGRITY_EXCEPTION:Priority: bad value for restricted picklist field: High:Priority --","hs-3","001000000000003AAA","QBR","","High"
                        """)));
        SALESFORCE.stubFor(get(JOBS + "/" + id + "/unprocessedrecords/").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/csv").withBody("Healthsync_Key__c,WhatId,Subject,ActivityDate,Priority\n")));
    }

    @Test
    void upserts_through_one_job_and_matches_every_row_back_by_its_key() {
        String id = "7505e00000BkT1aAAF";
        stubCompletedTaskJob(id);

        BulkIngestOutcome outcome = template.requestBody(BulkIngestRoutes.INGEST, tasks(), BulkIngestOutcome.class);

        assertThat(outcome.jobIds()).containsExactly(id);
        assertThat(outcome.state()).isEqualTo("JobComplete");
        assertThat(outcome.results()).containsExactly(
                WriteResult.upserted("hs-1", "00T5e000001AbCeEAK", true),
                WriteResult.upserted("hs-2", "00T5e000001AbCdEAK", false),
                WriteResult.failed("hs-3", "FIELD_INTEGRITY_EXCEPTION",
                        "Priority: bad value for restricted picklist field: High (fields: Priority)"),
                WriteResult.failed("hs-4", BulkIngestResults.UNPROCESSED,
                        "Salesforce did not process this record; it is sent again on the next run"));
        // create, upload, close, two polls, three results files
        assertThat(outcome.apiCalls()).isEqualTo(8);
        assertThat(budgetChecks).hasValue(8);
        assertThat(SALESFORCE.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.getUrl().startsWith(JOBS)).map(r -> r.getMethod() + " " + r.getUrl())).containsExactly(
                "POST " + JOBS, "PUT " + JOBS + "/" + id + "/batches", "PATCH " + JOBS + "/" + id,
                "GET " + JOBS + "/" + id, "GET " + JOBS + "/" + id, "GET " + JOBS + "/" + id + "/successfulResults/",
                "GET " + JOBS + "/" + id + "/failedResults/", "GET " + JOBS + "/" + id + "/unprocessedrecords/");

        SALESFORCE.verify(postRequestedFor(urlPathEqualTo(JOBS))
                .withHeader("Authorization", equalTo("Bearer 00Dxx!AQbulktoken"))
                .withRequestBody(equalToJson("{\"object\":\"Task\",\"externalIdFieldName\":\"Healthsync_Key__c\","
                        + "\"contentType\":\"CSV\",\"operation\":\"upsert\",\"lineEnding\":\"LF\",\"columnDelimiter\":\"COMMA\"}")));
        LoggedRequest upload = SALESFORCE.findAll(putRequestedFor(urlPathEqualTo(JOBS + "/" + id + "/batches"))).get(0);
        assertThat(upload.getHeader("Content-Type")).isEqualTo("text/csv");
        assertThat(upload.getBodyAsString()).isEqualTo("""
                Healthsync_Key__c,WhatId,Subject,ActivityDate,Priority
                hs-1,001000000000001AAA,"Renewal call, ""urgent""\",2026-12-01,
                hs-2,001000000000002AAA,"Check in
                about usage",,
                hs-3,001000000000003AAA,QBR,,High
                hs-4,001000000000004AAA,Onboarding,,
                """);
        SALESFORCE.verify(patchRequestedFor(urlPathEqualTo(JOBS + "/" + id))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"state\":\"UploadComplete\"}")));
        SALESFORCE.verify(getRequestedFor(urlPathEqualTo(JOBS + "/" + id + "/successfulResults/"))
                .withHeader("Accept", equalTo("text/csv")));
    }

    @Test
    void a_failed_job_fails_every_row_with_its_error_message_and_reads_no_results() {
        String id = "7505e00000BkT2bAAF";
        SALESFORCE.stubFor(post(JOBS).willReturn(okJson(job(id, "Account", "update", "Open", ""))));
        SALESFORCE.stubFor(put(JOBS + "/" + id + "/batches").willReturn(aResponse().withStatus(201)));
        SALESFORCE.stubFor(patch(urlPathEqualTo(JOBS + "/" + id)).willReturn(okJson(job(id, "Account", "update", "UploadComplete", ""))));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/" + id)).willReturn(okJson(job(id, "Account", "update", "Failed",
                ",\"errorMessage\":\"InvalidBatch : Field name not found : Health_Scor__c\""))));
        BulkIngestJob accounts = new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null,
                List.of("001000000000001AAA", "001000000000002AAA"),
                List.of(row("Health_Scor__c", 72), row("Health_Scor__c", 40.5)));

        BulkIngestOutcome outcome = template.requestBody(BulkIngestRoutes.INGEST, accounts, BulkIngestOutcome.class);

        String message = "Bulk API job " + id + " ended Failed: InvalidBatch : Field name not found : Health_Scor__c";
        assertThat(outcome.state()).isEqualTo("Failed");
        assertThat(outcome.results()).containsExactly(
                WriteResult.failed("001000000000001AAA", BulkIngestRun.BULK_JOB_FAILED, message),
                WriteResult.failed("001000000000002AAA", BulkIngestRun.BULK_JOB_FAILED, message));
        assertThat(outcome.apiCalls()).isEqualTo(4);
        SALESFORCE.verify(postRequestedFor(urlPathEqualTo(JOBS)).withRequestBody(equalToJson(
                "{\"object\":\"Account\",\"contentType\":\"CSV\",\"operation\":\"update\",\"lineEnding\":\"LF\",\"columnDelimiter\":\"COMMA\"}")));
        assertThat(SALESFORCE.findAll(putRequestedFor(urlPathEqualTo(JOBS + "/" + id + "/batches"))).get(0).getBodyAsString())
                .isEqualTo("Id,Health_Scor__c\n001000000000001AAA,72\n001000000000002AAA,40.5\n");
        SALESFORCE.verify(0, getRequestedFor(urlPathMatching(JOBS + "/" + id + "/.+")));
    }

    @Test
    void a_job_still_running_when_the_wait_runs_out_fails_its_rows_as_timed_out_naming_the_job() {
        String id = "7505e00000BkT3cAAF";
        SALESFORCE.stubFor(post(JOBS).willReturn(okJson(job(id, "Account", "update", "Open", ""))));
        SALESFORCE.stubFor(put(JOBS + "/" + id + "/batches").willReturn(aResponse().withStatus(201)));
        SALESFORCE.stubFor(patch(urlPathEqualTo(JOBS + "/" + id)).willReturn(okJson(job(id, "Account", "update", "UploadComplete", ""))));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/" + id)).willReturn(okJson(job(id, "Account", "update", "InProgress", ""))));
        BulkIngestJob accounts = new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null,
                List.of("001000000000001AAA"), List.of(row("Health_Score__c", 72)));

        BulkIngestOutcome outcome = template.requestBody(BulkIngestRoutes.INGEST, accounts, BulkIngestOutcome.class);

        assertThat(outcome.state()).isEqualTo("InProgress");
        assertThat(outcome.results()).singleElement().satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo(BulkIngestRun.BULK_JOB_TIMEOUT);
            assertThat(r.message()).startsWith("Bulk API job " + id + " was still InProgress after 20 ms of polling");
        });
        // waits of 1, 2, 4, 8 ms, then the 5 ms left of the 20
        SALESFORCE.verify(5, getRequestedFor(urlPathEqualTo(JOBS + "/" + id)));
        assertThat(outcome.apiCalls()).isEqualTo(3 + 5);
    }

    @Test
    void an_upload_that_keeps_failing_is_retried_with_the_same_csv_then_handed_to_the_callers_failure_handler() {
        String id = "7505e00000BkT4dAAF";
        SALESFORCE.stubFor(post(JOBS).willReturn(okJson(job(id, "Account", "update", "Open", ""))));
        SALESFORCE.stubFor(put(JOBS + "/" + id + "/batches").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"server is unavailable\"}]")));
        BulkIngestJob accounts = new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null,
                List.of("001000000000001AAA"), List.of(row("Health_Score__c", 72)));
        List<SalesforceErrorKind> kinds = new ArrayList<>();
        SalesforceErrorHandling.FailureHandler handler = (exchange, kind, description, error) -> {
            kinds.add(kind);
            exchange.getMessage().setBody(BulkIngestRoutes.outcomeAfterFailure(exchange, "CALL_FAILED", description));
        };

        BulkIngestOutcome outcome = template.send(BulkIngestRoutes.INGEST, exchange -> {
            exchange.setProperty(SalesforceErrorHandling.HANDLER, handler);
            exchange.getMessage().setBody(accounts);
        }).getMessage().getBody(BulkIngestOutcome.class);

        assertThat(kinds).containsExactly(SalesforceErrorKind.TRANSIENT);
        assertThat(outcome.jobIds()).containsExactly(id);
        assertThat(outcome.state()).isEqualTo("CallFailed");
        assertThat(outcome.results()).containsExactly(WriteResult.failed("001000000000001AAA", "CALL_FAILED",
                "HTTP 503: SERVER_UNAVAILABLE server is unavailable"));
        assertThat(outcome.apiCalls()).isEqualTo(3);
        List<LoggedRequest> uploads = SALESFORCE.findAll(putRequestedFor(urlPathEqualTo(JOBS + "/" + id + "/batches")));
        assertThat(uploads).hasSize(2).allSatisfy(upload -> {
            assertThat(upload.getHeader("Content-Type")).isEqualTo("text/csv");
            assertThat(upload.getBodyAsString()).isEqualTo("Id,Health_Score__c\n001000000000001AAA,72\n");
        });
    }

    @Test
    void reads_a_results_file_larger_than_the_http_clients_default_4_mb() {
        // 60,000 updated accounts: their successful results are about 5 MB of CSV, as 100,000 accounts' are more
        int rows = 60_000;
        String id = "7505e00000BkT9zAAF";
        List<String> ids = new ArrayList<>(rows);
        List<Map<String, Object>> payloads = new ArrayList<>(rows);
        StringBuilder successful = new StringBuilder("\"sf__Id\",\"sf__Created\",Id,Health_Score__c,Health_Band__c\n");
        for (int i = 0; i < rows; i++) {
            String accountId = String.format("0015e%013dAAA", i);
            ids.add(accountId);
            payloads.add(row("Health_Score__c", 50 + i % 50, "Health_Band__c", "yellow"));
            successful.append('"').append(accountId).append("\",\"false\",\"").append(accountId).append("\",\"")
                    .append(50 + i % 50).append("\",\"yellow\"\n");
        }
        assertThat(successful.length()).isGreaterThan(4 * 1024 * 1024);
        SALESFORCE.stubFor(post(JOBS).willReturn(okJson(job(id, "Account", "update", "Open", ""))));
        SALESFORCE.stubFor(put(JOBS + "/" + id + "/batches").willReturn(aResponse().withStatus(201)));
        SALESFORCE.stubFor(patch(urlPathEqualTo(JOBS + "/" + id)).willReturn(okJson(job(id, "Account", "update", "UploadComplete", ""))));
        SALESFORCE.stubFor(get(urlPathEqualTo(JOBS + "/" + id)).willReturn(okJson(job(id, "Account", "update", "JobComplete",
                ",\"numberRecordsProcessed\":" + rows + ",\"numberRecordsFailed\":0"))));
        SALESFORCE.stubFor(get(JOBS + "/" + id + "/successfulResults/").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/csv").withBody(successful.toString())));

        BulkIngestOutcome outcome = template.requestBody(BulkIngestRoutes.INGEST,
                new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null, ids, payloads), BulkIngestOutcome.class);

        assertThat(outcome.state()).isEqualTo("JobComplete");
        assertThat(outcome.results()).hasSize(rows).allMatch(WriteResult::success);
        assertThat(outcome.results().get(rows - 1).recordId()).isEqualTo(ids.get(rows - 1));
    }
}

package io.healthsync.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.healthsync.connectors.salesforce.SalesforceCursor;
import io.healthsync.connectors.salesforce.SalesforceObject;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.model.Account;
import io.healthsync.store.JdbcStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract and fault tests against WireMock speaking Salesforce's wire format: what the pull and the
 * writeback send, and that nothing is lost or duplicated when Salesforce fails mid-run.
 */
class SalesforceFaultsTest {

    private static final String V = "/services/data/v60.0";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private WireMockServer salesforce;
    private JdbcStore store;
    private HealthsyncConfig config;

    @BeforeEach
    void start() {
        salesforce = new WireMockServer(options().dynamicPort());
        salesforce.start();
        String base = "http://localhost:" + salesforce.port();
        salesforce.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00Dxx0000001gPL!AQ4AQtestaccesstoken\","
                + "\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00D5e000000SBXAEA4/0055e000000SBXBAA4\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"signature\":\"c2lnbmF0dXJl\"}")));
        salesforce.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
        salesforce.stubFor(get(urlPathMatching(V + "/sobjects/Account/describe/?")).willReturn(okJson(describe("Account",
                "Id", "Name", "OwnerId", "CreatedDate", "SystemModstamp", "Customer_Segment__c", "Health_Score__c",
                "Health_Band__c", "Health_Drivers__c", "Health_Updated__c"))));
        store = JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
        HealthsyncConfig defaults = ConfigLoader.load(null);
        SourcesConfig.Salesforce sf = defaults.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials", new SecretRef("T_ID", null),
                new SecretRef("T_SECRET", null), null, null, null);
        config = new HealthsyncConfig(null, defaults.taxonomy(), defaults.fields(), defaults.scorecard(),
                new SourcesConfig(new SourcesConfig.Salesforce(true, sf.cron(), base, "60.0", auth, List.of("Account"),
                        2000, 0, 730)));
    }

    @AfterEach
    void stop() {
        store.close();
        salesforce.stop();
    }

    private HealthsyncApp app() throws Exception {
        return HealthsyncApp.start(config, store, Map.of("T_ID", "client", "T_SECRET", "s3cr3t"), CLOCK,
                new HealthsyncApp.RetryPolicy(2, 10));
    }

    private static String describe(String name, String... fields) {
        StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"fields\":[");
        for (int i = 0; i < fields.length; i++) {
            json.append(i > 0 ? "," : "").append("{\"name\":\"").append(fields[i]).append("\",\"type\":\"string\",")
                    .append("\"updateable\":").append(fields[i].startsWith("Health_")).append(",\"length\":255}");
        }
        return json.append("]}").toString();
    }

    private static String account(int i, String modstamp) {
        return "{\"attributes\":{\"type\":\"Account\",\"url\":\"" + V + "/sobjects/Account/00100000000000" + i + "AAA\"},"
                + "\"Id\":\"00100000000000" + i + "AAA\",\"Name\":\"Account " + i + "\",\"OwnerId\":\"0055e000000SBXBAA4\","
                + "\"CreatedDate\":\"2024-01-01T00:00:00.000+0000\",\"SystemModstamp\":\"" + modstamp + "\","
                + "\"Customer_Segment__c\":\"SMB\",\"Health_Score__c\":null,\"Health_Band__c\":null,"
                + "\"Health_Drivers__c\":null,\"Health_Updated__c\":null}";
    }

    private static String page(boolean done, String next, String... records) {
        return "{\"totalSize\":4,\"done\":" + done + (next == null ? "" : ",\"nextRecordsUrl\":\"" + next + "\"")
                + ",\"records\":[" + String.join(",", records) + "]}";
    }

    @Test
    void should_resume_from_the_last_stored_cursor_after_salesforce_fails_mid_pull() throws Exception {
        String sameSecond = "2026-11-01T10:00:00.000+0000";
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).willReturn(okJson(
                page(false, V + "/query/01gPAGE2-2", account(1, sameSecond), account(2, sameSecond)))));
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/01gPAGE2-2")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"server is unavailable\"}]")));

        RunReport first;
        try (HealthsyncApp app = app()) {
            first = app.sync(true, false);
        }

        assertThat(first.pullFailures).containsKey("Account");
        assertThat(first.pullFailures.get("Account")).startsWith("TRANSIENT: HTTP 503");
        // page 1 is stored with its cursor; page 2 was tried 1 + 2 retries times
        assertThat(store.accounts()).extracting(Account::crmId).containsExactly("001000000000001AAA", "001000000000002AAA");
        assertThat(store.cursor(SalesforceObject.ACCOUNT)).contains(
                new SalesforceCursor(Instant.parse("2026-11-01T10:00:00Z"), "001000000000002AAA"));
        salesforce.verify(3, getRequestedFor(urlPathEqualTo(V + "/query/01gPAGE2-2")));
        assertThat(first.sources.get("salesforce").retries()).isEqualTo(2);
        assertThat(first.sources.get("salesforce").state()).isEqualTo("failed");

        // Salesforce recovers: the next run asks only for what comes after the stored cursor (tie-breaker on Id)
        salesforce.resetRequests();
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).willReturn(okJson(
                page(true, null, account(3, sameSecond), account(4, "2026-11-01T10:00:01.000+0000")))));
        try (HealthsyncApp app = app()) {
            app.sync(true, false);
        }
        List<LoggedRequest> queries = salesforce.findAll(getRequestedFor(urlPathEqualTo(V + "/query/")));
        assertThat(queries).singleElement().satisfies(q -> assertThat(q.queryParameter("q").firstValue())
                .contains("(SystemModstamp > 2026-11-01T10:00:00.000Z OR (SystemModstamp = 2026-11-01T10:00:00.000Z "
                        + "AND Id > '001000000000002AAA'))"));
        assertThat(store.accounts()).hasSize(4);
    }

    @Test
    void should_stop_cleanly_on_request_limit_exceeded_and_keep_what_was_stored() throws Exception {
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).willReturn(okJson(
                page(false, V + "/query/01gPAGE2-2", account(1, "2026-11-01T10:00:00.000+0000")))));
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/01gPAGE2-2")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));

        RunReport report;
        try (HealthsyncApp app = app()) {
            report = app.sync(true, false);
        }

        assertThat(report.apiLimitReached).isTrue();
        // no retry of a limit error: it would only burn more of the allowance
        salesforce.verify(1, getRequestedFor(urlPathEqualTo(V + "/query/01gPAGE2-2")));
        assertThat(store.accounts()).hasSize(1);
    }

    @Test
    void should_report_per_record_write_errors_and_retry_only_those_next_run() throws Exception {
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).willReturn(okJson(page(true, null,
                account(1, "2026-11-01T10:00:00.000+0000"), account(2, "2026-11-01T10:00:00.000+0000")))));
        salesforce.stubFor(patch(urlPathEqualTo(V + "/composite/sobjects")).willReturn(okJson("""
                [{"id":"001000000000001AAA","success":true,"errors":[]},
                 {"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW",
                   "message":"unable to obtain exclusive access to this record or 1 records: 001000000000002AAA","fields":[]}]}]""")
                .withHeader("Sforce-Limit-Info", "api-usage=12/15000")));

        RunReport first;
        try (HealthsyncApp app = app()) {
            first = app.sync(false, false);
        }

        assertThat(first.recordsWritten).isEqualTo(1);
        assertThat(first.recordsFailed).isEqualTo(1);
        assertThat(first.writeFailures).containsOnlyKeys("001000000000002AAA");
        assertThat(first.writeFailures.get("001000000000002AAA")).startsWith("UNABLE_TO_LOCK_ROW");
        assertThat(first.writeApiCalls).isEqualTo(1);
        assertThat(first.apiUsage).isEqualTo("api-usage=12/15000");
        String body = salesforce.findAll(patchRequestedFor(urlPathEqualTo(V + "/composite/sobjects"))).get(0).getBodyAsString();
        assertThat(body).startsWith("{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"id\":\"001000000000001AAA\"");

        salesforce.resetRequests();
        salesforce.stubFor(patch(urlPathEqualTo(V + "/composite/sobjects")).willReturn(okJson(
                "[{\"id\":\"001000000000002AAA\",\"success\":true,\"errors\":[]}]")));
        RunReport second;
        try (HealthsyncApp app = app()) {
            second = app.sync(false, true);
        }
        assertThat(second.recordsPlanned).isEqualTo(1);
        assertThat(second.recordsWritten).isEqualTo(1);
        List<LoggedRequest> writes = salesforce.findAll(patchRequestedFor(urlPathEqualTo(V + "/composite/sobjects")));
        assertThat(writes).singleElement().satisfies(w -> {
            assertThat(w.getBodyAsString()).contains("001000000000002AAA").doesNotContain("001000000000001AAA");
            assertThat(w.getHeader("Authorization")).isEqualTo("Bearer 00Dxx0000001gPL!AQ4AQtestaccesstoken");
        });
        salesforce.verify(0, getRequestedFor(urlPathEqualTo(V + "/query/")).withQueryParam("q", containing("Task")));
    }

    @Test
    void a_write_call_that_keeps_failing_loses_nothing_and_apply_finishes_the_same_plan_later() throws Exception {
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).willReturn(okJson(page(true, null,
                account(1, "2026-11-01T10:00:00.000+0000"), account(2, "2026-11-01T10:00:00.000+0000")))));
        salesforce.stubFor(patch(urlPathEqualTo(V + "/composite/sobjects")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"server is unavailable\"}]")));

        RunReport first;
        try (HealthsyncApp app = app()) {
            first = app.sync(false, false);
        }

        assertThat(first.recordsWritten).isZero();
        assertThat(first.recordsFailed).isEqualTo(2);
        assertThat(first.writeFailures.values()).allSatisfy(reason -> assertThat(reason).startsWith("CALL_FAILED: HTTP 503"));
        assertThat(first.writeApiCalls).isEqualTo(3); // the call and its 2 retries
        assertThat(store.writtenFields("Account")).isEmpty();

        salesforce.stubFor(patch(urlPathEqualTo(V + "/composite/sobjects")).willReturn(okJson(
                "[{\"id\":\"001000000000001AAA\",\"success\":true,\"errors\":[]},"
                        + "{\"id\":\"001000000000002AAA\",\"success\":true,\"errors\":[]}]")));
        RunReport applied;
        try (HealthsyncApp app = app()) {
            applied = app.apply(first.planId);
        }
        assertThat(applied.recordsWritten).isEqualTo(2);
        assertThat(applied.writeApiCalls).isEqualTo(1);
        assertThat(store.writtenFields("Account")).containsOnlyKeys("001000000000001AAA", "001000000000002AAA");

        RunReport again;
        try (HealthsyncApp app = app()) {
            again = app.apply(first.planId);
        }
        assertThat(again.recordsWritten).isZero();
        assertThat(again.writeApiCalls).isZero();
    }

    @Test
    void should_stop_spending_once_the_org_is_past_its_api_budget_and_keep_what_was_stored() throws Exception {
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).willReturn(okJson(
                page(false, V + "/query/01gPAGE2-2", account(1, "2026-11-01T10:00:00.000+0000")))
                .withHeader("Sforce-Limit-Info", "api-usage=12500/15000")));
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/01gPAGE2-2")).willReturn(okJson(
                page(true, null, account(2, "2026-11-01T10:00:01.000+0000")))));

        RunReport report;
        try (HealthsyncApp app = app()) {
            report = app.sync(false, false);
        }

        // 12,500 of 15,000 is past the default 80%: no further page, no write; page 1 and its cursor are kept
        assertThat(report.apiLimitReached).isTrue();
        assertThat(report.pullFailures.get("Account")).startsWith("API_LIMIT: ApiBudgetExceededException: API budget: "
                + "the org has used 12500 of its 15000 daily calls");
        salesforce.verify(0, getRequestedFor(urlPathEqualTo(V + "/query/01gPAGE2-2")));
        salesforce.verify(0, patchRequestedFor(urlPathEqualTo(V + "/composite/sobjects")));
        // the pull is incomplete: nothing is planned from it
        assertThat(report.writesHeld).contains("the pull of Account did not complete");
        assertThat(report.planId).isNull();
        assertThat(report.status).isEqualTo("failed");
        assertThat(store.cursor(SalesforceObject.ACCOUNT)).get().extracting(SalesforceCursor::lastId)
                .isEqualTo("001000000000001AAA");
    }

    private HealthsyncApp appPulling(String... objects) throws Exception {
        SourcesConfig.Salesforce sf = config.sources().salesforce();
        HealthsyncConfig more = new HealthsyncConfig(null, config.taxonomy(), config.fields(), config.scorecard(),
                new SourcesConfig(new SourcesConfig.Salesforce(true, sf.cron(), sf.loginUrl(), sf.apiVersion(), sf.auth(),
                        List.of(objects), sf.pageSize(), sf.lookbackSeconds(), sf.historyDays())));
        return HealthsyncApp.start(more, store, Map.of("T_ID", "client", "T_SECRET", "s3cr3t"), CLOCK,
                new HealthsyncApp.RetryPolicy(2, 10));
    }

    @Test
    void scores_from_an_incomplete_pull_are_not_written_unless_partial_data_is_allowed() throws Exception {
        salesforce.stubFor(get(urlPathMatching(V + "/sobjects/Task/describe/?")).willReturn(okJson(describe("Task",
                "Id", "AccountId", "Subject", "Type", "ActivityDate", "CreatedDate", "SystemModstamp"))));
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).withQueryParam("q", containing("FROM Account"))
                .willReturn(okJson(page(true, null, account(1, "2026-11-01T10:00:00.000+0000")))));
        // the Task query keeps failing on a bad page: the object's pull does not complete
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).withQueryParam("q", containing("FROM Task"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":")));
        salesforce.stubFor(patch(urlPathEqualTo(V + "/composite/sobjects")).willReturn(okJson(
                "[{\"id\":\"001000000000001AAA\",\"success\":true,\"errors\":[]}]")));

        RunReport held;
        try (HealthsyncApp app = appPulling("Account", "Task")) {
            held = app.sync(false, false);
        }

        assertThat(held.pullFailures).containsOnlyKeys("Task");
        assertThat(held.pullFailures.get("Task")).startsWith("INVALID_DATA");
        // a malformed page is not retried: the same bad page would come back
        salesforce.verify(1, getRequestedFor(urlPathEqualTo(V + "/query/")).withQueryParam("q", containing("FROM Task")));
        assertThat(held.writesHeld).contains("the pull of Task did not complete");
        assertThat(held.status).isEqualTo("failed");
        salesforce.verify(0, patchRequestedFor(urlPathEqualTo(V + "/composite/sobjects")));

        RunReport allowed;
        try (HealthsyncApp app = appPulling("Account", "Task")) {
            allowed = app.sync(false, false, true);
        }
        assertThat(allowed.partialAllowed).isTrue();
        assertThat(allowed.recordsWritten).isEqualTo(1);
    }

    @Test
    void apply_stops_at_a_configuration_error_instead_of_sending_every_batch() throws Exception {
        StringBuilder records = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            records.append(i > 1 ? "," : "").append(account(i, "2026-11-01T10:00:0" + i + ".000+0000"));
        }
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).willReturn(okJson(
                "{\"totalSize\":5,\"done\":true,\"records\":[" + records + "]}")));
        salesforce.stubFor(patch(urlPathEqualTo(V + "/composite/sobjects")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"No such column 'Health_Score__c' on sobject of type Account\","
                        + "\"errorCode\":\"INVALID_FIELD\"}]")));
        HealthsyncConfig smallBatches = new HealthsyncConfig(null, config.taxonomy(), new io.healthsync.mappings.FieldMapping(
                config.fields().accountRead(), config.fields().accountWrite(),
                new io.healthsync.mappings.FieldMapping.WritebackPolicy(2, 2, 255)), config.scorecard(), config.sources());

        RunReport report;
        try (HealthsyncApp app = HealthsyncApp.start(smallBatches, store, Map.of("T_ID", "client", "T_SECRET", "s3cr3t"),
                CLOCK, new HealthsyncApp.RetryPolicy(2, 10))) {
            report = app.sync(false, false);
        }

        // three batches planned; the first is refused for a field that does not exist: no retry, no further batch
        salesforce.verify(1, patchRequestedFor(urlPathEqualTo(V + "/composite/sobjects")));
        assertThat(report.writesStopped).startsWith("CONFIGURATION: HTTP 400: INVALID_FIELD");
        assertThat(report.status).isEqualTo("partial");
        assertThat(store.pendingWrites(report.planId)).hasSize(5);
    }

    @Test
    void a_503_with_retry_after_is_retried_after_the_wait_salesforce_asked_for() throws Exception {
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).inScenario("busy").whenScenarioStateIs(
                        com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"busy\"}]"))
                .willSetStateTo("ready"));
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).inScenario("busy").whenScenarioStateIs("ready")
                .willReturn(okJson(page(true, null, account(1, "2026-11-01T10:00:00.000+0000")))));

        RunReport report;
        try (HealthsyncApp app = app()) {
            report = app.sync(true, false);
        }

        List<LoggedRequest> queries = salesforce.findAll(getRequestedFor(urlPathEqualTo(V + "/query/")));
        assertThat(queries).hasSize(2);
        long waitedMs = queries.get(1).getLoggedDate().getTime() - queries.get(0).getLoggedDate().getTime();
        assertThat(waitedMs).isGreaterThanOrEqualTo(900); // the backoff alone would have waited 10 ms
        assertThat(report.pullFailures).isEmpty();
    }

    @Test
    void an_org_without_queryAll_is_pulled_with_query_and_the_report_says_deletions_go_unseen() throws Exception {
        salesforce.stubFor(get(urlPathMatching(V + "/sobjects/Account/describe/?")).willReturn(okJson(describe("Account",
                "Id", "Name", "OwnerId", "CreatedDate", "IsDeleted", "SystemModstamp", "Customer_Segment__c",
                "Health_Score__c", "Health_Band__c", "Health_Drivers__c", "Health_Updated__c"))));
        salesforce.stubFor(get(urlPathEqualTo(V + "/queryAll/")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]")));
        salesforce.stubFor(get(urlPathEqualTo(V + "/query/")).willReturn(okJson(page(true, null,
                account(1, "2026-11-01T10:00:00.000+0000")))));

        RunReport report;
        try (HealthsyncApp app = app()) {
            report = app.sync(true, false);
        }

        assertThat(report.pullFailures).isEmpty();
        assertThat(report.accountsPulled).isEqualTo(1);
        assertThat(report.problems).anySatisfy(p -> assertThat(p).contains("does not answer queryAll"));
        assertThat(salesforce.findAll(getRequestedFor(urlPathEqualTo(V + "/query/")))).singleElement()
                .satisfies(q -> assertThat(q.queryParameter("q").firstValue()).doesNotContain("IsDeleted"));
    }
}

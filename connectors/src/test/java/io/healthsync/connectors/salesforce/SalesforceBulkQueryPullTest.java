package io.healthsync.connectors.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pull route's bulk path against WireMock speaking Bulk API 2.0: the exact requests of a query job, results
 * read page by page through Sforce-Locator, and a failed job reported without moving the cursor.
 */
class SalesforceBulkQueryPullTest extends CamelTestSupport {

    private static final String V = "/services/data/v60.0";
    private static final String JOB = "7505e000000QryAAA";
    private static final WireMockServer SALESFORCE = new WireMockServer(options().dynamicPort());
    private static final BulkQueryOptions BULK = new BulkQueryOptions(2, 2,
            new BulkPolling(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5)));

    private final SalesforcePullRoutesTest.RecordingSink sink = new SalesforcePullRoutesTest.RecordingSink();

    /** Stubbed before any Camel context starts: the component logs in at start. */
    @BeforeAll
    static void stubSalesforce() {
        SALESFORCE.start();
        String base = "http://localhost:" + SALESFORCE.port();
        SALESFORCE.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00Dxx!AQtoken\","
                + "\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00D5e000000SBXAEA4/0055e000000SBXBAA4\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"signature\":\"c2ln\"}")));
        SALESFORCE.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
        SALESFORCE.stubFor(get(urlPathMatching(V + "/sobjects/Account/describe/?")).willReturn(okJson("""
                {"name":"Account","fields":[{"name":"Id"},{"name":"Name"},{"name":"IsDeleted"},{"name":"SystemModstamp"}]}""")));
        // the first REST page says how many records there are: 3, above the threshold of 2
        SALESFORCE.stubFor(get(urlPathEqualTo(V + "/queryAll/")).willReturn(okJson("""
                {"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v60.0/query/01gD0000000001AAA-2","records":[]}""")));
        SALESFORCE.stubFor(post(V + "/jobs/query").willReturn(okJson("{\"id\":\"" + JOB + "\",\"operation\":\"queryAll\","
                + "\"object\":\"Account\",\"createdById\":\"0055e000000SBXBAA4\",\"createdDate\":\"2026-11-24T12:00:00.000+0000\","
                + "\"systemModstamp\":\"2026-11-24T12:00:00.000+0000\",\"state\":\"UploadComplete\",\"concurrencyMode\":\"Parallel\","
                + "\"contentType\":\"CSV\",\"apiVersion\":60.0,\"lineEnding\":\"LF\",\"columnDelimiter\":\"COMMA\"}")));
        SALESFORCE.stubFor(get(urlPathEqualTo(V + "/jobs/query/" + JOB + "/results")).withQueryParam("locator", absent())
                .willReturn(csv("\"Id\",\"Name\",\"IsDeleted\",\"SystemModstamp\"\n"
                        + "\"001000000000002AAA\",\"Beta, Inc\",\"false\",\"2026-11-02T10:00:00.000Z\"\n"
                        + "\"001000000000001AAA\",\"Alpha\",\"false\",\"2026-11-01T10:00:00.000Z\"\n", "MjAwMA", 2)));
        SALESFORCE.stubFor(get(urlPathEqualTo(V + "/jobs/query/" + JOB + "/results")).withQueryParam("locator", equalTo("MjAwMA"))
                .willReturn(csv("\"Id\",\"Name\",\"IsDeleted\",\"SystemModstamp\"\n"
                        + "\"001000000000003AAA\",\"Gamma\",\"true\",\"2026-11-01T12:00:00.000Z\"\n", "null", 1)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder csv(String body, String locator, int records) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/csv").withHeader("Sforce-Locator", locator)
                .withHeader("Sforce-NumberOfRecords", String.valueOf(records)).withBody(body);
    }

    private static void jobEnds(String state, String extra) {
        SALESFORCE.stubFor(get(urlPathEqualTo(V + "/jobs/query/" + JOB)).willReturn(okJson("{\"id\":\"" + JOB + "\","
                + "\"operation\":\"queryAll\",\"object\":\"Account\",\"state\":\"" + state + "\",\"jobType\":\"V2Query\","
                + "\"numberRecordsProcessed\":3" + extra + "}")));
    }

    @BeforeEach
    void forgetRequests() {
        SALESFORCE.resetRequests();
    }

    @AfterAll
    static void stopSalesforce() {
        SALESFORCE.stop();
    }

    private static SourcesConfig.Salesforce settings() {
        return new SourcesConfig.Salesforce(true, "0 0/15 * * * ?", "http://localhost:" + SALESFORCE.port(), "60.0",
                new SourcesConfig.Auth("client_credentials", new SecretRef("ID", null), new SecretRef("SECRET", null), null, null, null),
                List.of("Account"), 500, 0, 730);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("salesforce", SalesforceComponentFactory.create(settings(), Map.of("ID", "id", "SECRET", "secret")));
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        FieldMapping fields = new FieldMapping(Map.of(), Map.of(), new FieldMapping.WritebackPolicy(1, 200, 255));
        SalesforcePull pull = new SalesforcePull(settings(), fields, new SalesforceRecordMapper(fields), sink,
                new SalesforceDescribeCache(), Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC),
                ApiBudgetCheck.UNLIMITED, BULK);
        return new RoutesBuilder[] {new SalesforceErrorHandling(1, 10, RetryAfterHint.NONE), new SalesforcePullRoutes(pull)};
    }

    @Test
    void a_first_pull_above_the_threshold_reads_every_results_page_and_stores_the_greatest_cursor_with_the_last() {
        jobEnds("JobComplete", "");

        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        SALESFORCE.verify(1, postRequestedFor(urlPathEqualTo(V + "/jobs/query")).withRequestBody(equalToJson(
                "{\"operation\":\"queryAll\",\"query\":\"SELECT Id, Name, IsDeleted, SystemModstamp FROM Account\","
                        + "\"contentType\":\"CSV\",\"columnDelimiter\":\"COMMA\",\"lineEnding\":\"LF\"}")));
        SALESFORCE.verify(1, getRequestedFor(urlPathEqualTo(V + "/jobs/query/" + JOB + "/results"))
                .withQueryParam("maxRecords", equalTo("2")).withQueryParam("locator", absent()));
        SALESFORCE.verify(1, getRequestedFor(urlPathEqualTo(V + "/jobs/query/" + JOB + "/results"))
                .withQueryParam("maxRecords", equalTo("2")).withQueryParam("locator", equalTo("MjAwMA")));
        SALESFORCE.verify(0, getRequestedFor(urlPathMatching(V + "/query/.+"))); // the REST pages are left unread
        assertThat(report.objects().get("Account").failure).isNull();
        assertThat(report.objects().get("Account").bulkQueryJob).isEqualTo(JOB);
        assertThat(report.records("Account")).isEqualTo(3);
        assertThat(report.objects().get("Account").pages).isEqualTo(2);
        assertThat(report.objects().get("Account").deleted).isEqualTo(1);
        assertThat(sink.pages).hasSize(2);
        assertThat(sink.pages.get(0).cursor()).isNull(); // unordered results: no cursor before the last page
        assertThat(sink.pages.get(0).accounts()).extracting(a -> a.name()).containsExactly("Beta, Inc", "Alpha");
        assertThat(sink.pages.get(1).cursor()).isEqualTo(
                new SalesforceCursor(Instant.parse("2026-11-02T10:00:00Z"), "001000000000002AAA"));
        assertThat(sink.pages.get(1).records()).isEqualTo(3); // the last page's cursor covers the whole job
        assertThat(sink.completed).containsExactly(SalesforceObject.ACCOUNT);
        assertThat(sink.backfills).containsExactly(SalesforceObject.ACCOUNT); // the store may set its indexes aside
        assertThat(sink.pagesWhenBackfillsDone).containsExactly(2); // and builds them once, after the last page
    }

    @Test
    void a_page_that_could_not_be_stored_fails_the_objects_pull_and_no_later_page_or_cursor_is_stored() {
        jobEnds("JobComplete", "");
        sink.failingPage = 1; // stored on its own thread while page 2 is fetched: its failure must still stop the pull

        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        assertThat(report.objects().get("Account").failure).contains("disk full while storing page 1");
        assertThat(sink.pages).isEmpty();
        assertThat(sink.cursors).isEmpty();
        assertThat(sink.completed).isEmpty();
        assertThat(sink.pagesWhenBackfillsDone).containsExactly(0);
    }

    @Test
    void a_last_page_that_could_not_be_stored_leaves_the_object_without_a_cursor_and_incomplete() {
        jobEnds("JobComplete", "");
        sink.failingPage = 2;

        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        assertThat(report.objects().get("Account").failure).contains("disk full while storing page 2");
        assertThat(sink.pages).hasSize(1);
        assertThat(sink.cursors).isEmpty(); // the cursor travels with the last page only
        assertThat(sink.completed).isEmpty();
    }

    @Test
    void a_failed_job_fails_the_objects_pull_naming_the_job_reads_no_results_and_keeps_no_cursor() {
        jobEnds("Failed", ",\"errorMessage\":\"InternalServerError : the query timed out\"");

        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        assertThat(report.objects().get("Account").failure).isEqualTo("BULK_QUERY_FAILED: Bulk API query job " + JOB
                + " for Account ended Failed: InternalServerError : the query timed out");
        SALESFORCE.verify(0, getRequestedFor(urlPathEqualTo(V + "/jobs/query/" + JOB + "/results")));
        assertThat(sink.pages).isEmpty();
        assertThat(sink.cursors).isEmpty();
        assertThat(sink.completed).isEmpty();
        assertThat(sink.pagesWhenBackfillsDone).containsExactly(0); // a failed backfill gets its indexes back too
    }

    @Test
    void a_pull_with_a_cursor_stays_on_rest_however_many_records_changed() {
        jobEnds("JobComplete", "");
        sink.cursors.put(SalesforceObject.ACCOUNT, new SalesforceCursor(Instant.parse("2026-10-01T00:00:00Z"), "001000000000000AAA"));
        SALESFORCE.stubFor(get(urlPathEqualTo(V + "/query/01gD0000000001AAA-2")).willReturn(okJson("""
                {"totalSize":3,"done":true,"records":[]}""")));

        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        SALESFORCE.verify(0, postRequestedFor(urlPathEqualTo(V + "/jobs/query")));
        SALESFORCE.verify(1, getRequestedFor(urlPathEqualTo(V + "/query/01gD0000000001AAA-2")));
        assertThat(report.objects().get("Account").failure).isNull();
        assertThat(report.objects().get("Account").bulkQueryJob).isNull();
        assertThat(sink.completed).containsExactly(SalesforceObject.ACCOUNT);
        assertThat(sink.backfills).isEmpty();
    }
}

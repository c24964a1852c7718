package io.healthsync.connectors.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.mappings.Taxonomy;
import io.healthsync.model.ActivityType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pull route against WireMock speaking Salesforce: exact requests out, every page stored with its cursor. */
class SalesforcePullRoutesTest extends CamelTestSupport {

    private static final String V = "/services/data/v60.0";
    private static final WireMockServer SALESFORCE = new WireMockServer(options().dynamicPort());

    /** An in-memory sink that records what the route stored, page by page. */
    static final class RecordingSink implements SalesforcePageSink {
        final List<PulledPage> pages = new ArrayList<>();
        final Map<SalesforceObject, SalesforceCursor> cursors = new EnumMap<>(SalesforceObject.class);

        @Override
        public Optional<SalesforceCursor> cursor(SalesforceObject object) {
            return Optional.ofNullable(cursors.get(object));
        }

        /** 1-based: storing that page fails, as with a full disk; 0: none fails. */
        int failingPage;

        @Override
        public void store(PulledPage page) {
            if (failingPage == pages.size() + 1) {
                throw new IllegalStateException("disk full while storing page " + failingPage);
            }
            pages.add(page);
            if (page.cursor() != null) {
                cursors.put(page.object(), page.cursor());
            }
        }

        /** Records the sink tells as echoes of our writes, and what it was handed with each page stored. */
        final Set<String> echoIds = new HashSet<>();
        final List<PageEchoes> echoesStored = new ArrayList<>();

        @Override
        public PageEchoes echoes(PulledPage page) {
            Map<String, Map<String, String>> echoes = new HashMap<>();
            page.activities().stream().filter(a -> echoIds.contains(a.sourceId()))
                    .forEach(a -> echoes.put(a.sourceId(), Map.of("Subject", "told")));
            return new PageEchoes(echoes);
        }

        @Override
        public void store(PulledPage page, PageEchoes echoes) {
            store(page);
            echoesStored.add(echoes);
        }

        @Override
        public void markComplete(SalesforceObject object, Instant settledUntil, Instant at) {
            completed.add(object);
        }

        final List<SalesforceObject> completed = new ArrayList<>();
        final List<SalesforceObject> backfills = new ArrayList<>();
        /** How many pages were stored when the pull said its backfills were done, once per time it said so. */
        final List<Integer> pagesWhenBackfillsDone = new ArrayList<>();

        @Override
        public void backfillBegins(SalesforceObject object) {
            backfills.add(object);
        }

        @Override
        public void backfillsDone() {
            pagesWhenBackfillsDone.add(pages.size());
        }
    }

    private final RecordingSink sink = new RecordingSink();

    @BeforeAll
    static void startSalesforce() {
        SALESFORCE.start();
        String base = "http://localhost:" + SALESFORCE.port();
        SALESFORCE.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00Dxx!AQtoken\","
                + "\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00D5e000000SBXAEA4/0055e000000SBXBAA4\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"signature\":\"c2ln\"}")));
        SALESFORCE.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
        SALESFORCE.stubFor(get(urlPathMatching(V + "/sobjects/Task/describe/?")).willReturn(okJson("""
                {"name":"Task","fields":[{"name":"Id"},{"name":"AccountId"},{"name":"Subject"},{"name":"Type"},
                 {"name":"ActivityDate"},{"name":"OwnerId"},{"name":"CreatedDate"},{"name":"IsDeleted"},
                 {"name":"SystemModstamp"}]}""")));
        SALESFORCE.stubFor(get(urlPathEqualTo(V + "/queryAll/")).willReturn(okJson("""
                {"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v60.0/query/01gD0000000001AAA-2",
                 "records":[
                  {"attributes":{"type":"Task"},"Id":"00T000000000001AAA","AccountId":"001000000000001AAA","Subject":"Touch base",
                   "Type":"Call","ActivityDate":"2026-11-01","SystemModstamp":"2026-11-01T10:00:00.000+0000"},
                  {"attributes":{"type":"Task"},"Id":"00T000000000002AAA","AccountId":"001000000000001AAA","Subject":"QBR",
                   "Type":"Meeting","ActivityDate":"2026-11-02","SystemModstamp":"2026-11-01T10:00:00.000+0000"}]}""")
                .withHeader("Sforce-Limit-Info", "api-usage=10/15000")));
        SALESFORCE.stubFor(get(urlPathEqualTo(V + "/query/01gD0000000001AAA-2")).willReturn(okJson("""
                {"totalSize":3,"done":true,"records":[
                  {"attributes":{"type":"Task"},"Id":"00T000000000003AAA","AccountId":"001000000000002AAA","Subject":"misc",
                   "Type":null,"ActivityDate":"2026-11-03","SystemModstamp":"2026-11-02T09:00:00.000+0000"}]}""")));
    }

    @AfterAll
    static void stopSalesforce() {
        SALESFORCE.stop();
    }

    private static SourcesConfig.Salesforce settings() {
        return new SourcesConfig.Salesforce(true, "0 0/15 * * * ?", "http://localhost:" + SALESFORCE.port(), "60.0",
                new SourcesConfig.Auth("client_credentials", new SecretRef("ID", null), new SecretRef("SECRET", null), null, null, null),
                List.of("Task"), 500, 0, 730);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("salesforce", SalesforceComponentFactory.create(settings(), Map.of("ID", "id", "SECRET", "secret")));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        FieldMapping fields = new FieldMapping(Map.of(), Map.of("health_score", "Health_Score__c"),
                new FieldMapping.WritebackPolicy(1, 200, 255));
        SalesforcePull pull = new SalesforcePull(settings(), fields, new SalesforceRecordMapper(fields), sink,
                new SalesforceDescribeCache(), Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC),
                ApiBudgetCheck.UNLIMITED);
        return new SalesforcePullRoutes(pull);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new SalesforceErrorHandling(1, 10, RetryAfterHint.NONE), createRouteBuilder()};
    }

    @Test
    void pulls_every_page_through_nextRecordsUrl_and_stores_each_with_its_cursor() {
        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        assertThat(report.records("Task")).isEqualTo(3);
        assertThat(report.objects().get("Task").pages).isEqualTo(2);
        assertThat(report.objects().get("Task").skippedFields).containsExactly("WhatId", "TaskSubtype",
                "CompletedDateTime", "CallDurationInSeconds", "Healthsync_Key__c");
        assertThat(sink.pages).hasSize(2);
        assertThat(sink.pages.get(0).cursor()).isEqualTo(
                new SalesforceCursor(Instant.parse("2026-11-01T10:00:00Z"), "00T000000000002AAA"));
        assertThat(sink.pages.get(1).activities()).singleElement()
                .satisfies(a -> assertThat(a.type()).isNull()); // classified when scored, with that run's taxonomy
        assertThat(sink.completed).containsExactly(SalesforceObject.TASK);
        SALESFORCE.verify(getRequestedFor(urlPathEqualTo(V + "/queryAll/"))
                .withQueryParam("q", equalTo("SELECT Id, AccountId, Subject, Type, ActivityDate, OwnerId, CreatedDate, "
                        + "IsDeleted, SystemModstamp FROM Task WHERE AccountId != null AND CreatedDate >= 2024-11-24T00:00:00.000Z "
                        + "ORDER BY SystemModstamp ASC, Id ASC"))
                .withHeader("Sforce-Query-Options", equalTo("batchSize=500"))
                .withHeader("Authorization", equalTo("Bearer 00Dxx!AQtoken")));
    }

    @Test
    void each_page_is_stored_with_the_echoes_told_for_it_and_the_report_counts_them() {
        sink.echoIds.addAll(List.of("00T000000000002AAA", "00T000000000003AAA"));

        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        assertThat(sink.echoesStored).hasSize(2);
        assertThat(sink.echoesStored.get(0).ids()).containsExactly("00T000000000002AAA");
        assertThat(sink.echoesStored.get(1).ids()).containsExactly("00T000000000003AAA");
        assertThat(report.objects().get("Task").echoes).isEqualTo(2);
        assertThat(report.records("Task")).as("echoes are records pulled all the same").isEqualTo(3);
    }

    @Test
    void a_page_that_could_not_be_stored_fails_the_objects_pull_and_the_cursor_stays_with_the_last_page_stored() {
        sink.failingPage = 2; // stored behind the route: the route has moved on when it fails

        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        assertThat(report.objects().get("Task").failure).contains("disk full while storing page 2");
        assertThat(sink.pages).hasSize(1);
        assertThat(sink.cursors.get(SalesforceObject.TASK)).isEqualTo(
                new SalesforceCursor(Instant.parse("2026-11-01T10:00:00Z"), "00T000000000002AAA"));
        assertThat(sink.completed).isEmpty();
    }

    @Test
    void a_first_page_that_could_not_be_stored_leaves_no_cursor_and_no_later_page_is_stored() {
        sink.failingPage = 1;

        PullReport report = template.requestBody(SalesforcePullRoutes.PULL, null, PullReport.class);

        assertThat(report.objects().get("Task").failure).contains("disk full while storing page 1");
        assertThat(sink.pages).isEmpty();
        assertThat(sink.cursors).isEmpty();
        assertThat(sink.completed).isEmpty();
    }
}

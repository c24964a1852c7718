package io.healthsync.connectors.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.healthsync.mappings.SourcesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seam's pull loop against a WireMock API: waits as asked, breaks, quarantines, resumes, loses nothing. */
class SourcePullTest {

    /** 3 retries, short backoff, a breaker that opens after 4 failed calls and stays open 1 s. */
    private static final SourcesConfig.Resilience FAST = new SourcesConfig.Resilience(3, 0.05, 10, 50, 4, 1, 100, 1, 5);
    private static final String PAGE_1 = "{\"items\":[{\"id\":\"1\",\"account\":\"001A\",\"at\":\"2026-11-01T10:00:00Z\"},"
            + "{\"id\":\"2\",\"account\":\"001B\",\"at\":\"2026-11-02T10:00:00Z\"}],\"cursor\":\"2\",\"next\":\"2\"}";
    private static final String PAGE_2 = "{\"items\":[{\"id\":\"3\",\"account\":\"001A\",\"at\":\"2026-11-03T10:00:00Z\"}],"
            + "\"cursor\":\"3\",\"next\":null}";

    private WireMockServer api;
    private CamelContext camel;
    private ProducerTemplate http;

    @BeforeEach
    void start() throws Exception {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
        camel = new DefaultCamelContext();
        camel.start();
        http = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        api.stop();
    }

    private void stubPages() {
        api.stubFor(get(urlEqualTo("/feed?after=0")).willReturn(aResponse().withStatus(200).withBody(PAGE_1)));
        api.stubFor(get(urlEqualTo("/feed?after=2")).willReturn(aResponse().withStatus(200).withBody(PAGE_2)));
    }

    private SourcePull pull(String name, SourceCalls calls, MemorySink sink) {
        return new SourcePull(new FeedSource(name, api.baseUrl()), calls, sink, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    private SourceCalls calls(String name) {
        return new SourceCalls(name, FAST, http);
    }

    @Test
    void a_429_with_retry_after_2_waits_at_least_2_seconds_then_reads_every_page() {
        stubPages();
        api.stubFor(get(urlEqualTo("/feed?after=0")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("slow down"))
                .willSetStateTo("served"));
        api.stubFor(get(urlEqualTo("/feed?after=0")).inScenario("limited").whenScenarioStateIs("served")
                .willReturn(aResponse().withStatus(200).withBody(PAGE_1)));
        MemorySink sink = new MemorySink(List.of("001A", "001B"));

        long started = System.nanoTime();
        SourcePullReport report = pull("feed", calls("feed"), sink).pull();
        long waitedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(waitedMs).isGreaterThanOrEqualTo(2000);
        assertThat(report.state).isEqualTo("ok");
        assertThat(report.retries).isEqualTo(1);
        assertThat(report.pages).isEqualTo(2);
        assertThat(sink.activities).hasSize(3);
        assertThat(sink.cursors).containsEntry("feed/feed", "3");
        // the credential went to the API, and nowhere into what the run reports
        api.verify(getRequestedFor(urlPathEqualTo("/feed")).withHeader("Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer secret-token")));
        assertThat(String.valueOf(report.message)).doesNotContain("secret-token");
    }

    @Test
    void a_burst_of_503s_opens_the_breaker_and_a_later_schedule_closes_it() throws Exception {
        api.stubFor(get(urlPathEqualTo("/feed")).willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        MemorySink sink = new MemorySink(List.of("001A", "001B"));
        SourceCalls calls = calls("feed");
        SourcePull pull = pull("feed", calls, sink);

        SourcePullReport first = pull.pull();
        assertThat(first.state).isEqualTo("open-breaker");
        assertThat(first.message).contains("HTTP 503").contains("down for maintenance");
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsAfterFirst = api.getAllServeEvents().size();
        assertThat(callsAfterFirst).isEqualTo(4); // the first try and 3 retries

        SourcePullReport skipped = pull.pull();
        assertThat(skipped.state).isEqualTo("open-breaker");
        assertThat(api.getAllServeEvents()).hasSize(callsAfterFirst); // not even one call while open

        api.resetAll();
        stubPages();
        Thread.sleep(1100); // the breaker's open time (1 s in this test) passes
        SourcePullReport recovered = pull.pull();
        assertThat(recovered.state).isEqualTo("ok");
        assertThat(calls.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(sink.activities).hasSize(3);
        assertThat(sink.breakers.get("feed").state()).isEqualTo("CLOSED");
    }

    @Test
    void one_sources_open_breaker_never_blocks_another() {
        api.stubFor(get(urlPathEqualTo("/feed")).willReturn(aResponse().withStatus(503)));
        WireMockServer healthy = new WireMockServer(wireMockConfig().dynamicPort());
        healthy.start();
        try {
            healthy.stubFor(get(urlEqualTo("/feed?after=0")).willReturn(aResponse().withStatus(200).withBody(PAGE_1)));
            healthy.stubFor(get(urlEqualTo("/feed?after=2")).willReturn(aResponse().withStatus(200).withBody(PAGE_2)));
            MemorySink sink = new MemorySink(List.of("001A", "001B"));
            SourceCalls down = calls("down");
            SourceCalls up = calls("up");

            assertThat(pull("down", down, sink).pull().state).isEqualTo("open-breaker");
            SourcePullReport other = new SourcePull(new FeedSource("up", healthy.baseUrl()), up, sink, Clock.systemUTC(),
                    Duration.ofSeconds(1)).pull();

            assertThat(other.state).isEqualTo("ok");
            assertThat(up.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(sink.activities.keySet()).containsExactlyInAnyOrder("up/1", "up/2", "up/3");
        } finally {
            healthy.stop();
        }
    }

    @Test
    void a_malformed_page_is_quarantined_with_its_cursor_and_the_next_pull_resumes_from_the_last_stored_cursor() {
        api.stubFor(get(urlEqualTo("/feed?after=0")).willReturn(aResponse().withStatus(200).withBody(PAGE_1)));
        api.stubFor(get(urlEqualTo("/feed?after=2")).willReturn(aResponse().withStatus(200)
                .withBody("<html>Bad gateway</html>")));
        MemorySink sink = new MemorySink(List.of("001A", "001B"));
        SourcePull pull = pull("feed", calls("feed"), sink);

        SourcePullReport broken = pull.pull();

        assertThat(broken.state).isEqualTo("failed");
        assertThat(broken.streamsComplete).containsEntry("feed", false);
        assertThat(sink.cursors).containsEntry("feed/feed", "2");
        assertThat(sink.activities).hasSize(2);
        assertThat(sink.quarantined).singleElement().satisfies(q -> {
            assertThat(q.source()).isEqualTo("feed");
            assertThat(q.objectName()).isEqualTo("feed");
            assertThat(q.reason()).contains("not JSON").contains("cursor stays at 2");
            assertThat(q.payload()).isEqualTo("<html>Bad gateway</html>");
        });

        api.stubFor(get(urlEqualTo("/feed?after=2")).willReturn(aResponse().withStatus(200).withBody(PAGE_2)));
        SourcePullReport resumed = pull.pull();

        assertThat(resumed.state).isEqualTo("ok");
        assertThat(resumed.pages).isEqualTo(1); // only the page that failed is read again
        assertThat(sink.activities).hasSize(3);
    }

    @Test
    void a_crash_between_two_pages_then_a_restart_ends_with_the_same_store_as_an_undisturbed_run() {
        stubPages();
        MemorySink undisturbed = new MemorySink(List.of("001A", "001B"));
        pull("feed", calls("feed"), undisturbed).pull();

        MemorySink crashed = new MemorySink(List.of("001A", "001B"));
        crashed.failOnStore = 2;
        SourcePullReport died = pull("feed", calls("feed"), crashed).pull();
        assertThat(died.state).isEqualTo("failed");
        assertThat(died.message).contains("internal error").contains("died");
        assertThat(crashed.cursors).containsEntry("feed/feed", "2"); // page 1 and its cursor made it
        crashed.failOnStore = -1;
        SourcePullReport restarted = pull("feed", calls("feed"), crashed).pull();

        assertThat(restarted.state).isEqualTo("ok");
        assertThat(crashed.activities).isEqualTo(undisturbed.activities);
        assertThat(crashed.cursors).isEqualTo(undisturbed.cursors);
    }

    @Test
    void a_record_of_an_unknown_account_waits_as_unmatched_and_is_matched_once_the_account_exists() {
        stubPages();
        MemorySink sink = new MemorySink(List.of("001A"));

        SourcePullReport first = pull("feed", calls("feed"), sink).pull();

        assertThat(first.unmatched).isEqualTo(1);
        assertThat(sink.activities.keySet()).containsExactlyInAnyOrder("feed/1", "feed/3");
        assertThat(sink.unmatched.values()).singleElement().satisfies(u -> {
            assertThat(u.recordId()).isEqualTo("2");
            assertThat(u.keys()).isEqualTo("crm_id=001B");
        });

        MemorySink later = new MemorySink(List.of("001A", "001B"));
        later.cursors.putAll(sink.cursors);
        later.unmatched.putAll(sink.unmatched);
        api.stubFor(get(urlEqualTo("/feed?after=3")).willReturn(aResponse().withStatus(200)
                .withBody("{\"items\":[],\"cursor\":\"3\",\"next\":null}")));
        SourcePullReport second = pull("feed", calls("feed"), later).pull();

        assertThat(second.rematched).isEqualTo(1);
        assertThat(later.unmatched).isEmpty();
        assertThat(later.activities.get("feed/2").accountId()).isEqualTo("001B");
        assertThat(later.activities.get("feed/2").occurredAt()).hasToString("2026-11-02T10:00:00Z");
    }
    @Test
    void unmatched_records_are_tried_again_only_when_the_accounts_or_links_have_changed_since() {
        stubPages();
        MemorySink sink = new MemorySink(List.of("001A"));
        pull("feed", calls("feed"), sink).pull();
        assertThat(sink.unmatched).hasSize(1);
        api.stubFor(get(urlEqualTo("/feed?after=3")).willReturn(aResponse().withStatus(200)
                .withBody("{\"items\":[],\"cursor\":\"3\",\"next\":null}")));
        int reads = sink.unmatchedReads;

        SourcePullReport same = pull("feed", calls("feed"), sink).pull();
        assertThat(sink.unmatchedReads).as("the same accounts: nothing to try").isEqualTo(reads);
        assertThat(same.rematched).isZero();
        assertThat(sink.unmatched).hasSize(1);

        MemorySink moreAccounts = new MemorySink(List.of("001A", "001B"));
        moreAccounts.cursors.putAll(sink.cursors);
        moreAccounts.unmatched.putAll(sink.unmatched);
        moreAccounts.triedAgainst.putAll(sink.triedAgainst);
        SourcePullReport changed = pull("feed", calls("feed"), moreAccounts).pull();
        assertThat(moreAccounts.unmatchedReads).isEqualTo(1);
        assertThat(changed.rematched).isEqualTo(1);
        assertThat(moreAccounts.unmatched).isEmpty();
    }

    @Test
    void an_index_fingerprint_is_the_same_for_the_same_accounts_and_links_in_any_order_and_differs_otherwise() {
        var a = new AccountIndex.Entry("001A", "acme.com");
        var b = new AccountIndex.Entry("001B", null);
        String fingerprint = new AccountIndex(List.of(a, b), java.util.Map.of("org-1", "001A")).fingerprint();
        assertThat(new AccountIndex(List.of(b, a), java.util.Map.of("org-1", "001A")).fingerprint()).isEqualTo(fingerprint);
        assertThat(new AccountIndex(List.of(a, b), java.util.Map.of()).fingerprint()).isNotEqualTo(fingerprint);
        assertThat(new AccountIndex(List.of(a, b), java.util.Map.of("org-1", "001B")).fingerprint()).isNotEqualTo(fingerprint);
        assertThat(new AccountIndex(List.of(a, new AccountIndex.Entry("001B", "b.com")), java.util.Map.of("org-1", "001A"))
                .fingerprint()).isNotEqualTo(fingerprint);
        assertThat(new AccountIndex(List.of(a), java.util.Map.of("org-1", "001A")).fingerprint()).isNotEqualTo(fingerprint);
    }

    private SourcePull foreseeing(java.util.function.UnaryOperator<String> foresee, MemorySink sink) {
        FeedSource source = new FeedSource("feed", api.baseUrl());
        source.foresee = foresee;
        return new SourcePull(source, calls("feed"), sink, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    private int requestsFor(String url) {
        return api.findAll(getRequestedFor(urlEqualTo(url))).size();
    }

    private static boolean fetchAheadThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().endsWith("-fetch-ahead") && t.isAlive());
    }

    @Test
    void when_the_source_tells_the_next_request_unread_it_is_made_while_the_page_before_is_stored() {
        stubPages();
        MemorySink sink = new MemorySink(List.of("001A", "001B"));
        boolean[] nextAskedDuringFirstStore = new boolean[1];
        sink.beforeStore = n -> {
            if (n == 1) { // page 2's request arrives while page 1 is stored, not after
                long until = System.nanoTime() + 5_000_000_000L;
                while (requestsFor("/feed?after=2") == 0 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                nextAskedDuringFirstStore[0] = requestsFor("/feed?after=2") == 1;
            }
        };

        SourcePullReport report = foreseeing(after -> after.equals("0") ? "2" : null, sink).pull();

        assertThat(nextAskedDuringFirstStore[0]).isTrue();
        assertThat(report.state).isEqualTo("ok");
        assertThat(report.pages).isEqualTo(2);
        assertThat(sink.activities).hasSize(3);
        assertThat(sink.cursors).containsEntry("feed/feed", "3");
        assertThat(requestsFor("/feed?after=0")).isEqualTo(1);
        assertThat(requestsFor("/feed?after=2")).isEqualTo(1); // the early reply is the one mapped: asked once
        assertThat(fetchAheadThreadAlive()).isFalse();
    }

    @Test
    void an_early_request_the_page_does_not_confirm_is_dropped_and_the_page_named_is_read() {
        stubPages();
        api.stubFor(get(urlEqualTo("/feed?after=9")).willReturn(aResponse().withStatus(200).withBody(
                "{\"items\":[{\"id\":\"99\",\"account\":\"001A\",\"at\":\"2026-11-09T10:00:00Z\"}],\"next\":null}")));
        MemorySink sink = new MemorySink(List.of("001A", "001B"));

        SourcePullReport report = foreseeing(after -> after.equals("0") ? "9" : null, sink).pull();

        assertThat(report.state).isEqualTo("ok");
        assertThat(sink.activities.keySet()).containsExactly("feed/1", "feed/2", "feed/3"); // nothing of page 9
        assertThat(requestsFor("/feed?after=9")).isLessThanOrEqualTo(1); // abandoned, perhaps before it went out
        assertThat(requestsFor("/feed?after=2")).isEqualTo(1);
        assertThat(fetchAheadThreadAlive()).isFalse();
    }

    @Test
    void an_early_request_that_fails_stops_the_stream_after_the_page_before_is_stored_with_its_cursor() {
        api.stubFor(get(urlEqualTo("/feed?after=0")).willReturn(aResponse().withStatus(200).withBody(PAGE_1)));
        api.stubFor(get(urlEqualTo("/feed?after=2")).willReturn(aResponse().withStatus(503).withBody("down")));
        MemorySink sink = new MemorySink(List.of("001A", "001B"));

        SourcePullReport report = foreseeing(after -> after.equals("0") ? "2" : null, sink).pull();

        assertThat(report.state).isIn("failed", "open-breaker"); // the 503s open this test's breaker (4 failures)
        assertThat(report.message).contains("feed");
        assertThat(sink.activities).hasSize(2);
        assertThat(sink.cursors).containsEntry("feed/feed", "2"); // the next pull resumes at the page that failed
        assertThat(report.streamsComplete).containsEntry("feed", false);
    }

    @Test
    void a_malformed_page_stops_the_stream_and_the_request_made_ahead_of_it_is_ended_and_dropped() {
        api.stubFor(get(urlEqualTo("/feed?after=0")).willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));
        api.stubFor(get(urlEqualTo("/feed?after=2")).willReturn(aResponse().withStatus(200).withBody(PAGE_2)
                .withFixedDelay(300)));
        MemorySink sink = new MemorySink(List.of("001A", "001B"));

        SourcePullReport report = foreseeing(after -> after.equals("0") ? "2" : null, sink).pull();

        assertThat(report.state).isEqualTo("failed");
        assertThat(sink.activities).isEmpty();
        assertThat(sink.cursors).doesNotContainKey("feed/feed");
        assertThat(sink.quarantined).singleElement().satisfies(q -> assertThat(q.reason()).contains("cursor stays at the start"));
        assertThat(fetchAheadThreadAlive()).isFalse(); // the pull returned only once the early call had ended
    }
}

package io.healthsync.connectors.mixpanel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.healthsync.connectors.analytics.DayWindow;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.mappings.SourcesConfig.HttpSourceConfig;
import io.healthsync.model.AccountKey;
import io.healthsync.model.QuarantinedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class MixpanelSourceTest {

    private static final Instant JUNE_17_MORNING = Instant.parse("2026-06-17T05:00:00Z");
    private static final String USERNAME = "healthsync.a1b2c3.mp-service-account";
    private static final String SECRET = "mp-sa-secret-5e6f7a";
    private static final AccountKey ACME = AccountKey.crmId("001A000000000001");
    private static final AccountKey GLOBEX = AccountKey.crmId("001B000000000002");
    private static final LocalDate JUNE_15 = LocalDate.parse("2026-06-15");
    private static final LocalDate JUNE_16 = LocalDate.parse("2026-06-16");
    private static final Map<String, String> CREDENTIALS = Map.of("username", USERNAME, "secret", SECRET);

    private final MixpanelSource source = new MixpanelSource(config(Map.of("project_id", "2195193")),
            IdentityConfig.defaults(), CREDENTIALS);

    static HttpSourceConfig config(Map<String, String> options) {
        Map<String, List<String>> features = new LinkedHashMap<>();
        features.put("reports", List.of("report_run", "report_exported"));
        features.put("dashboards", List.of("dashboard_viewed"));
        return new HttpSourceConfig("mixpanel", true, "0 30 3 * * ?", null, Map.of(), 0, 30, null, features, options);
    }

    @Test
    void asks_for_whole_days_of_the_project_with_the_service_account() {
        SourceRequest first = source.firstRequest("usage", null, JUNE_17_MORNING);

        assertThat(first.url()).isEqualTo("https://data.mixpanel.com/api/2.0/export?project_id=2195193"
                + "&from_date=2026-05-18&to_date=2026-05-24");
        assertThat(first.headers()).containsEntry("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((USERNAME + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(source.firstRequest("usage", "{\"last_day\":\"2026-06-16\"}", JUNE_17_MORNING))
                .as("yesterday is stored and today is not complete").isNull();
    }

    @Test
    void aggregates_json_lines_and_summarises_the_line_that_is_not_json() throws Exception {
        SourceRequest request = source.firstRequest("usage", "{\"last_day\":\"2026-06-14\"}", JUNE_17_MORNING);
        assertThat(request.url()).endsWith("&from_date=2026-06-14&to_date=2026-06-16");

        SourcePage page = source.map("usage", request, reply(resource("export-2026-06-15_16.jsonl")), JUNE_17_MORNING);

        // hand-computed from the fixture (9 events, 1 broken line, 1 blank line):
        // 001A on 06-15: users u1,u2; sessions u1's $session_id s1, and u2 without $session_id in two clock
        //   hours (09:05 and 09:55 are one, 11:00 another) = 3; reports 3 (run, exported, run); dashboards 1
        // 001B on 06-15: u3, found through $groups, one hour = 1 session; a login only
        // 001A on 06-16: u1, session s7, 1 report; 001B on 06-16: u3, one hour, 1 dashboard view
        assertThat(page.usage()).extracting(Keyed::keys, k -> k.record().day(), k -> k.record().activeUsers(),
                        k -> k.record().sessions(), k -> k.record().featureEvents())
                .containsExactly(
                        tuple(List.of(ACME), JUNE_15, 2, 3, Map.of("reports", 3, "dashboards", 1)),
                        tuple(List.of(GLOBEX), JUNE_15, 1, 1, Map.of("reports", 0, "dashboards", 0)),
                        tuple(List.of(ACME), JUNE_16, 1, 1, Map.of("reports", 1, "dashboards", 0)),
                        tuple(List.of(GLOBEX), JUNE_16, 1, 1, Map.of("reports", 0, "dashboards", 1)));
        assertThat(page.usage()).allSatisfy(k -> assertThat(k.record().source()).isEqualTo("mixpanel"));
        assertThat(page.records()).isEqualTo(10);
        assertThat(page.quarantined()).extracting(QuarantinedRecord::recordId, QuarantinedRecord::objectName)
                .containsExactly(tuple("2026-06-14..2026-06-16/no-account_id", "usage"),
                        tuple("2026-06-14..2026-06-16/unreadable-lines", "usage"));
        assertThat(page.quarantined().get(0).reason()).startsWith("1 events without account_id").contains("page_view");
        assertThat(page.quarantined().get(1).payload())
                .contains("{\\\"event\\\":\\\"report_run\\\",\\\"properties\\\":{\\\"time\\\":17815");
        assertThat(page.cursor()).isEqualTo("{\"last_day\":\"2026-06-16\"}");
        assertThat(page.next()).isNull();
    }

    @Test
    void a_gzipped_body_is_read_the_same() throws Exception {
        SourceRequest request = source.firstRequest("usage", "{\"last_day\":\"2026-06-14\"}", JUNE_17_MORNING);

        SourcePage page = source.map("usage", request, reply(gzip(resource("export-2026-06-15_16.jsonl"))),
                JUNE_17_MORNING);

        assertThat(page.usage()).hasSize(4);
        assertThat(page.records()).isEqualTo(10);
    }

    @Test
    void the_account_may_be_a_domain() throws Exception {
        IdentityConfig byDomain = new IdentityConfig(IdentityConfig.ZENDESK_ORGANIZATION_KEYS,
                IdentityConfig.ZENDESK_TICKET_KEYS, IdentityConfig.STRIPE_CUSTOMER_KEYS, "salesforce_account_id",
                "company_domain", "domain");
        MixpanelSource domains = new MixpanelSource(config(Map.of("project_id", "2195193")), byDomain, CREDENTIALS);

        SourcePage page = domains.map("usage", domains.request(new DayWindow(JUNE_15, JUNE_15)),
                reply(resource("export-by-domain.jsonl")), JUNE_17_MORNING);

        // "https://www.Acme.com/" and "acme.com" are one account; an empty domain is no account
        assertThat(page.usage()).extracting(Keyed::recordId, k -> k.record().activeUsers(), k -> k.record().sessions(),
                        k -> k.record().featureEvents().get("reports"))
                .containsExactly(tuple("domain=acme.com/2026-06-15", 2, 2, 2),
                        tuple("domain=globex.io/2026-06-15", 1, 1, 0));
        assertThat(page.quarantined()).singleElement()
                .satisfies(q -> assertThat(q.reason()).startsWith("1 events without company_domain"));
    }

    @Test
    void events_on_days_outside_the_window_are_reported_not_counted() throws Exception {
        SourcePage page = source.map("usage", source.request(new DayWindow(JUNE_16, JUNE_16)),
                reply(resource("export-2026-06-15_16.jsonl")), JUNE_17_MORNING);

        assertThat(page.usage()).extracting(k -> k.record().day()).containsOnly(JUNE_16);
        assertThat(page.quarantined()).extracting(QuarantinedRecord::recordId).contains(
                "2026-06-16..2026-06-16/outside-window");
        assertThat(page.quarantined()).filteredOn(q -> q.recordId().endsWith("outside-window")).singleElement()
                .satisfies(q -> assertThat(q.reason()).startsWith("6 events on UTC days outside"));
    }

    @Test
    void an_error_object_answered_with_200_is_a_malformed_page() {
        SourceRequest request = source.firstRequest("usage", null, JUNE_17_MORNING);

        assertThatThrownBy(() -> source.map("usage", request, reply(resource("export-error-200.json")), JUNE_17_MORNING))
                .isInstanceOf(MalformedPageException.class)
                .hasMessage("mixpanel export for 2026-05-18..2026-05-24 answered an error: invalid project_id: 99");
    }

    @Test
    void an_empty_body_is_a_window_without_events() throws Exception {
        SourcePage page = source.map("usage", source.firstRequest("usage", null, JUNE_17_MORNING),
                reply(new byte[0]), JUNE_17_MORNING);

        assertThat(page.usage()).isEmpty();
        assertThat(page.cursor()).isEqualTo("{\"last_day\":\"2026-05-24\"}");
        assertThat(page.next().url()).endsWith("&from_date=2026-05-25&to_date=2026-05-31");
    }

    @Test
    void rate_limits_and_authentication_failures_are_errors_for_the_pull_loop() {
        SourceReply rateLimited = new SourceReply(429, Map.of("Retry-After", "120"), new byte[0]);

        assertThat(source.isAnswer(rateLimited)).isFalse();
        assertThat(source.retryAfterMillis(rateLimited)).isEqualTo(120_000);
        assertThat(source.isAnswer(new SourceReply(400, Map.of(), "Unable to authenticate request\n".getBytes())))
                .isFalse();
    }

    @Test
    void a_missing_project_or_credential_is_named_and_no_secret_is_ever_shown() throws Exception {
        SourcePage page = source.map("usage", source.firstRequest("usage", "{\"last_day\":\"2026-06-14\"}",
                JUNE_17_MORNING), reply(resource("export-2026-06-15_16.jsonl")), JUNE_17_MORNING);
        String base64 = Base64.getEncoder().encodeToString((USERNAME + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new MixpanelSource(config(Map.of()), IdentityConfig.defaults(), CREDENTIALS))
                .hasMessageContaining("options.project_id");
        assertThatThrownBy(() -> new MixpanelSource(config(Map.of("project_id", "1")), IdentityConfig.defaults(),
                Map.of("username", USERNAME)))
                .hasMessage("mixpanel: missing credentials secret (sources.yaml: mixpanel.auth names where each "
                        + "comes from)");
        StringBuilder shown = new StringBuilder(source.toString()).append(page.cursor());
        page.quarantined().forEach(q -> shown.append(q.reason()).append(q.payload()));
        try {
            source.map("usage", source.firstRequest("usage", null, JUNE_17_MORNING),
                    reply(resource("export-error-200.json")), JUNE_17_MORNING);
        } catch (MalformedPageException e) {
            shown.append(e.getMessage());
        }
        assertThat(shown.toString()).doesNotContain(USERNAME).doesNotContain(SECRET).doesNotContain(base64);
    }

    @Test
    void an_export_read_as_it_arrives_counts_the_same_as_one_read_whole() throws Exception {
        SourceRequest request = source.firstRequest("usage", "{\"last_day\":\"2026-06-14\"}", JUNE_17_MORNING);
        byte[] export = gzip(resource("export-2026-06-15_16.jsonl"));

        Object read = source.answerReader("usage", request).read(new java.io.ByteArrayInputStream(export));
        SourcePage streamed = source.map("usage", request,
                new SourceReply(200, Map.of(), new byte[0], read), JUNE_17_MORNING);
        SourcePage whole = source.map("usage", request, reply(export), JUNE_17_MORNING);

        assertThat(streamed.usage()).hasSize(4).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(whole.usage());
        assertThat(streamed.records()).isEqualTo(whole.records()).isEqualTo(10);
        assertThat(streamed.quarantined()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(whole.quarantined());
        assertThat(streamed.cursor()).isEqualTo(whole.cursor());
    }

    @Test
    void an_error_object_read_as_it_arrives_is_a_malformed_page() {
        SourceRequest request = source.firstRequest("usage", null, JUNE_17_MORNING);

        assertThatThrownBy(() -> source.answerReader("usage", request)
                .read(new java.io.ByteArrayInputStream(resource("export-error-200.json"))))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("answered an error");
    }

    private static SourceReply reply(byte[] body) {
        return new SourceReply(200, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = MixpanelSourceTest.class.getResourceAsStream("/mixpanel/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

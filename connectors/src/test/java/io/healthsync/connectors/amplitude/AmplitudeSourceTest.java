package io.healthsync.connectors.amplitude;

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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class AmplitudeSourceTest {

    private static final Instant JUNE_17_MORNING = Instant.parse("2026-06-17T05:00:00Z");
    private static final String API_KEY = "amp-api-key-7f3c";
    private static final String SECRET_KEY = "amp-secret-key-91ab";
    private static final AccountKey ACME = AccountKey.crmId("001A000000000001");
    private static final AccountKey GLOBEX = AccountKey.crmId("001B000000000002");
    private static final LocalDate JUNE_15 = LocalDate.parse("2026-06-15");
    private static final LocalDate JUNE_16 = LocalDate.parse("2026-06-16");

    private final AmplitudeSource source = new AmplitudeSource(config("https://amplitude.example/", 30),
            IdentityConfig.defaults(), Map.of("api_key", API_KEY, "secret_key", SECRET_KEY));

    static HttpSourceConfig config(String baseUrl, int historyDays) {
        Map<String, List<String>> features = new LinkedHashMap<>();
        features.put("reports", List.of("report_run", "report_exported"));
        features.put("dashboards", List.of("dashboard_viewed"));
        return new HttpSourceConfig("amplitude", true, "0 30 3 * * ?", baseUrl, Map.of(), 0, historyDays, null,
                features, Map.of());
    }

    @Test
    void first_pull_asks_for_whole_utc_days_from_history_days_ago_with_basic_auth() {
        SourceRequest request = source.firstRequest("usage", null, JUNE_17_MORNING);

        // one day first: the windows after it are sized by the bytes a day came as
        assertThat(request.url()).isEqualTo("https://amplitude.example/api/2/export?start=20260518T00&end=20260518T23");
        assertThat(request.headers()).containsEntry("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((API_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8)));
        assertThat(source.streams()).containsExactly("usage");
        assertThat(source.name()).isEqualTo("amplitude");
    }

    @Test
    void the_next_window_holds_as_many_days_as_keep_it_near_32_mb_at_most_twice_as_many_and_a_week() throws Exception {
        assertThat(AmplitudeSource.daysFor(0, 1)).isEqualTo(2); // a day without data: twice as many next
        assertThat(AmplitudeSource.daysFor(0, 4)).isEqualTo(7); // never more than a week
        assertThat(AmplitudeSource.daysFor(3_840_000, 2)).isEqualTo(4); // 10,000 accounts' days (15,000 events)
        assertThat(AmplitudeSource.daysFor(5_000_000, 1)).as("a quiet day").isEqualTo(2);
        assertThat(AmplitudeSource.daysFor(40_000_000, 3)).isEqualTo(2);
        assertThat(AmplitudeSource.daysFor(25_000_000, 1)).isEqualTo(1); // 100,000 accounts' weekday
        assertThat(AmplitudeSource.daysFor(700_000_000, 7)).isEqualTo(1);

        // the fixture's three days hold 11 events: the next window is twice as long
        SourceRequest request = source.request(new DayWindow(JUNE_15.minusDays(1), JUNE_16));
        SourcePage page = source.map("usage", request, new SourceReply(200, Map.of(), exportZip()),
                Instant.parse("2026-07-30T05:00:00Z"));
        assertThat(page.next().url()).endsWith("/api/2/export?start=20260617T00&end=20260622T23");
    }

    @Test
    void the_next_window_is_told_from_the_replys_bytes_before_it_is_read_and_map_names_the_same() throws Exception {
        Instant now = Instant.parse("2026-07-30T05:00:00Z");
        SourceRequest request = source.request(new DayWindow(JUNE_15, JUNE_16));
        SourceReply small = new SourceReply(200, Map.of(), exportZip());
        byte[] weekday = new byte[25_000_000]; // a large company's day: one day next (not read, so any bytes)
        SourceRequest oneDay = source.request(new DayWindow(JUNE_15, JUNE_15));

        assertThat(source.nextBeforeMapping("usage", request, small, now))
                .isEqualTo(source.map("usage", request, small, now).next());
        assertThat(source.nextBeforeMapping("usage", request, small, now).url()).endsWith("start=20260617T00&end=20260620T23");
        assertThat(source.nextBeforeMapping("usage", oneDay, new SourceReply(200, Map.of(), weekday), now).url())
                .endsWith("start=20260616T00&end=20260616T23");
        SourceReply noData = new SourceReply(404, Map.of(), resource("export-404-no-data.json"));
        assertThat(source.nextBeforeMapping("usage", oneDay, noData, now))
                .isEqualTo(source.map("usage", oneDay, noData, now).next());
        // the last window: nothing follows; a window over the 4 GB limit: map splits it, nothing is told ahead
        SourceRequest last = source.request(new DayWindow(LocalDate.parse("2026-07-28"), LocalDate.parse("2026-07-29")));
        assertThat(source.nextBeforeMapping("usage", last, small, now)).isNull();
        assertThat(source.nextBeforeMapping("usage", request, new SourceReply(400, Map.of(),
                "Raw data response is too large (exceeds 4GB)".getBytes(StandardCharsets.UTF_8)), now)).isNull();
    }

    @Test
    void aggregates_a_zip_of_gzipped_hourly_files_into_one_row_per_account_and_day() throws Exception {
        SourceRequest request = source.firstRequest("usage", "{\"last_day\":\"2026-06-14\"}", JUNE_17_MORNING);
        assertThat(request.url()).endsWith("/api/2/export?start=20260614T00&end=20260616T23");

        SourcePage page = source.map("usage", request, new SourceReply(200, Map.of("Content-Type", "application/zip"),
                exportZip()), JUNE_17_MORNING);

        // hand-computed from the three fixture files (11 events):
        // 001A on 06-15: users u1,u2; sessions d1#..000, d2#..600, d1#..2000 (a second session of u1);
        //   report_run x2 + report_exported = 3 reports; dashboard_viewed = 1
        // 001B on 06-15: u3 (account in user_properties) and device d4 (no user id, account in
        //   event_properties, session -1 = none): 2 users, 1 session, 1 report
        // 001A on 06-16: u2, one session, 1 report; 001B on 06-16: u3, one session, 2 dashboard views
        assertThat(page.usage()).extracting(Keyed::keys, k -> k.record().day(), k -> k.record().activeUsers(),
                        k -> k.record().sessions(), k -> k.record().featureEvents())
                .containsExactly(
                        tuple(List.of(ACME), JUNE_15, 2, 3, Map.of("reports", 3, "dashboards", 1)),
                        tuple(List.of(GLOBEX), JUNE_15, 2, 1, Map.of("reports", 1, "dashboards", 0)),
                        tuple(List.of(ACME), JUNE_16, 1, 1, Map.of("reports", 1, "dashboards", 0)),
                        tuple(List.of(GLOBEX), JUNE_16, 1, 1, Map.of("reports", 0, "dashboards", 2)));
        assertThat(page.usage()).allSatisfy(k -> assertThat(k.record().source()).isEqualTo("amplitude"));
        assertThat(page.records()).isEqualTo(11);
        assertThat(page.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.recordId()).isEqualTo("2026-06-14..2026-06-16/no-account_id");
            assertThat(q.reason()).startsWith("2 events without account_id").contains("page_view, login");
        });
        assertThat(page.cursor()).isEqualTo("{\"last_day\":\"2026-06-16\"}");
        assertThat(page.next()).isNull();
    }

    @Test
    void a_window_without_data_is_an_empty_page_and_the_pull_moves_on() throws Exception {
        SourceRequest request = source.firstRequest("usage", null, JUNE_17_MORNING);
        SourceReply noData = new SourceReply(404, Map.of("Content-Type", "application/json"),
                resource("export-404-no-data.json"));

        assertThat(source.isAnswer(noData)).isTrue();
        SourcePage page = source.map("usage", request, noData, JUNE_17_MORNING);

        assertThat(page.usage()).isEmpty();
        assertThat(page.quarantined()).isEmpty();
        assertThat(page.records()).isZero();
        assertThat(page.cursor()).isEqualTo("{\"last_day\":\"2026-05-18\"}");
        assertThat(page.next().url()).endsWith("?start=20260519T00&end=20260520T23"); // no events: twice the days next
    }

    @Test
    void an_empty_zip_is_an_empty_page_too() throws Exception {
        SourcePage page = source.map("usage", source.firstRequest("usage", "{\"last_day\":\"2026-06-15\"}",
                JUNE_17_MORNING), new SourceReply(200, Map.of(), zip(Map.of())), JUNE_17_MORNING);

        assertThat(page.usage()).isEmpty();
        assertThat(page.cursor()).isEqualTo("{\"last_day\":\"2026-06-16\"}");
    }

    @Test
    void other_404s_and_400s_stay_errors_for_the_pull_loop() {
        assertThat(source.isAnswer(new SourceReply(404, Map.of(), "<html>Not Found</html>".getBytes()))).isFalse();
        assertThat(source.isAnswer(new SourceReply(400, Map.of(), "Invalid start time".getBytes()))).isFalse();
        assertThat(source.isAnswer(new SourceReply(401, Map.of(), "Invalid API key".getBytes()))).isFalse();
    }

    @Test
    void an_answer_over_4_gb_splits_the_window_in_halves_down_to_one_day() throws Exception {
        SourceReply tooLarge = new SourceReply(400, Map.of(), "Request exceeds the 4GB export size limit".getBytes());
        SourceRequest week = source.firstRequest("usage", "{\"last_day\":\"2026-06-10\"}", JUNE_17_MORNING);

        assertThat(source.isAnswer(tooLarge)).isTrue();
        SourcePage page = source.map("usage", week, tooLarge, JUNE_17_MORNING);

        assertThat(page.usage()).isEmpty();
        assertThat(page.cursor()).as("the cursor stays where it was").isNull();
        assertThat(page.next().url()).endsWith("?start=20260610T00&end=20260612T23");

        SourceRequest oneDay = source.request(new DayWindow(JUNE_15, JUNE_15));
        assertThatThrownBy(() -> source.map("usage", oneDay, tooLarge, JUNE_17_MORNING))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("2026-06-15..2026-06-15")
                .hasMessageContaining("S3 export");
    }

    @Test
    void a_body_that_is_not_a_zip_or_a_damaged_archive_is_a_malformed_page() throws Exception {
        SourceRequest request = source.firstRequest("usage", null, JUNE_17_MORNING);
        byte[] damagedGzip = zip(Map.of("6402/6402_2026-05-18_0#0.json.gz", "not gzip at all".getBytes()));

        assertThatThrownBy(() -> source.map("usage", request,
                new SourceReply(200, Map.of(), "{\"error\":\"internal\"}".getBytes()), JUNE_17_MORNING))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("not a zip archive: {\"error\":\"internal\"}");
        assertThatThrownBy(() -> source.map("usage", request, new SourceReply(200, Map.of(), damagedGzip),
                JUNE_17_MORNING))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("damaged archive at 6402/6402_2026-05-18_0#0.json.gz");
    }

    @Test
    void a_line_that_is_not_an_event_is_summarised_and_the_rest_counts() throws Exception {
        byte[] body = zip(Map.of("6402/6402_2026-06-16_10#0.json.gz", gzip(concat(
                resource("export-2026-06-16_10.jsonl"), "{\"event_type\":\"report_run\",\"server_upl\n".getBytes()))));

        SourcePage page = source.map("usage", source.request(new DayWindow(JUNE_16, JUNE_16)),
                new SourceReply(200, Map.of(), body), JUNE_17_MORNING);

        assertThat(page.usage()).hasSize(2);
        assertThat(page.records()).isEqualTo(5);
        assertThat(page.quarantined()).extracting(QuarantinedRecord::recordId)
                .containsExactly("2026-06-16..2026-06-16/no-account_id", "2026-06-16..2026-06-16/unreadable-lines");
    }

    @Test
    void line_ends_blank_lines_a_last_line_without_an_end_and_a_line_longer_than_the_read_buffer_count_the_same()
            throws Exception {
        SourceRequest request = source.request(new DayWindow(JUNE_15, JUNE_16));
        SourcePage plain = source.map("usage", request, new SourceReply(200, Map.of(), exportZip()), JUNE_17_MORNING);

        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String hour : List.of("2026-06-15_09", "2026-06-15_14", "2026-06-16_10")) {
            String lines = new String(resource("export-" + hour + ".jsonl"), StandardCharsets.UTF_8).strip();
            // the first event carries a 200,000-character property: its line outgrows a 64 KB read buffer
            lines = "{\"notes\":\"" + "x".repeat(200_000) + "\"," + lines.substring(1);
            entries.put("6402/6402_" + hour.replace("_0", "_") + "#0.json.gz",
                    gzip(("\n  \n" + lines.replace("\n", "\r\n\r\n")).getBytes(StandardCharsets.UTF_8)));
        }
        SourcePage varied = source.map("usage", request, new SourceReply(200, Map.of(), zip(entries)), JUNE_17_MORNING);

        assertThat(varied.usage()).isEqualTo(plain.usage()).hasSize(4);
        assertThat(varied.records()).isEqualTo(plain.records()).isEqualTo(11);
        assertThat(varied.quarantined()).isEqualTo(plain.quarantined());
    }

    @Test
    void a_rate_limited_reply_waits_as_retry_after_says() {
        assertThat(source.retryAfterMillis(new SourceReply(429, Map.of("Retry-After", "30"), new byte[0])))
                .isEqualTo(30_000);
    }

    @Test
    void credentials_never_show_in_messages_cursors_or_descriptions() throws Exception {
        SourceRequest request = source.firstRequest("usage", "{\"last_day\":\"2026-06-14\"}", JUNE_17_MORNING);
        SourcePage page = source.map("usage", request, new SourceReply(200, Map.of(), exportZip()), JUNE_17_MORNING);
        String base64 = Base64.getEncoder().encodeToString((API_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8));

        StringBuilder shown = new StringBuilder(source.toString()).append(request.describe()).append(page.cursor());
        page.quarantined().forEach(q -> shown.append(q.reason()).append(q.payload()));
        shown.append(messageOf(() -> source.map("usage", request,
                new SourceReply(200, Map.of(), "oops".getBytes()), JUNE_17_MORNING)));
        shown.append(messageOf(() -> new AmplitudeSource(config(null, 30), IdentityConfig.defaults(),
                Map.of("api_key", API_KEY))));

        assertThat(shown.toString()).doesNotContain(API_KEY).doesNotContain(SECRET_KEY).doesNotContain(base64)
                .contains("missing credentials secret_key");
    }

    @Test
    void the_default_base_url_is_amplitudes_own() {
        AmplitudeSource defaults = new AmplitudeSource(config(null, 30), IdentityConfig.defaults(),
                Map.of("api_key", API_KEY, "secret_key", SECRET_KEY));

        assertThat(defaults.firstRequest("usage", null, JUNE_17_MORNING).url())
                .startsWith("https://amplitude.com/api/2/export?");
    }

    // ---- fixtures: the export's shape, a zip of <app>/<app>_<day>_<hour>#0.json.gz files ------------------

    private static byte[] exportZip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("6402/6402_2026-06-15_9#0.json.gz", gzip(resource("export-2026-06-15_09.jsonl")));
        entries.put("6402/6402_2026-06-15_14#0.json.gz", gzip(resource("export-2026-06-15_14.jsonl")));
        entries.put("6402/6402_2026-06-16_10#0.json.gz", gzip(resource("export-2026-06-16_10.jsonl")));
        return zip(entries);
    }

    static byte[] resource(String name) {
        try (InputStream in = AmplitudeSourceTest.class.getResourceAsStream("/amplitude/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("6402/"));
            zip.closeEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String messageOf(ThrowingCall call) {
        try {
            call.run();
            return "";
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}

package io.healthsync.sandbox.amplitude;

import static io.healthsync.sandbox.SourceSandboxFixture.JSON;
import static io.healthsync.sandbox.SourceSandboxFixture.get;
import static io.healthsync.sandbox.SourceSandboxFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.sandbox.SourceSandboxFixture;
import io.healthsync.sandbox.SourceSandboxOptions;
import io.healthsync.sandbox.company.AccountHistory;
import io.healthsync.sandbox.company.Feature;
import io.healthsync.sandbox.http.BasicAuth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AmplitudeSandboxTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static SourceSandboxFixture fixture;
    private static String base;
    private static String auth;

    @BeforeAll
    static void start() {
        fixture = SourceSandboxFixture.start(200, SourceSandboxOptions.defaults());
        base = fixture.sources.baseUrl("amplitude");
        Map<String, String> credentials = fixture.sources.credentials("amplitude");
        auth = BasicAuth.header(credentials.get("api_key"), credentials.get("secret_key"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void an_event_time_reads_as_the_formatter_writes_it() {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'000'");
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<Long> instants = new ArrayList<>(List.of(0L, -1L, 86_399_999L, 1_767_225_599_999L, 1_772_323_200_000L,
                -62_135_596_800_000L, 253_402_300_799_999L));
        for (int i = 0; i < 20_000; i++) {
            instants.add(random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L));
        }
        for (long millis : instants) {
            assertThat(AmplitudeApi.eventTime(millis)).as("%d", millis)
                    .isEqualTo(formatter.format(java.time.Instant.ofEpochMilli(millis).atZone(java.time.ZoneOffset.UTC)));
        }
    }

    @Test
    void a_day_exports_as_a_zip_of_hourly_gzipped_json_lines_that_add_up_to_the_company_usage() throws IOException {
        LocalDate day = fixture.sources.company().today().minusDays(3);
        HttpResponse<byte[]> response = get(base + "/api/2/export?start=" + DAY.format(day) + "T00&end="
                + DAY.format(day) + "T23", auth);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");

        List<String> names = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                byte[] gz = zip.readAllBytes();
                String lines = new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
                        StandardCharsets.UTF_8);
                for (String line : lines.split("\n")) {
                    events.add(JSON.readTree(line));
                }
            }
        }
        assertThat(names).allMatch(name -> name.matches("463921/463921_" + day + "_\\d{1,2}#0\\.json\\.gz"));
        assertThat(events).allMatch(e -> e.path("event_time").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));

        // per account: distinct users, distinct sessions and feature events = the company's aggregates,
        // less the events served without their account
        Map<String, Set<String>> users = new HashMap<>();
        Map<String, Set<Long>> sessions = new HashMap<>();
        Map<String, Integer> counted = new HashMap<>();
        int withoutAccount = 0;
        for (JsonNode event : events) {
            JsonNode group = event.path("groups").path("account_id");
            if (group.isMissingNode()) {
                withoutAccount++;
                continue;
            }
            String account = group.get(0).asText();
            users.computeIfAbsent(account, a -> new HashSet<>()).add(event.path("user_id").asText());
            sessions.computeIfAbsent(account, a -> new HashSet<>()).add(event.path("session_id").asLong());
            counted.merge(account, 1, Integer::sum);
            assertThat(event.path("user_properties").path("account_id").asText()).isEqualTo(account);
        }
        int index = fixture.sources.company().window().index(day);
        int expectedEvents = 0;
        int accountsWithEvents = 0;
        for (AccountHistory history : fixture.sources.company().crmAccounts()) {
            int expected = history.usage().events(index);
            expectedEvents += expected;
            if (expected > 0) {
                accountsWithEvents++;
                String id = history.account().crmId();
                assertThat(counted.getOrDefault(id, 0)).isBetween(expected - 3, expected);
                assertThat(users.getOrDefault(id, Set.of()).size()).isLessThanOrEqualTo(history.usage().activeUsers(index));
                assertThat(sessions.getOrDefault(id, Set.of()).size()).isLessThanOrEqualTo(history.usage().sessions(index));
            }
        }
        assertThat(accountsWithEvents).isGreaterThan(50);
        assertThat(events).hasSize(expectedEvents);
        assertThat(withoutAccount).isLessThan(Math.max(5, expectedEvents / 50));
        Set<String> types = new HashSet<>();
        events.forEach(e -> types.add(e.path("event_type").asText()));
        List<String> known = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            known.addAll(feature.events());
        }
        assertThat(known).containsAll(types);
    }

    @Test
    void a_window_without_data_is_404_raw_data_files_were_not_found() {
        LocalDate future = fixture.sources.company().today().plusDays(10);
        HttpResponse<byte[]> response = get(base + "/api/2/export?start=" + DAY.format(future) + "T00&end="
                + DAY.format(future) + "T05", auth);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("metadata").path("details").asText())
                .isEqualTo("Raw data files were not found.");
    }

    @Test
    void a_malformed_window_is_400_and_missing_credentials_401() {
        assertThat(get(base + "/api/2/export?start=2026-01-01&end=20260102T00", auth).statusCode()).isEqualTo(400);
        assertThat(get(base + "/api/2/export?start=20260101T00&end=20260101T05", null).statusCode()).isEqualTo(401);
        assertThat(get(base + "/api/2/export?start=20260101T00&end=20260101T05",
                BasicAuth.header("amp-demo-key-7d41c0e5", "wrong")).statusCode()).isEqualTo(401);
    }

    @Test
    void the_same_hour_exports_the_same_events_twice() {
        LocalDate day = fixture.sources.company().today().minusDays(10);
        String url = base + "/api/2/export?start=" + DAY.format(day) + "T14&end=" + DAY.format(day) + "T15";
        assertThat(get(url, auth).body()).isEqualTo(get(url, auth).body());
    }
}

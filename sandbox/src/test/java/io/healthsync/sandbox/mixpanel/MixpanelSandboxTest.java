package io.healthsync.sandbox.mixpanel;

import static io.healthsync.sandbox.SourceSandboxFixture.JSON;
import static io.healthsync.sandbox.SourceSandboxFixture.get;
import static io.healthsync.sandbox.SourceSandboxFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.sandbox.SourceSandboxFixture;
import io.healthsync.sandbox.SourceSandboxOptions;
import io.healthsync.sandbox.company.AccountHistory;
import io.healthsync.sandbox.http.BasicAuth;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MixpanelSandboxTest {

    private static SourceSandboxFixture fixture;
    private static String base;
    private static String auth;

    @BeforeAll
    static void start() {
        // no per-second allowance here: these tests query back to back; the last test checks the allowance
        fixture = SourceSandboxFixture.start(150, SourceSandboxOptions.defaults().withMixpanelQueriesPerSecond(0));
        base = fixture.sources.baseUrl("mixpanel");
        Map<String, String> credentials = fixture.sources.credentials("mixpanel");
        auth = BasicAuth.header(credentials.get("username"), credentials.get("secret"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String export(LocalDate from, LocalDate to) {
        return base + "/api/2.0/export?project_id=3141592&from_date=" + from + "&to_date=" + to;
    }

    @Test
    void two_days_export_as_json_lines_that_each_parse_with_time_distinct_id_insert_id_and_account() throws IOException {
        LocalDate to = fixture.sources.company().today().minusDays(1);
        LocalDate from = to.minusDays(1);
        HttpResponse<byte[]> response = get(export(from, to), auth);
        assertThat(response.statusCode()).isEqualTo(200);
        String[] lines = new String(response.body(), StandardCharsets.UTF_8).split("\n");
        int expected = 0;
        for (AccountHistory history : fixture.sources.company().crmAccounts()) {
            expected += history.usage().events(fixture.sources.company().window().index(from))
                    + history.usage().events(fixture.sources.company().window().index(to));
        }
        assertThat(lines).hasSize(expected);
        int withAccount = 0;
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            JsonNode properties = event.path("properties");
            assertThat(event.path("event").asText()).isNotEmpty();
            LocalDate day = Instant.ofEpochSecond(properties.path("time").asLong()).atZone(ZoneOffset.UTC).toLocalDate();
            assertThat(day).isBetween(from, to);
            assertThat(properties.path("distinct_id").asText()).startsWith("u-");
            assertThat(properties.path("$insert_id").asText()).isNotEmpty();
            withAccount += properties.has("account_id") ? 1 : 0;
        }
        assertThat(withAccount).isGreaterThan(lines.length * 95 / 100);
    }

    @Test
    void bad_dates_are_a_400_with_a_json_error() {
        HttpResponse<byte[]> response = get(base + "/api/2.0/export?project_id=3141592&from_date=2026-13-01&to_date=2026-01-02", auth);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("from_date");
        assertThat(get(base + "/api/2.0/export?from_date=2026-01-01&to_date=2026-01-02", auth).statusCode())
                .isEqualTo(400);
    }

    @Test
    void requests_without_the_service_account_are_refused() {
        LocalDate day = fixture.sources.company().today().minusDays(2);
        assertThat(get(export(day, day), null).statusCode()).isEqualTo(401);
        assertThat(get(export(day, day), BasicAuth.header("someone", "else")).statusCode()).isEqualTo(401);
    }

    @Test
    void a_fourth_query_within_a_second_is_a_429_with_retry_after() {
        Clock frozen = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
        try (SourceSandboxFixture limited = SourceSandboxFixture.start(20, SourceSandboxOptions.defaults(), frozen)) {
            String url = limited.sources.baseUrl("mixpanel") + "/api/2.0/export?project_id=3141592&from_date="
                    + limited.sources.company().today().minusDays(1) + "&to_date=" + limited.sources.company().today().minusDays(1);
            for (int i = 0; i < 3; i++) {
                assertThat(get(url, auth).statusCode()).isEqualTo(200);
            }
            HttpResponse<byte[]> fourth = get(url, auth);
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(fourth.headers().firstValue("Retry-After")).contains("1");
        }
    }
}

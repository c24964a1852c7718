package io.healthsync.sandbox.amplitude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.sandbox.company.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode written(UsageEvent event) throws Exception {
        ExportLine line = new ExportLine();
        AmplitudeApi.write(line, event);
        return JSON.readTree(new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8));
    }

    private static UsageEvent event(String accountId, String plan) {
        return new UsageEvent(accountId, "u-44b67aeb23", "082eeeac-eb32-4083-adae-e6f07b1d900f", 1_795_773_358_869L,
                Instant.parse("2026-11-27T10:00:02.659Z"), "report_run", "reports",
                "038deb22-95ab-47f9-a000-01a21a4d4016", plan);
    }

    @Test
    void a_line_holds_every_field_of_an_amplitude_export_event_in_its_order() throws Exception {
        JsonNode line = written(event("0015e000003R4NFAA0", "enterprise_yearly"));

        List<String> fields = new ArrayList<>();
        line.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("$insert_id", "amplitude_id", "app", "client_event_time", "client_upload_time",
                "data_type", "device_id", "event_time", "event_type", "event_properties", "groups", "group_properties",
                "library", "platform", "processed_time", "server_received_time", "server_upload_time", "session_id",
                "user_id", "user_properties", "uuid");
        assertThat(line.path("event_time").asText()).isEqualTo("2026-11-27 10:00:02.659000");
        assertThat(line.path("server_upload_time").asText()).isEqualTo("2026-11-27 10:00:03.509000");
        assertThat(line.path("app").asLong()).isEqualTo(AmplitudeApi.PROJECT_ID);
        assertThat(line.path("session_id").asLong()).isEqualTo(1_795_773_358_869L);
        assertThat(line.path("amplitude_id").isIntegralNumber()).isTrue();
        assertThat(line.path("event_properties").toString()).isEqualTo("{\"feature\":\"reports\"}");
        assertThat(line.path("groups").toString()).isEqualTo("{\"account_id\":[\"0015e000003R4NFAA0\"]}");
        assertThat(line.path("group_properties").toString()).isEqualTo("{}");
        assertThat(line.path("user_properties").toString())
                .isEqualTo("{\"account_id\":\"0015e000003R4NFAA0\",\"plan\":\"enterprise_yearly\"}");
        assertThat(line.path("uuid").asText()).isEqualTo(line.path("$insert_id").asText());
    }

    @Test
    void an_event_that_lost_its_account_has_empty_groups_and_no_account_property() throws Exception {
        JsonNode line = written(event(null, "starter_monthly"));

        assertThat(line.path("groups").toString()).isEqualTo("{}");
        assertThat(line.path("user_properties").toString()).isEqualTo("{\"plan\":\"starter_monthly\"}");
    }

    @Test
    void a_value_that_is_not_plain_ascii_is_escaped_and_encoded_as_json_requires() throws Exception {
        String plan = "pro \"max\" \\ été\n\t✓";

        JsonNode line = written(event("001A", plan));

        assertThat(line.path("user_properties").path("plan").asText()).isEqualTo(plan);
        assertThat(line.path("uuid").asText()).isEqualTo("038deb22-95ab-47f9-a000-01a21a4d4016"); // the fields after it intact
    }

    @Test
    void a_line_longer_than_the_buffer_grows_it_and_the_next_line_starts_afresh() throws Exception {
        ExportLine line = new ExportLine();
        AmplitudeApi.write(line, event("001A", "x".repeat(5_000)));
        AmplitudeApi.write(line, event("001B", "short"));

        JsonNode second = JSON.readTree(new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8));
        assertThat(second.path("user_properties").path("account_id").asText()).isEqualTo("001B");
        assertThat(second.path("user_properties").path("plan").asText()).isEqualTo("short");
    }
}

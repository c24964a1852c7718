package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `healthsync attribution --journeys FILE.csv`: an export with a planted effect (webinars raise renewal, a
 * check-in on every journey does nothing) and one bad row: the report's JSON has the keys, ranks the
 * webinar first, the HTML, JSON and CSV are written, and the bad row is reported by line (exit 3).
 */
class AttributionCommandTest {

    @TempDir
    Path dir;

    @Test
    void a_csv_export_gives_the_report_with_its_keys_and_the_bad_row_reported() throws Exception {
        Path csv = dir.resolve("touchpoints.csv");
        StringBuilder text = new StringBuilder("account_id,timestamp,touchpoint,outcome,outcome_date,revenue,segment\n");
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 400; i++) {
            LocalDate renewal = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(300));
            boolean webinar = random.nextBoolean();
            boolean renewed = random.nextDouble() < (webinar ? 0.85 : 0.45);
            String outcome = renewed ? "renewed" : "churned";
            String segment = i % 2 == 0 ? "Enterprise" : "SMB";
            text.append(String.format("a%d,%sT10:00:00Z,Check-in,%s,%s,10000,%s%n", i, renewal.minusDays(5), outcome, renewal, segment));
            if (webinar) {
                text.append(String.format("a%d,%sT10:00:00Z,Webinar,%s,%s,10000,%s%n", i, renewal.minusDays(90), outcome, renewal, segment));
            }
        }
        text.append("a999,2025-02-01T10:00:00Z,Webinar,renewd,2025-03-01,10000,SMB\n");
        Files.writeString(csv, text);

        CliRun run = CliRun.of("attribution", "--journeys", csv.toString(), "--out", dir.resolve("out").toString(), "--json");

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.errors()).contains("touchpoints.csv:", "outcome \"renewd\" is not an outcome", "1 of ");
        JsonNode json = new ObjectMapper().readTree(run.output());
        assertThat(json.fieldNames()).toIterable().contains("outcome", "journeys", "primary", "models", "touchpoints",
                "pairs", "segments", "recommendations");
        assertThat(json.get("journeys").asInt()).isEqualTo(400);
        assertThat(json.get("models").fieldNames()).toIterable().containsExactly("last_touch", "first_touch", "linear",
                "time_decay", "u_shaped", "shapley", "markov");
        JsonNode first = json.get("touchpoints").get(0);
        assertThat(first.get("touchpoint").asText()).isEqualTo("webinar");
        assertThat(first.fieldNames()).toIterable().contains("touchpoint", "credit", "ci_low", "ci_high",
                "attributed_revenue", "cost", "roi");
        assertThat(json.get("models").get("last_touch").get("check_in").asDouble()).isGreaterThan(0.9);
        assertThat(json.get("segments")).hasSize(2);
        assertThat(dir.resolve("out/attribution-renewed.html")).exists();
        assertThat(dir.resolve("out/attribution-renewed.json")).exists();
        assertThat(dir.resolve("out/attribution-renewed.csv")).exists();
    }

    @Test
    void an_unknown_outcome_is_a_usage_error_in_the_options_words() {
        CliRun run = CliRun.of("attribution", "--outcome", "renewal", "--data-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).contains("--outcome renewal is not an outcome: give renewed, expanded, churned or contracted");
    }
}

package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `healthsync plan` as a user runs it against the sandbox: the CSV has one row per planned account in
 * the documented order, filters narrow what is shown but not the plan, and once applied the next plan
 * says there is nothing to write.
 */
class PlanCommandTest {

    private static final int ACCOUNTS = 60;

    @TempDir
    Path dir;

    private SalesforceSandbox sandbox;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withPort(0).withAccounts(ACCOUNTS).withSeed(7));
        // the sandbox accepts any client credentials; files, because a test cannot set environment variables
        Files.writeString(dir.resolve("client-id"), "any");
        Files.writeString(dir.resolve("client-secret"), "any");
        config = Files.createDirectories(dir.resolve("config"));
        try (InputStream shipped = Objects.requireNonNull(
                getClass().getResourceAsStream("/io/healthsync/defaults/sources.yaml"))) {
            String sources = new String(shipped.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{ env: SF_CLIENT_ID }", "{ file: \"" + dir.resolve("client-id") + "\" }")
                    .replace("{ env: SF_CLIENT_SECRET }", "{ file: \"" + dir.resolve("client-secret") + "\" }");
            Files.writeString(config.resolve("sources.yaml"), sources);
        }
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun healthsync(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "--config=" + config, "--data-dir=" + dir.resolve("data"),
                "--login-url=" + sandbox.loginUrl()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void csv_json_filters_and_the_footer_of_an_applied_plan() throws Exception {
        CliRun csvRun = healthsync("plan", "--output=csv");

        assertThat(csvRun.exitCode()).as(csvRun.output()).isZero();
        List<List<String>> csv = parseCsv(csvRun.output());
        assertThat(csv.get(0)).containsExactly("account_id", "name", "segment", "arr", "owner", "old_score", "new_score",
                "old_band", "new_band", "reason", "drivers");
        List<List<String>> rows = csv.subList(1, csv.size());
        assertThat(rows).hasSize(ACCOUNTS); // the first plan writes every account, none is cut by --limit
        // all are first writes: no old score, ordered by ARR, largest first
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get(5)).isEmpty();
            assertThat(row.get(9)).startsWith("first write");
            assertThat(row.get(10)).isNotEmpty();
        });
        List<Double> arrs = rows.stream().map(row -> row.get(3).isEmpty() ? -1.0 : Double.parseDouble(row.get(3))).toList();
        assertThat(arrs).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // owners are shown by the names pulled from User, not by their ids
        assertThat(rows).extracting(row -> row.get(4)).isNotEmpty().noneMatch(owner -> owner.startsWith("005"));

        long reds = rows.stream().filter(row -> row.get(8).equals("Red")).count();
        JsonNode red = new ObjectMapper().readTree(healthsync("plan", "--no-pull", "--band=red", "--json").output());
        assertThat(red.path("writesInPlan").asInt()).isEqualTo(ACCOUNTS);
        assertThat(red.path("writes")).hasSize((int) reds);
        red.path("writes").forEach(write -> assertThat(write.path("newBand").asText()).isEqualTo("Red"));

        String owner = rows.get(0).get(4);
        long owned = rows.stream().filter(row -> row.get(4).equals(owner)).count();
        CliRun byOwner = healthsync("plan", "--no-pull", "--owner", owner.toUpperCase(Locale.ROOT), "--limit=1000");
        assertThat(byOwner.output()).contains(String.format("Showing %d of %d (owner %s)", owned, ACCOUNTS,
                owner.toUpperCase(Locale.ROOT)));
        assertThat(byOwner.output()).contains("Apply exactly this plan with: healthsync apply --plan ")
                .contains(String.format("(that writes all %d accounts of the plan, not only the %d shown)", ACCOUNTS, owned));

        assertThat(healthsync("apply").exitCode()).isZero();
        CliRun after = healthsync("plan", "--no-pull");

        assertThat(after.exitCode()).as(after.output()).isZero();
        assertThat(after.output()).contains(": 0 of " + ACCOUNTS + " accounts change")
                .contains("Nothing to write: the CRM already holds these values.")
                .doesNotContain("Apply exactly this plan");
    }

    @Test
    void json_and_another_output_together_are_refused_before_anything_is_pulled() {
        CliRun run = healthsync("plan", "--json", "--output=csv");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).isEmpty();
        assertThat(sandbox.apiCallsServed()).isZero();
    }

    /** RFC 4180 as written by the plan: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("text after the last CRLF").isEmpty();
        return rows;
    }
}

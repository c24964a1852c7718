package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.routes.RunReport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One scheme for every command: 0 done, 1 failed, 2 usage or configuration error, 3 done with problems. */
class ExitCodesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ok, 0", "partial, 3", "failed, 1"})
    void a_runs_status_maps_to_its_exit_code(String status, int exit) {
        RunReport report = new RunReport();
        report.status = status;

        assertThat(ExitCodes.of(report)).isEqualTo(exit);
    }

    @Test
    void a_run_without_a_status_is_failed() {
        assertThat(ExitCodes.of(new RunReport())).isEqualTo(ExitCodes.FAILED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "demo --accounts=0       | --accounts must be at least 1, got 0",
            "demo --accounts=abc     | Invalid value for option '--accounts': 'abc' is not an int",
            "demo --no-such-option   | Unknown option: '--no-such-option'",
            "plan --limit=-1         | --limit must be 0 or more, got -1",
            "sync --dry-run=maybe    | Invalid value for option '--dry-run'"})
    void usage_errors_exit_2_whatever_picocli_or_we_refuse(String args, String message) {
        CliRun run = CliRun.of(args.split(" "));

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).startsWith(message).contains("--help' for the options and exit codes");
        assertThat(run.output()).isEmpty();
    }

    @Test
    void help_exits_0_and_every_command_documents_the_scheme() {
        for (String command : new String[] {"demo", "plan", "apply", "sync", "run", "sandbox", "validate", "init-config"}) {
            CliRun help = CliRun.of(command, "--help");

            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.output()).as(command).contains("Exit codes:", "  3  done with problems", "Examples:");
            assertThat(help.errors()).as(command).isEmpty(); // picocli warns here about a footer it cannot format
        }
        assertThat(CliRun.of("demo", "--help").output()).contains("(default: 2000)", "UNABLE_TO_LOCK_ROW (0..1)",
                "Env: HEALTHSYNC_DATA_DIR");
        assertThat(CliRun.of("--help").output()).contains("Exit codes:");
    }

    @Test
    void invalid_yaml_exits_2() throws Exception {
        Files.writeString(dir.resolve("scorecard.yaml"), "bands: [not, closed\n");

        CliRun run = CliRun.of("sync", "--config", dir.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).startsWith("Configuration is invalid:").contains("scorecard.yaml:");
    }

    @Test
    void missing_credentials_exit_2() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config").resolve("sources.yaml"), sources("http://localhost:1",
                "{ env: HEALTHSYNC_TEST_NEVER_SET_ID }", "{ env: HEALTHSYNC_TEST_NEVER_SET_SECRET }"));

        CliRun run = CliRun.of("sync", "--config", dir.resolve("config").toString(), "--data-dir",
                dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).contains("HEALTHSYNC_TEST_NEVER_SET_ID");
    }

    @Test
    void an_unreachable_org_exits_1() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("id"), "some-client");
        Files.writeString(dir.resolve("secret"), "some-secret");
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config").resolve("sources.yaml"), sources("http://localhost:" + closedPort,
                "{ file: " + dir.resolve("id") + " }", "{ file: " + dir.resolve("secret") + " }"));

        CliRun run = CliRun.of("sync", "--json", "--config", dir.resolve("config").toString(), "--data-dir",
                dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.output() + run.errors()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void a_demo_whose_writes_are_partly_refused_is_done_with_problems_and_logs_a_warning() throws Exception {
        CliRun run = CliRun.of("demo", "--json", "--data-dir=" + dir, "--accounts=40", "--faults=0.5");

        JsonNode report = new ObjectMapper().readTree(run.output());
        assertThat(report.path("status").asText()).isEqualTo("partial");
        assertThat(report.path("records_failed").asInt()).isPositive();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.errors()).containsPattern("WARN WritebackService - plan \\S+: batch of 40 written, "
                + report.path("records_failed").asInt() + " failed \\(first: UNABLE_TO_LOCK_ROW 001");
    }

    @Test
    void a_demo_that_writes_everything_exits_0() {
        CliRun run = CliRun.of("demo", "--json", "--data-dir=" + dir, "--accounts=30");

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.OK);
    }

    /** The shipped sources.yaml with another login URL and client credentials. */
    private String sources(String loginUrl, String clientId, String clientSecret) throws IOException {
        Path shipped = dir.resolve("shipped");
        ConfigLoader.writeDefaults(shipped);
        String text = Files.readString(shipped.resolve("sources.yaml"));
        assertThat(text).contains("login_url: https://MYDOMAIN.my.salesforce.com", "client_id: { env: SF_CLIENT_ID }",
                "client_secret: { env: SF_CLIENT_SECRET }");
        return text.replace("login_url: https://MYDOMAIN.my.salesforce.com", "login_url: " + loginUrl)
                .replace("client_id: { env: SF_CLIENT_ID }", "client_id: " + clientId)
                .replace("client_secret: { env: SF_CLIENT_SECRET }", "client_secret: " + clientSecret);
    }
}

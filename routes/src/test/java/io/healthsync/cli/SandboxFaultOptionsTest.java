package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.cli.HealthsyncCli;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The new fault options of SandboxOptions, 'healthsync sandbox' and 'healthsync demo'. */
class SandboxFaultOptionsTest {

    @TempDir
    Path dataDir;

    /** What a CLI run printed on stdout and stderr, and its exit code. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            int exit = HealthsyncCli.execute(args);
            return new Run(exit, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void sandboxOptionsRefuseAnOutOfRangeFaultRateOrPageLimit() {
        assertThatThrownBy(() -> SandboxOptions.defaults().withTransientFaultRate(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("transientFaultRate must be 0..1, got 1.5");
        assertThatThrownBy(() -> SandboxOptions.defaults().withTransientFaultRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.defaults().withQueryLocatorMaxPages(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("queryLocatorMaxPages must be 0 or more, got -1");
        SandboxOptions defaults = SandboxOptions.defaults();
        assertThat(defaults.queryLocatorMaxPages()).isZero();
        assertThat(defaults.transientFaultRate()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sandbox | --transient-faults=2    | --transient-faults must be between 0 and 1, got 2",
            "sandbox | --transient-faults=-0.5 | --transient-faults must be between 0 and 1, got -0.5",
            "sandbox | --locator-pages=-1      | --locator-pages must be 0 or more, got -1",
            "demo    | --transient-faults=1.25 | --transient-faults must be between 0 and 1, got 1.25",
            "demo    | --locator-pages=-3      | --locator-pages must be 0 or more, got -3",
            "demo    | --delete-accounts=-2    | --delete-accounts must be 0 or more, got -2"})
    void badValuesAreRefusedInTheOptionsOwnWordsBeforeAnythingStarts(String command, String option, String message) {
        Run run = cli(command, option);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(message + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theNewOptionsAreListedWithTheirDefaults() {
        assertThat(cli("sandbox", "--help").out()).contains("--locator-pages=N", "--transient-faults=RATE",
                "default: 0");
        assertThat(cli("demo", "--help").out()).contains("--locator-pages=N", "--transient-faults=RATE",
                "--delete-accounts=N");
    }

    @Test
    void demoDeletesAccountsBeforeTheRunAndReportsThemOnlyWhenAsked() throws Exception {
        Run plain = cli("demo", "--json", "--data-dir=" + dataDir, "--accounts=60");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        JsonNode before = new ObjectMapper().readTree(plain.out());
        assertThat(before.has("deleted_accounts")).isFalse();

        Run deleting = cli("demo", "--json", "--data-dir=" + dataDir, "--accounts=60", "--delete-accounts=3",
                "--locator-pages=5", "--transient-faults=0");
        assertThat(deleting.exitCode()).as(deleting.err()).isZero();
        JsonNode after = new ObjectMapper().readTree(deleting.out());

        List<String> keys = new ArrayList<>();
        after.fieldNames().forEachRemaining(keys::add);
        List<String> plainKeys = new ArrayList<>();
        before.fieldNames().forEachRemaining(plainKeys::add);
        assertThat(keys).containsAll(plainKeys).contains("deleted_accounts").hasSize(plainKeys.size() + 1);
        assertThat(after.path("deleted_accounts")).hasSize(3);
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(60)
                .withDataDir(dataDir.resolve("sandbox")))) {
            List<String> deleted = new ArrayList<>();
            after.path("deleted_accounts").forEach(id -> deleted.add(id.asText()));
            assertThat(sandbox.deletedIds("Account")).containsExactlyInAnyOrderElementsOf(deleted);
        }
    }
}

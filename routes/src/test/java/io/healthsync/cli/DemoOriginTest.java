package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's org and store stay a pair: other --accounts or --seed without --reset are refused. */
class DemoOriginTest {

    @TempDir
    Path dataDir;

    private CliRun demo(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "demo";
        args[1] = "--json";
        args[2] = "--data-dir=" + dataDir;
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    @Test
    void other_accounts_or_seed_without_reset_are_refused_and_change_nothing() throws Exception {
        assertThat(demo("--accounts=30").exitCode()).isZero();
        assertThat(dataDir.resolve(DemoOrigin.FILE_NAME)).content().contains("\"accounts\": 30", "\"seed\": 42");
        String orgBefore = Files.readString(dataDir.resolve("sandbox").resolve("sandbox-org.json"));

        CliRun fewer = demo("--accounts=20");

        assertThat(fewer.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fewer.errors()).startsWith("the demo's org in " + dataDir + " was made with --accounts 30 --seed 42; "
                + "run with --reset to make a new one with --accounts 20 --seed 42");
        assertThat(fewer.output()).isEmpty();
        assertThat(dataDir.resolve("sandbox").resolve("sandbox-org.json")).content().isEqualTo(orgBefore);

        CliRun otherSeed = demo("--accounts=30", "--seed=7");
        assertThat(otherSeed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(otherSeed.errors()).contains("made with --accounts 30 --seed 42", "new one with --accounts 30 --seed 7");

        assertThat(demo("--accounts=30").exitCode()).isZero();
    }

    @Test
    void reset_makes_a_new_org_and_store_with_the_new_options() throws Exception {
        assertThat(demo("--accounts=30").exitCode()).isZero();

        CliRun reset = demo("--accounts=20", "--reset");

        assertThat(reset.exitCode()).as(reset.errors()).isZero();
        assertThat(new ObjectMapper().readTree(reset.output()).path("records_written").asInt()).isEqualTo(20);
        assertThat(dataDir.resolve(DemoOrigin.FILE_NAME)).content().contains("\"accounts\": 20");
    }

    @Test
    void a_data_dir_from_before_the_record_is_judged_by_its_saved_org() throws Exception {
        assertThat(demo("--accounts=30").exitCode()).isZero();
        Files.delete(dataDir.resolve(DemoOrigin.FILE_NAME));

        CliRun fewer = demo("--accounts=20");

        assertThat(fewer.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fewer.errors()).contains("was made with --accounts 30 --seed 42");
    }
}

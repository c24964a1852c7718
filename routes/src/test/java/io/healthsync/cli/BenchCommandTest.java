package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.store.JdbcStore;
import io.healthsync.writeback.PlannedWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} on a small company, as a user runs it: the sandbox as a process of its own, a first run that
 * writes every account in the fewest calls, a second that writes only the drifted accounts, and figures
 * that add up from the calls counted.
 */
class BenchCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void two_runs_against_a_sandbox_process_the_second_writing_only_what_drifted() throws Exception {
        CliRun run = CliRun.of("bench", "--accounts=200", "--drift=5", "--json", "--data-dir=" + dataDir);

        assertThat(run.exitCode()).as("bench exit code; output: %s%nerrors: %s", run.output(), run.errors()).isZero();
        JsonNode bench = new ObjectMapper().readTree(run.output());
        for (JsonNode figures : new JsonNode[] {bench, bench.path("incremental")}) {
            assertThat(figures.fieldNames()).toIterable().contains("total_ms", "pull_ms", "score_ms", "plan_ms",
                    "apply_ms", "app_cpu_ms", "peak_heap_mb", "api_calls", "write_calls", "write_call_ratio");
            assertThat(figures.path("status").asText()).isEqualTo("ok");
            // the heap in use at one time: within the heap the JVM was given
            assertThat(figures.path("peak_heap_mb").asLong()).isPositive()
                    .isLessThanOrEqualTo(bench.path("max_heap_mb").asLong());
            JsonNode stageCpu = figures.path("app_cpu_ms_by_stage");
            assertThat(stageCpu.fieldNames()).toIterable().containsExactly("pull", "score", "plan", "apply");
            long stagesCpu = 0;
            for (JsonNode ms : stageCpu) {
                stagesCpu += ms.asLong();
            }
            assertThat(stagesCpu).isPositive().isLessThanOrEqualTo(figures.path("app_cpu_ms").asLong());
            // the sandbox's own CPU (another process), per stage: it served every page the pull read
            JsonNode sandboxCpu = figures.path("sandbox_cpu_ms_by_stage");
            assertThat(sandboxCpu.fieldNames()).toIterable().containsExactly("pull", "score", "plan", "apply");
            assertThat(sandboxCpu.path("pull").asLong()).isPositive();
            long sandboxStages = 0;
            for (JsonNode ms : sandboxCpu) {
                sandboxStages += ms.asLong();
            }
            assertThat(sandboxStages).isLessThanOrEqualTo(figures.path("sandbox_cpu_ms").asLong());
            // what the run held at once is at most what it used, garbage included
            assertThat(figures.path("peak_heap_after_gc_mb").asLong()).isPositive()
                    .isLessThanOrEqualTo(figures.path("peak_heap_mb").asLong());
            assertThat(figures.path("pull_ms").asLong() + figures.path("score_ms").asLong()
                    + figures.path("plan_ms").asLong() + figures.path("apply_ms").asLong())
                    .isLessThanOrEqualTo(figures.path("total_ms").asLong());
            writeCallsAddUp(figures);
        }
        assertThat(bench.path("accounts").asInt()).isEqualTo(200);
        assertThat(bench.path("accounts_drifted").asInt()).isEqualTo(10);
        // the first run writes every account, from every source the company has
        assertThat(bench.path("records_written").asInt()).isGreaterThanOrEqualTo(200);
        assertThat(bench.path("api_calls").fieldNames()).toIterable()
                .containsExactly("salesforce", "zendesk", "stripe", "amplitude");
        assertThat(bench.path("api_calls").path("salesforce").path("collections_update").asInt()).isEqualTo(1);

        // the second run writes the drifted accounts, and no other account (5%: in a much smaller company the
        // drift moves the cohort percentiles of accounts that did not change)
        JsonNode incremental = bench.path("incremental");
        Set<String> drifted = new HashSet<>();
        SandboxEndpoints.read(dataDir.resolve("sandbox").resolve("endpoints.json")).driftedAccounts().forEach(drifted::add);
        assertThat(drifted).hasSize(10);
        try (JdbcStore store = JdbcStore.open("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("healthsync"), null, null)) {
            assertThat(store.plan(incremental.path("plan_id").asText()).orElseThrow().writes())
                    .extracting(PlannedWrite::recordId).isNotEmpty().isSubsetOf(drifted);
        }
        assertThat(incremental.path("records_pulled").asLong()).isLessThan(bench.path("records_pulled").asLong() / 10);
        // the sandbox process is gone, its org saved
        assertThat(dataDir.resolve("sandbox").resolve("sandbox-org.json")).exists();
        assertThat(Files.readString(dataDir.resolve("sandbox").resolve("sandbox.log"))).contains("Salesforce sandbox stopped");
    }

    @Test
    void sources_leaves_only_salesforce_and_the_sources_named_to_pull() throws Exception {
        CliRun run = CliRun.of("bench", "--accounts=60", "--sources=stripe", "--json", "--data-dir=" + dataDir);

        assertThat(run.exitCode()).as("bench exit code; output: %s%nerrors: %s", run.output(), run.errors()).isZero();
        JsonNode bench = new ObjectMapper().readTree(run.output());
        assertThat(bench.path("sources").toString()).isEqualTo("[\"salesforce\",\"stripe\"]");
        for (JsonNode figures : new JsonNode[] {bench, bench.path("incremental")}) {
            assertThat(figures.path("api_calls").fieldNames()).toIterable().containsExactly("salesforce", "stripe");
        }
        assertThat(bench.path("records_written").asInt()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void salesforce_alone_runs_the_sandbox_without_the_other_apis_stand_ins() throws Exception {
        CliRun run = CliRun.of("bench", "--accounts=40", "--sources=none", "--json", "--data-dir=" + dataDir);

        assertThat(run.exitCode()).as("bench exit code; output: %s%nerrors: %s", run.output(), run.errors()).isZero();
        JsonNode bench = new ObjectMapper().readTree(run.output());
        assertThat(bench.path("sources").toString()).isEqualTo("[\"salesforce\"]");
        assertThat(bench.path("incremental").path("status").asText()).isEqualTo("ok");
        // the sandbox process served the org alone: no synthetic company built, no other API listening
        Path sandbox = dataDir.resolve("sandbox");
        assertThat(java.nio.file.Files.readString(sandbox.resolve("sandbox.log")))
                .contains("Salesforce sandbox listening").doesNotContain("Synthetic company ready");
        assertThat(SandboxEndpoints.read(sandbox.resolve("endpoints.json")).baseUrls()).isEmpty();
    }

    @Test
    void a_store_named_by_db_url_is_measured_and_one_holding_data_is_refused() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("other-store/healthsync") + ";DB_CLOSE_ON_EXIT=FALSE";
        CliRun run = CliRun.of("bench", "--accounts=20", "--sources=none", "--json", "--db-url=" + url,
                "--data-dir=" + dataDir.resolve("bench"));

        assertThat(run.exitCode()).as(run.errors()).isZero();
        assertThat(new ObjectMapper().readTree(run.output()).path("store").asText()).isEqualTo("h2");
        assertThat(dataDir.resolve("other-store/healthsync.mv.db")).exists();
        assertThat(dataDir.resolve("bench/healthsync.mv.db")).doesNotExist();

        // the first run it measures must start from nothing: a store with data would make it an incremental run
        CliRun again = CliRun.of("bench", "--accounts=20", "--sources=none", "--json", "--db-url=" + url,
                "--data-dir=" + dataDir.resolve("bench"));
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.errors()).contains("--db-url:", "already holds data", "empty database or schema");
    }

    @Test
    void an_unknown_source_is_refused_before_anything_runs() {
        CliRun run = CliRun.of("bench", "--sources=zendesk,hubspot", "--data-dir=" + dataDir.resolve("bench"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errors()).contains("--sources: unknown source 'hubspot'", "zendesk, stripe, amplitude");
        assertThat(dataDir.resolve("bench")).doesNotExist();
    }

    /** Collections write calls (plus bulk jobs, none at this size), over the fewest the plan needed. */
    private static void writeCallsAddUp(JsonNode figures) {
        JsonNode salesforce = figures.path("api_calls").path("salesforce");
        assertThat(salesforce.has("bulk_ingest")).as("200 accounts are below the bulk threshold").isFalse();
        assertThat(figures.path("write_calls").asInt()).isEqualTo(salesforce.path("collections_update").asInt()
                + salesforce.path("collections_upsert").asInt());
        int fewest = figures.path("write_calls_minimum").asInt();
        assertThat(fewest).isPositive();
        assertThat(figures.path("write_call_ratio").asDouble())
                .isEqualTo(Math.round(100.0 * figures.path("write_calls").asInt() / fewest) / 100.0)
                .isEqualTo(1.0);
    }
}

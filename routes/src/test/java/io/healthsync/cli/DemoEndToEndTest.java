package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.store.JdbcStore;
import io.healthsync.writeback.PlannedWrite;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a new user runs it, end to end through camel-salesforce against the sandbox: the first run
 * writes every account in ceil(N/200) calls, the second writes nothing, and after a drift only the
 * drifted accounts are written.
 */
class DemoEndToEndTest {

    @TempDir
    Path dataDir;

    private JsonNode demo(String... extra) throws Exception {
        String[] args = new String[4 + extra.length];
        args[0] = "demo";
        args[1] = "--json";
        args[2] = "--data-dir=" + dataDir;
        args[3] = "--accounts=450";
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as("demo exit code; output: %s", run.output()).isZero();
        return new ObjectMapper().readTree(run.output());
    }

    /** What the operator looks at first, from the store alone, agrees with the run. */
    private void statusTellsEachSourcesState(JsonNode pulled) throws Exception {
        CliRun run = CliRun.of("status", "--json", "--data-dir=" + dataDir);
        assertThat(run.exitCode()).as("status: %s", run.output()).isZero();
        JsonNode status = new ObjectMapper().readTree(run.output());
        // the demo's sources are its own (pointed at the stand-ins); status reads the shipped config: salesforce
        // on, the others listed because they have runs in this store
        JsonNode sources = status.path("sources");
        assertThat(sources.fieldNames()).toIterable().contains("salesforce", "zendesk", "stripe", "amplitude");
        sources.forEach(source -> {
            assertThat(source.path("last_run").path("result").asText()).isEqualTo("ok");
            assertThat(source.path("breaker").asText()).isEqualTo("closed");
        });
        assertThat(sources.path("zendesk").path("last_run").path("records").asInt())
                .isEqualTo(pulled.path("zendesk").path("records").asInt());
        assertThat(sources.path("zendesk").path("cursors").has("tickets")).isTrue();
        assertThat(sources.path("zendesk").path("quarantined").asInt()).isEqualTo(1);
        assertThat(sources.path("stripe").path("unmatched").asInt()).isPositive();
        assertThat(sources.path("stripe").path("unmatched_examples")).isNotEmpty();
        assertThat(sources.path("stripe").path("stored").path("outcomes").asInt()).isPositive();
        assertThat(status.path("outbox").path("pending_writes").asInt()).isZero();
    }

    private static int sum(JsonNode sources, String field) {
        int total = 0;
        for (JsonNode source : sources) {
            total += source.path(field).asInt();
        }
        return total;
    }

    @Test
    void first_run_writes_everything_second_run_nothing_and_a_drift_only_what_drifted() throws Exception {
        JsonNode first = demo();

        assertThat(first.path("accounts_pulled").asInt()).isEqualTo(450);
        assertThat(first.path("activities_pulled").asInt()).isGreaterThan(450);
        assertThat(first.path("accounts_scored").asInt()).isEqualTo(450);
        int banded = first.path("bands").path("red").asInt() + first.path("bands").path("yellow").asInt()
                + first.path("bands").path("green").asInt();
        assertThat(banded).isEqualTo(450);
        assertThat(first.path("records_planned").asInt()).isEqualTo(450);
        assertThat(first.path("records_written").asInt()).isEqualTo(450);
        assertThat(first.path("fields_changed").asInt()).isEqualTo(450 * 4);
        // ceil(450 / 200) for the Accounts, and one upsert call each for the playbooks' Tasks and Opportunities
        int playbookCalls = (first.path("tasks_created").asInt() > 0 ? 1 : 0)
                + (first.path("opportunities_created").asInt() > 0 ? 1 : 0);
        assertThat(first.path("tasks_created").asInt()).isPositive();
        assertThat(first.path("write_api_calls").asInt()).isEqualTo(3 + playbookCalls)
                .isEqualTo(first.path("write_api_calls_minimum").asInt());
        // the CRM's records are clean; the stand-ins plant one unreadable ticket and events without an account
        JsonNode sources = first.path("sources");
        assertThat(sources.fieldNames()).toIterable().containsExactly("salesforce", "zendesk", "stripe", "amplitude");
        sources.forEach(source -> {
            assertThat(source.path("state").asText()).isEqualTo("ok");
            assertThat(source.has("pages") && source.has("records") && source.has("retries") && source.has("unmatched"))
                    .isTrue();
        });
        assertThat(sources.path("salesforce").path("quarantined").asInt()).isZero();
        assertThat(sources.path("zendesk").path("quarantined").asInt()).isEqualTo(1);
        assertThat(sources.path("stripe").path("unmatched").asInt()).isPositive();
        assertThat(first.path("quarantined").asInt()).isEqualTo(sum(sources, "quarantined"));
        statusTellsEachSourcesState(sources);
        assertThat(first.path("api_calls_total").asInt()).isEqualTo(first.path("sandbox_api_calls_served").asInt());

        JsonNode second = demo();

        assertThat(second.path("fields_changed").asInt()).isZero();
        assertThat(second.path("write_api_calls").asInt()).isZero();
        assertThat(second.path("records_written").asInt()).isZero();
        // each Task and Opportunity exists once: the second run finds them open, creates none and sends none again
        assertThat(second.path("tasks_created").asInt() + second.path("opportunities_created").asInt()
                + second.path("duplicates_avoided").asInt()).isZero();
        assertThat(second.path("actions_suppressed").asInt()).isPositive();
        // our own writes changed SystemModstamp, so the accounts are read back once; of the activities only
        // the lookback window behind the cursor (60 s by default) is read again
        assertThat(second.path("accounts_pulled").asInt()).isEqualTo(450);
        assertThat(second.path("activities_pulled").asInt()).isLessThan(first.path("activities_pulled").asInt() / 20);
        assertThat(second.path("api_calls_total").asInt()).isLessThan(first.path("api_calls_total").asInt());
        // describes are kept in the store for a day: the incremental run spends its calls on queries only
        assertThat(first.path("api_calls_by_operation").path("describe").asInt()).isEqualTo(5);
        assertThat(second.path("api_calls_by_operation").has("describe")).isFalse();

        JsonNode drifted = demo("--drift=7");

        Set<String> driftedIds = new HashSet<>();
        drifted.path("drifted_accounts").forEach(id -> driftedIds.add(id.asText()));
        assertThat(driftedIds).hasSize(7);
        int written = drifted.path("records_written").asInt();
        assertThat(written).isBetween(1, 7);
        // one call for the Accounts, and one per kind of playbook record the drift fired (a drop, a red streak)
        assertThat(drifted.path("write_api_calls").asInt()).isBetween(1, 3)
                .isEqualTo(drifted.path("write_api_calls_minimum").asInt());
        try (JdbcStore store = JdbcStore.open("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("healthsync"), null, null)) {
            assertThat(store.plan(drifted.path("plan_id").asText()).orElseThrow().writes())
                    .extracting(PlannedWrite::recordId).isSubsetOf(driftedIds);
        }

        JsonNode again = demo();
        assertThat(again.path("write_api_calls").asInt()).isZero();
    }
}

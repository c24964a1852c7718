package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.routes.RunReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    private static RunReport applied(Map<String, Integer> calls, int bulkJobs, int fewest) {
        RunReport report = new RunReport();
        report.apiCallsByOperation.putAll(calls);
        report.apiCallsTotal = calls.values().stream().mapToInt(Integer::intValue).sum();
        report.bulkJobs = bulkJobs;
        report.writeBatchesMinimum = fewest;
        return report;
    }

    @Test
    void a_bulk_job_counts_once_however_many_calls_it_took() {
        // 2,500 Accounts in one bulk job (create, upload, close, 2 polls, results: 6 calls), 90 Tasks by collections
        BenchFigures figures = BenchFigures.of(applied(Map.of("query", 7, "bulk_ingest", 6, "collections_upsert", 1),
                1, 2), 300, 200, 1_000);

        assertThat(figures.writeCalls()).isEqualTo(2);
        assertThat(figures.writeCallsMinimum()).isEqualTo(2);
        assertThat(figures.writeCallRatio()).isEqualTo(1.00);
        assertThat(figures.apiCallsTotal()).isEqualTo(14);
    }

    @Test
    void calls_beyond_the_fewest_raise_the_ratio() {
        // 1,000 Accounts need 5 collections calls; a refused batch retried and a split one made 7
        BenchFigures figures = BenchFigures.of(applied(Map.of("collections_update", 7), 0, 5), 300, 200, 1_000);

        assertThat(figures.writeCalls()).isEqualTo(7);
        assertThat(figures.writeCallRatio()).isEqualTo(1.4);
        assertThat(figures.json()).containsEntry("write_calls", 7).containsEntry("write_calls_minimum", 5)
                .containsEntry("write_call_ratio", 1.4);
    }

    @Test
    void nothing_to_write_and_nothing_written_is_a_ratio_of_one() {
        BenchFigures figures = BenchFigures.of(applied(Map.of("query", 5), 0, 0), 100, 80, 1_000);

        assertThat(figures.writeCalls()).isZero();
        assertThat(figures.writeCallRatio()).isEqualTo(1.0);
    }

    @Test
    void each_other_source_is_counted_by_its_pages_and_retries() {
        RunReport report = applied(Map.of("query", 5), 0, 0);
        report.sources.put("zendesk", new RunReport.SourceSummary(12, 11_000, 2, 0, 0, "ok", null));
        report.sources.put("stripe", new RunReport.SourceSummary(30, 2_900, 0, 0, 0, "ok", null));

        BenchFigures figures = BenchFigures.of(report, 100, 80, 1_000);

        assertThat(figures.apiCalls()).containsEntry("zendesk", 14).containsEntry("stripe", 30)
                .containsEntry("salesforce", Map.of("query", 5));
        assertThat(figures.apiCallsTotal()).isEqualTo(5 + 14 + 30);
        assertThat(figures.recordsPulled()).isEqualTo(13_900);
    }

    @Test
    void records_per_second_from_a_count_and_its_milliseconds() {
        assertThat(BenchFigures.perSecond(10_000, 2_000)).isEqualTo(5_000);
        assertThat(BenchFigures.perSecond(10_000, 0)).isZero();
    }

    @Test
    void the_drift_is_a_share_of_the_accounts_rounded_up() {
        assertThat(BenchCommand.driftedAccounts(10_000, 5)).isEqualTo(500);
        assertThat(BenchCommand.driftedAccounts(30, 5)).isEqualTo(2);
        assertThat(BenchCommand.driftedAccounts(200, 0)).isZero();
    }

    @Test
    void the_jvms_compiler_and_collector_cpu_is_reported_per_stage_and_in_all() {
        RunReport report = applied(Map.of("query", 5), 0, 0);
        report.stageJvmCpu.put("pull", new io.healthsync.routes.JvmThreadsCpu.Snapshot(1_200, 300));
        report.stageJvmCpu.put("score", new io.healthsync.routes.JvmThreadsCpu.Snapshot(800, 500));

        Map<String, Object> json = BenchFigures.of(report, 100, 80, 5_000).json();

        assertThat(json).containsEntry("app_jit_cpu_ms", 2_000L).containsEntry("app_gc_cpu_ms", 800L);
        assertThat(json.get("app_jvm_cpu_ms_by_stage")).isEqualTo(Map.of("pull", Map.of("jit", 1_200L, "gc", 300L),
                "score", Map.of("jit", 800L, "gc", 500L)));
    }

    @Test
    void without_the_threads_cpu_the_jvms_share_is_unknown() {
        Map<String, Object> json = BenchFigures.of(applied(Map.of("query", 5), 0, 0), 100, 80, 5_000).json();

        assertThat(json).containsEntry("app_jit_cpu_ms", -1L).containsEntry("app_gc_cpu_ms", -1L);
    }
}

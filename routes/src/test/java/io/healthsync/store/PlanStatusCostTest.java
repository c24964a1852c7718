package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.writeback.FieldChange;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cost shape of an apply's bookkeeping: after each batch the store asks whether the plan still has rows to
 * write. That question must read the same number of rows whatever the plan's size (the rows H2 scans, counted by
 * EXPLAIN ANALYZE; no clock involved), else an apply of n records costs n squared.
 */
class PlanStatusCostTest {

    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void the_unwritten_rows_question_reads_as_many_rows_at_3000_records_as_at_300() throws SQLException {
        long small = rowsReadWithOneRecordLeft(300);
        long large = rowsReadWithOneRecordLeft(3000);

        assertThat(large).isEqualTo(small).isLessThanOrEqualTo(4); // a match and the index boundary per status
    }

    @Test
    void a_plan_is_partial_until_its_last_record_is_written_then_applied() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (JdbcStore store = JdbcStore.open(url, null, null)) {
            List<PlannedWrite> writes = writes(450);
            store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), AT, writes.size(), writes, List.of()));
            recordInBatches(store, writes.subList(0, 449));
            assertThat(planStatus(url)).isEqualTo("partial");

            store.recordResults("plan-1", writes.subList(449, 450),
                    List.of(WriteResult.failed(writes.get(449).recordId(), "UNABLE_TO_LOCK_ROW", "locked")), AT);
            assertThat(planStatus(url)).isEqualTo("partial");

            store.recordResults("plan-1", writes.subList(449, 450), List.of(WriteResult.ok(writes.get(449).recordId())), AT);
            assertThat(planStatus(url)).isEqualTo("applied");
            assertThat(store.pendingWrites("plan-1")).isEmpty();
        }
    }

    @Test
    void settled_after_apply_a_plan_is_applied_whatever_a_lane_committing_beside_another_left() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (JdbcStore store = JdbcStore.open(url, null, null)) {
            List<PlannedWrite> writes = writes(10);
            store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), AT, writes.size(), writes, List.of()));
            recordInBatches(store, writes.subList(0, 9));
            store.settlePlanStatus("plan-1");
            assertThat(planStatus(url)).isEqualTo("partial"); // one record still planned

            recordInBatches(store, writes.subList(9, 10));
            // what a lane's last batch leaves when it counted another lane's records before they were committed
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE writeback_plan SET status = 'partial' WHERE id = 'plan-1'");
            }
            store.settlePlanStatus("plan-1");
            assertThat(planStatus(url)).isEqualTo("applied");
        }
    }

    @Test
    void a_bulk_jobs_results_beyond_one_transaction_are_all_recorded_with_their_written_fields() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (JdbcStore store = JdbcStore.open(url, null, null)) {
            int n = 2 * store.rowsPerTransaction() + 3; // three parts, the last of 3
            List<PlannedWrite> writes = writes(n);
            store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), AT, n, writes, List.of()));
            List<WriteResult> results = new ArrayList<>();
            writes.forEach(w -> results.add(WriteResult.ok(w.recordId())));
            results.set(n - 1, WriteResult.failed(writes.get(n - 1).recordId(), "FIELD_INTEGRITY_EXCEPTION", "bad"));

            store.recordResults("plan-1", writes, results, AT);

            assertThat(store.outboxCounts("plan-1")).containsEntry("written", n - 1).containsEntry("failed", 1);
            assertThat(store.writtenFields("Account")).hasSize(n - 1)
                    .containsKeys(writes.get(0).recordId(), writes.get(n - 2).recordId())
                    .doesNotContainKey(writes.get(n - 1).recordId());
            assertThat(planStatus(url)).isEqualTo("partial");
            assertThat(store.pendingWrites("plan-1")).extracting(PlannedWrite::recordId)
                    .containsExactly(writes.get(n - 1).recordId());
        }
    }

    /** A plan of n records applied in batches of 200 but for its last record; the rows the question then reads. */
    private static long rowsReadWithOneRecordLeft(int n) throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (JdbcStore store = JdbcStore.open(url, null, null)) {
            List<PlannedWrite> writes = writes(n);
            store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), AT, n, writes, List.of()));
            recordInBatches(store, writes.subList(0, n - 1));
            long rows = 0;
            for (String status : List.of("planned", "failed")) {
                try (Connection connection = DriverManager.getConnection(url);
                     Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("EXPLAIN ANALYZE " + JdbcStore.OF_PLAN_WITH_STATUS
                             .replaceFirst("\\?", "'plan-1'").replaceFirst("\\?", "'" + status + "'"))) {
                    rs.next();
                    rows += H2Explain.rowsScanned(rs.getString(1));
                }
            }
            return rows;
        }
    }

    private static void recordInBatches(JdbcStore store, List<PlannedWrite> writes) {
        for (int i = 0; i < writes.size(); i += 200) {
            List<PlannedWrite> batch = writes.subList(i, Math.min(writes.size(), i + 200));
            store.recordResults("plan-1", batch, batch.stream().map(w -> WriteResult.ok(w.recordId())).toList(), AT);
        }
    }

    private static String planStatus(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT status FROM writeback_plan WHERE id = 'plan-1'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<PlannedWrite> writes(int n) {
        List<PlannedWrite> writes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = String.format("001%015d", i);
            writes.add(new PlannedWrite("Account", id, "Acme " + i,
                    List.of(new FieldChange("Health_Score__c", null, "70")), Map.of("Health_Score__c", 70),
                    Map.of("Health_Score__c", 70.25), "first write", List.of("a driver")));
        }
        return writes;
    }
}

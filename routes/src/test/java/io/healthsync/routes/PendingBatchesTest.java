package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.store.JdbcStore;
import io.healthsync.writeback.FieldChange;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What apply sends: the plan this run just saved is taken as it is while none of its writes is written (a
 * failed one is still to write), and the store's pending writes once some are, so a written record is never sent
 * again whatever the caller holds.
 */
class PendingBatchesTest {

    private static final Instant AT = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void the_saved_plans_writes_are_sent_until_one_is_written_then_only_the_stores_pending_ones() {
        try (JdbcStore store = JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null)) {
            WritebackService writeback = new WritebackService(ConfigLoader.load(null), store, null,
                    Clock.fixed(AT, ZoneOffset.UTC));
            List<PlannedWrite> writes = List.of(write("001A"), write("001B"), write("001C"));
            store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 12, 5), AT, 3, writes, List.of()));

            assertThat(sent(writeback.pendingBatches("plan-1", writes))).containsExactly("001A", "001B", "001C");
            store.recordResults("plan-1", writes.subList(1, 2),
                    List.of(WriteResult.failed("001B", "UNABLE_TO_LOCK_ROW", "locked")), AT);
            assertThat(sent(writeback.pendingBatches("plan-1", writes))).containsExactly("001A", "001B", "001C");

            store.recordResults("plan-1", writes.subList(0, 1), List.of(WriteResult.ok("001A")), AT);

            assertThat(sent(writeback.pendingBatches("plan-1", writes))).containsExactly("001B", "001C");
            assertThat(sent(writeback.pendingBatches("plan-1", null))).containsExactly("001B", "001C");
        }
    }

    private static List<String> sent(List<WritebackService.WriteBatch> batches) {
        List<String> ids = new ArrayList<>();
        batches.forEach(b -> b.writes().forEach(w -> ids.add(w.recordId())));
        return ids;
    }

    private static PlannedWrite write(String id) {
        return new PlannedWrite("Account", id, "Acme", List.of(new FieldChange("Health_Score__c", null, "70")),
                Map.of("Health_Score__c", 70), Map.of("Health_Score__c", 70.25), "first write", List.of("a driver"));
    }
}

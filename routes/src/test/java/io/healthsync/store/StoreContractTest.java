package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.connectors.salesforce.PageEchoes;
import io.healthsync.connectors.salesforce.PulledPage;
import io.healthsync.connectors.salesforce.SalesforceCursor;
import io.healthsync.connectors.salesforce.SalesforceObject;
import io.healthsync.connectors.salesforce.SalesforceRecordMapper;
import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.mappings.Taxonomy;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.writeback.FieldChange;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import io.healthsync.writeback.WrittenValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's contract, run against every supported database by the subclasses. */
abstract class StoreContractTest {

    protected JdbcStore store;

    protected abstract JdbcStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static final SalesforceRecordMapper MAPPER = new SalesforceRecordMapper(
            new FieldMapping(Map.of("segment", "Customer_Segment__c"), Map.of("health_score", "Health_Score__c"),
                    new FieldMapping.WritebackPolicy(1, 200, 255)));

    static PulledPage page(SalesforceObject object, String json) throws Exception {
        return MAPPER.map(object, new ObjectMapper().readTree(json));
    }

    @Test
    void a_page_and_its_cursor_are_stored_together() throws Exception {
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-01T10:00:00.000+0000","Health_Score__c":null},
                 {"Id":"001B","Name":"Beta","SystemModstamp":"2026-11-01T10:00:00.000+0000"}]"""));

        assertThat(store.accounts()).extracting(Account::crmId, Account::segment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("001A", "SMB"), org.assertj.core.groups.Tuple.tuple("001B", null));
        assertThat(store.accounts().get(0).crmFields()).containsEntry("Health_Score__c", null);
        assertThat(store.cursor(SalesforceObject.ACCOUNT))
                .contains(new SalesforceCursor(Instant.parse("2026-11-01T10:00:00Z"), "001B"));
    }

    @Test
    void a_page_larger_than_one_transaction_part_is_stored_whole_with_a_tombstone_and_its_cursor() throws Exception {
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","SystemModstamp":"2026-11-01T10:00:00.000+0000"}]"""));
        int n = 2 * store.rowsPerTransaction() + 7; // two parts of their own, then the last with the cursor
        StringBuilder tasks = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            tasks.append(i == 0 ? "" : ",").append(String.format("{\"Id\":\"00T%07d\",\"AccountId\":\"001A\","
                    + "\"Subject\":\"Call\",\"ActivityDate\":\"2026-10-01\","
                    + "\"SystemModstamp\":\"2026-10-01T10:00:00.000+0000\"}", i));
        }
        // the first record of the page is deleted by its last: the tombstone comes after every part's records
        tasks.append(",{\"Id\":\"00T0000000\",\"AccountId\":\"001A\",\"IsDeleted\":true,"
                + "\"SystemModstamp\":\"2026-10-02T10:00:00.000+0000\"}]");

        store.store(page(SalesforceObject.TASK, tasks.toString()));

        assertThat(store.activitiesByAccount(Instant.EPOCH).get("001A")).hasSize(n - 1)
                .extracting(Activity::sourceId).doesNotContain("00T0000000").contains("00T0000001", String.format("00T%07d", n - 1));
        assertThat(store.cursor(SalesforceObject.TASK)).get().extracting(SalesforceCursor::lastId).isEqualTo("00T0000000");
    }

    @Test
    void a_backfill_logs_every_account_and_a_later_page_logs_the_accounts_its_records_leave_and_join() throws Exception {
        store.store(page(SalesforceObject.TASK, TASKS)); // 00T1 on 001A, 00T2 on 001B: the object's first pull
        assertThat(store.scoringChanges().everyAccount()).isTrue();
        store.markComplete(SalesforceObject.TASK, Instant.parse("2026-10-03T00:00:00Z"), Instant.parse("2026-10-03T00:00:00Z"));
        store.saveSignalSnapshot(new SignalSnapshot(LocalDate.of(2026, 10, 3), "key", 0, List.of()), null,
                store.scoringChanges());
        assertThat(store.scoringChanges().rows()).isEmpty();

        // 00T1 moves from 001A to 001C; 00T2 is deleted; 00T3 is new on 001D
        store.store(page(SalesforceObject.TASK, """
                [{"Id":"00T1","AccountId":"001C","Subject":"Call","ActivityDate":"2026-10-01","SystemModstamp":"2026-10-04T10:00:00.000+0000"},
                 {"Id":"00T3","AccountId":"001D","Subject":"Call","ActivityDate":"2026-10-04","SystemModstamp":"2026-10-04T10:00:00.000+0000"},
                 {"Id":"00T2","AccountId":"001B","IsDeleted":true,"SystemModstamp":"2026-10-04T11:00:00.000+0000"}]"""));

        SignalSnapshot.Changes changes = store.scoringChanges();
        assertThat(changes.everyAccount()).isFalse();
        assertThat(changes.accounts()).containsExactlyInAnyOrder("001A", "001B", "001C", "001D");
    }

    @Test
    void a_snapshot_saved_takes_in_the_changes_it_read_and_one_built_on_an_older_save_is_refused() throws Exception {
        store.store(page(SalesforceObject.TASK, TASKS));
        SignalSnapshot.Changes read = store.scoringChanges();
        store.store(page(SalesforceObject.EVENT, """
                [{"Id":"00U1","AccountId":"001E","Subject":"QBR","ActivityDateTime":"2026-10-01T10:00:00.000+0000","SystemModstamp":"2026-10-01T10:00:00.000+0000"}]"""));
        LocalDate day = LocalDate.of(2026, 10, 3);
        var signals = new io.healthsync.scoring.features.AccountSignals("001A", "SMB",
                Map.of(io.healthsync.model.Signal.TOUCHES_30D, 3.0));
        List<SignalSnapshot.Entry> entries = new ArrayList<>();
        for (int i = 0; i < JdbcStore.SIGNAL_BLOCK_ACCOUNTS + 5; i++) { // more than one block
            entries.add(new SignalSnapshot.Entry(i == 0 ? signals : new io.healthsync.scoring.features.AccountSignals(
                    "001X" + i, null, Map.of()), i, i == 0 ? Map.of("odd one", 2) : Map.of()));
        }

        assertThat(store.saveSignalSnapshot(new SignalSnapshot(day, "key", 0, entries), null, read)).isTrue();
        // a second scoring that read no snapshot (generation 0) while the first saved: refused, nothing taken in
        assertThat(store.saveSignalSnapshot(new SignalSnapshot(day, "key", 0, List.of()), null, store.scoringChanges()))
                .isFalse();

        assertThat(store.scoringChanges().rows()).hasSize(1); // the Event's page, logged after the read
        SignalSnapshot stored = store.signalSnapshot(day, "key").orElseThrow();
        assertThat(stored.generation()).isEqualTo(1);
        assertThat(stored.entries()).isEqualTo(entries);
        assertThat(store.signalSnapshot(day, "other key").orElseThrow().entries()).isEmpty();
        assertThat(store.signalSnapshot(day.plusDays(1), "key").orElseThrow().entries()).isEmpty();
        // a later run that read two accounts again (one changed, one new): their rows beside the blocks
        List<SignalSnapshot.Entry> later = new ArrayList<>(entries);
        later.set(3, new SignalSnapshot.Entry(new io.healthsync.scoring.features.AccountSignals("001X3", "SMB", Map.of()), 9, Map.of()));
        later.add(new SignalSnapshot.Entry(new io.healthsync.scoring.features.AccountSignals("001Y", null, Map.of()), 1, Map.of()));
        assertThat(store.saveSignalSnapshot(new SignalSnapshot(day, "key", 1, later), java.util.Set.of("001X3", "001Y"),
                store.scoringChanges())).isTrue();
        assertThat(store.signalSnapshot(day, "key").orElseThrow().entries()).containsExactlyInAnyOrderElementsOf(later);
        assertThat(store.scoringChanges().rows()).isEmpty();
        // every entry written again: the blocks alone
        assertThat(store.saveSignalSnapshot(new SignalSnapshot(day, "key", 2, entries.subList(0, 1)), null,
                store.scoringChanges())).isTrue();
        assertThat(store.signalSnapshot(day, "key").orElseThrow().entries()).containsExactly(entries.get(0));
    }

    @Test
    void user_names_are_the_latest_pulled_per_user_id_and_users_without_a_name_are_left_out() throws Exception {
        store.store(page(SalesforceObject.USER, """
                [{"Id":"005A","Name":"Ana Silva","Title":"CSM","IsActive":true,"SystemModstamp":"2026-11-01T10:00:00.000+0000"},
                 {"Id":"005B","Name":"Ben Okafor","IsActive":false,"SystemModstamp":"2026-11-01T10:00:00.000+0000"},
                 {"Id":"005C","IsActive":true,"SystemModstamp":"2026-11-01T10:00:00.000+0000"}]"""));
        store.store(page(SalesforceObject.USER, """
                [{"Id":"005A","Name":"Ana Silva-Lopes","IsActive":true,"SystemModstamp":"2026-11-02T10:00:00.000+0000"}]"""));

        assertThat(store.userNames()).containsExactlyInAnyOrderEntriesOf(
                Map.of("005A", "Ana Silva-Lopes", "005B", "Ben Okafor"));
    }

    /** activity_by_account as V20 creates it: its columns as {@link BackfillIndexes#present} lists them. */
    private static final String ACTIVITY_BY_ACCOUNT =
            "activity_by_account(account_id, occurred_at, is_deleted, source, type, raw_type, source_type, measures)";

    static final String TASKS = """
            [{"Id":"00T1","AccountId":"001A","Subject":"Call","ActivityDate":"2026-10-01","SystemModstamp":"2026-10-01T10:00:00.000+0000"},
             {"Id":"00T2","AccountId":"001B","Subject":"Call","ActivityDate":"2026-10-02","SystemModstamp":"2026-10-02T10:00:00.000+0000"}]""";

    @Test
    void a_backfill_into_an_empty_table_sets_its_indexes_aside_and_the_end_of_the_pull_builds_them_as_migrated() throws Exception {
        List<String> migrated = store.backfillIndexes().present("activity");
        assertThat(migrated).contains(ACTIVITY_BY_ACCOUNT);
        List<String> opportunityIndexes = store.backfillIndexes().present("opportunity");
        assertThat(opportunityIndexes).contains("opportunity_by_account(account_id)");
        List<String> accountIndexes = store.backfillIndexes().present("account");
        assertThat(accountIndexes).contains("account_by_domain(domain)");

        store.backfillBegins(SalesforceObject.ACCOUNT);
        store.backfillBegins(SalesforceObject.TASK);
        store.backfillBegins(SalesforceObject.OPPORTUNITY);
        assertThat(store.backfillIndexes().present("activity")).doesNotContain(ACTIVITY_BY_ACCOUNT);
        assertThat(store.backfillIndexes().present("opportunity")).isEmpty();
        assertThat(store.backfillIndexes().present("account")).doesNotContain("account_by_domain(domain)");
        store.store(page(SalesforceObject.TASK, TASKS));
        store.backfillBegins(SalesforceObject.EVENT); // the same table, now holding the Tasks: still set aside
        store.backfillsDone();

        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
        assertThat(store.backfillIndexes().present("opportunity")).isEqualTo(opportunityIndexes);
        assertThat(store.backfillIndexes().present("account")).isEqualTo(accountIndexes);
        assertThat(store.activitiesByAccount(Instant.parse("2026-01-01T00:00:00Z"))).containsOnlyKeys("001A", "001B");
    }

    @Test
    void a_table_that_holds_records_keeps_its_indexes_through_a_backfill() throws Exception {
        List<String> migrated = store.backfillIndexes().present("activity");
        store.store(page(SalesforceObject.TASK, TASKS));

        store.backfillBegins(SalesforceObject.EVENT);

        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
    }

    @Test
    void reading_activities_after_a_pull_that_did_not_end_builds_the_indexes_first() throws Exception {
        List<String> migrated = store.backfillIndexes().present("activity");
        store.backfillBegins(SalesforceObject.TASK);
        store.store(page(SalesforceObject.TASK, TASKS));

        assertThat(store.scoringActivities(Instant.parse("2026-01-01T00:00:00Z"), null)).hasSize(2);

        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
    }

    @Test
    void should_upsert_a_reread_page_instead_of_duplicating_it() throws Exception {
        String tasks = """
                [{"Id":"00T1","AccountId":"001A","Subject":"Call","ActivityDate":"2026-10-01","SystemModstamp":"2026-10-01T10:00:00.000+0000"},
                 {"Id":"00T2","AccountId":"001A","Subject":"odd one","ActivityDate":"2026-10-02","SystemModstamp":"2026-10-02T10:00:00.000+0000"}]""";
        store.store(page(SalesforceObject.TASK, tasks));
        store.store(page(SalesforceObject.TASK, tasks));

        assertThat(store.activityCount()).isEqualTo(2);
        Map<String, List<Activity>> byAccount = store.activitiesByAccount(Instant.parse("2026-01-01T00:00:00Z"));
        // kept as pulled: the taxonomy classifies them when scoring
        assertThat(byAccount.get("001A")).extracting(Activity::type).containsOnlyNulls();
        assertThat(byAccount.get("001A")).extracting(Activity::rawType).containsExactlyInAnyOrder("Call", "odd one");
        assertThat(store.activitiesByAccount(Instant.parse("2026-10-02T00:00:00Z")).get("001A")).hasSize(1);
    }

    @Test
    void quarantined_records_are_kept_with_reason_and_payload() throws Exception {
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","SystemModstamp":"not a date"}]"""));

        assertThat(store.quarantinedCount()).isEqualTo(1);
        assertThat(store.recentQuarantine(5).get(0).reason()).contains("SystemModstamp");
        assertThat(store.recentQuarantine(5).get(0).payload()).contains("not a date");
        assertThat(store.cursor(SalesforceObject.ACCOUNT)).isEmpty();
    }

    @Test
    void a_record_quarantined_again_keeps_one_row_and_a_record_that_maps_later_leaves_quarantine() throws Exception {
        String bad = """
                [{"Id":"001A","Name":"Acme","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-01T10:00:00.000+0000",
                  "CreatedDate":"yesterday"}]""";
        store.store(page(SalesforceObject.ACCOUNT, bad));
        store.store(page(SalesforceObject.ACCOUNT, bad)); // the lookback window reads it again

        assertThat(store.quarantinedCount()).isEqualTo(1);
        assertThat(store.recentQuarantine(5)).singleElement().satisfies(q -> {
            assertThat(q.recordId()).isEqualTo("001A");
            assertThat(q.modstamp()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        });
        // the cursor moved past it: the next run does not read it again
        assertThat(store.cursor(SalesforceObject.ACCOUNT)).get().extracting(SalesforceCursor::lastId).isEqualTo("001A");

        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","SystemModstamp":"2026-11-02T10:00:00.000+0000","CreatedDate":"2024-01-01T00:00:00.000+0000"}]"""));
        assertThat(store.quarantinedCount()).isZero();
        assertThat(store.accounts()).extracting(Account::crmId).containsExactly("001A");
    }

    @Test
    void the_quarantine_listing_is_limited_by_the_database() throws Exception {
        StringBuilder records = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            records.append(i == 0 ? "" : ",").append("{\"Id\":\"001Q").append(i)
                    .append("\",\"SystemModstamp\":\"2026-11-01T10:00:00.000+0000\",\"CreatedDate\":\"bad\"}");
        }
        store.store(page(SalesforceObject.ACCOUNT, records.append("]").toString()));

        assertThat(store.quarantinedCount()).isEqualTo(30);
        assertThat(store.recentQuarantine(7)).hasSize(7);
    }

    @Test
    void deleted_records_become_tombstones_that_are_neither_scored_nor_counted() throws Exception {
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","SystemModstamp":"2026-11-01T10:00:00.000+0000"},
                 {"Id":"001B","Name":"Beta","SystemModstamp":"2026-11-01T10:00:00.000+0000"}]"""));
        store.store(page(SalesforceObject.TASK, """
                [{"Id":"00T1","AccountId":"001A","Subject":"Call","ActivityDate":"2026-10-01","SystemModstamp":"2026-10-01T10:00:00.000+0000"},
                 {"Id":"00T2","AccountId":"001A","Subject":"Call","ActivityDate":"2026-10-02","SystemModstamp":"2026-10-02T10:00:00.000+0000"}]"""));
        store.store(page(SalesforceObject.OPPORTUNITY, """
                [{"Id":"006A","AccountId":"001A","Name":"Upsell","IsClosed":false,"IsWon":false,
                  "CreatedDate":"2026-09-01T08:00:00.000+0000","CloseDate":"2026-12-31","SystemModstamp":"2026-10-01T10:00:00.000+0000"}]"""));
        assertThat(store.opportunitiesByAccount().get("001A")).singleElement()
                .satisfies(o -> assertThat(o.createdAt()).isEqualTo(Instant.parse("2026-09-01T08:00:00Z")));

        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001B","IsDeleted":true,"SystemModstamp":"2026-11-03T10:00:00.000+0000"}]"""));
        store.store(page(SalesforceObject.TASK, """
                [{"Id":"00T2","AccountId":"001A","IsDeleted":true,"SystemModstamp":"2026-11-03T10:00:00.000+0000"}]"""));
        store.store(page(SalesforceObject.OPPORTUNITY, """
                [{"Id":"006A","AccountId":"001A","IsDeleted":true,"SystemModstamp":"2026-11-03T10:00:00.000+0000"}]"""));

        assertThat(store.accounts()).extracting(Account::crmId).containsExactly("001A");
        assertThat(store.activitiesByAccount(Instant.EPOCH).get("001A")).extracting(Activity::sourceId).containsExactly("00T1");
        assertThat(store.opportunitiesByAccount()).isEmpty();
        assertThat(store.cursor(SalesforceObject.TASK)).get().extracting(SalesforceCursor::lastId).isEqualTo("00T2");

        // undeleted from the recycle bin: it comes back with IsDeleted false
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001B","Name":"Beta","IsDeleted":false,"SystemModstamp":"2026-11-04T10:00:00.000+0000"}]"""));
        assertThat(store.accounts()).extracting(Account::crmId).containsExactly("001A", "001B");
    }

    @Test
    void a_complete_pull_settles_the_lookback_window_up_to_the_cursor_at_most() throws Exception {
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","SystemModstamp":"2026-11-01T10:00:00.000+0000"}]"""));
        assertThat(store.lastCompletePull("Account")).isEmpty();

        store.markComplete(SalesforceObject.ACCOUNT, Instant.parse("2026-11-01T09:59:30Z"), Instant.parse("2026-11-01T10:00:30Z"));
        assertThat(store.cursor(SalesforceObject.ACCOUNT)).get().satisfies(c -> assertThat(c.settled()).isFalse());

        store.markComplete(SalesforceObject.ACCOUNT, Instant.parse("2026-11-01T10:14:00Z"), Instant.parse("2026-11-01T10:15:00Z"));
        assertThat(store.cursor(SalesforceObject.ACCOUNT)).get().satisfies(c -> {
            assertThat(c.settled()).isTrue();
            assertThat(c.settledUntil()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z")); // never past the cursor
        });
        assertThat(store.lastCompletePull("Account")).contains(Instant.parse("2026-11-01T10:15:00Z"));
    }

    @Test
    void an_empty_store_says_so_until_something_is_pulled() throws Exception {
        assertThat(store.isEmpty()).isTrue();
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","SystemModstamp":"2026-11-01T10:00:00.000+0000"}]"""));
        assertThat(store.isEmpty()).isFalse();
        assertThat(store.describe()).doesNotContain("password").doesNotContain("user=");
    }

    @Test
    void a_new_plan_supersedes_every_older_one() {
        store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), Instant.parse("2026-11-24T12:00:00Z"),
                1, List.of(write("001A", 70)), List.of()));
        assertThat(store.supersededBy("plan-1")).isEmpty();

        store.savePlan(new WritebackPlan("plan-2", LocalDate.of(2026, 11, 24), Instant.parse("2026-11-24T12:15:00Z"),
                1, List.of(write("001A", 40)), List.of()));

        assertThat(store.supersededBy("plan-1")).contains("plan-2");
        assertThat(store.supersededBy("plan-2")).isEmpty();
    }

    private static PlannedWrite write(String id, int score) {
        return new PlannedWrite("Account", id, "Acme", List.of(new FieldChange("Health_Score__c", null, String.valueOf(score))),
                Map.of("Health_Score__c", score), Map.of("Health_Score__c", score + 0.25), "first write", List.of("a driver"));
    }

    @Test
    void our_writes_read_back_are_told_the_same_by_lookups_for_a_few_and_by_one_read_of_each_table_for_many()
            throws Exception {
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-01T10:00:00.000+0000","Health_Score__c":null},
                 {"Id":"001B","Name":"Beta","SystemModstamp":"2026-11-01T10:00:00.000+0000","Health_Score__c":null},
                 {"Id":"001C","Name":"Core","SystemModstamp":"2026-11-01T10:00:00.000+0000","Health_Score__c":null},
                 {"Id":"001E","Name":"Echo","SystemModstamp":"2026-11-01T10:00:00.000+0000","Health_Score__c":null},
                 {"Id":"001F","Name":"Fox","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-01T10:00:00.000+0000","Health_Score__c":null}]"""));
        PulledPage firstPull = page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":70}]""");
        assertThat(store.echoCheck(SalesforceObject.ACCOUNT, 1).echoes(firstPull).count()).as("nothing written yet").isZero();
        Instant at = Instant.parse("2026-11-02T09:00:00Z");
        List<PlannedWrite> writes = List.of(write("001A", 70), write("001B", 40), write("001C", 55), write("001F", 80),
                write("001G", 12));
        store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 2), at, 5, writes, List.of()));
        store.recordResults("plan-1", writes, writes.stream().map(w -> WriteResult.ok(w.recordId())).toList(), at);

        PulledPage pulled = page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":70.0},
                 {"Id":"001B","Name":"Beta Inc","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":40},
                 {"Id":"001C","Name":"Core","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":54},
                 {"Id":"001D","Name":"Delta","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":null},
                 {"Id":"001E","Name":"Echo","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":null},
                 {"Id":"001F","Name":"Fox","Customer_Segment__c":"Enterprise","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":80},
                 {"Id":"001G","Name":"Gone","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":12}]""");

        // 001A: only our score read back (72.0 for our 72); 001B: renamed; 001C: our score changed in the CRM;
        // 001D: not stored; 001E: never written; 001F: its segment changed; 001G: written but never stored
        assertThat(store.echoes(pulled).ids()).containsExactly("001A");
        assertThat(store.echoes(pulled).ourFields("001A")).containsExactly(Map.entry("Health_Score__c", "70.0"));
        assertThat(store.echoCheck(SalesforceObject.ACCOUNT, 1).echoes(pulled).ids()).as("by lookups")
                .containsExactly("001A");
        assertThat(store.echoCheck(SalesforceObject.TASK, 7).echoes(pulled).count()).isZero();
        PageEchoes byOneRead = store.echoCheck(SalesforceObject.ACCOUNT, 7).echoes(pulled);
        assertThat(byOneRead.ids()).as("by one read").containsExactly("001A");
    }

    @Test
    void an_echo_is_kept_as_its_stamp_and_our_fields_and_read_back_as_the_account_it_echoes() throws Exception {
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-01T10:00:00.000+0000","Health_Score__c":null},
                 {"Id":"001B","Name":"Beta","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-01T10:00:00.000+0000","Health_Score__c":null}]"""));
        Instant at = Instant.parse("2026-11-02T09:00:00Z");
        List<PlannedWrite> writes = List.of(write("001A", 70), write("001B", 40));
        store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 2), at, 2, writes, List.of()));
        store.recordResults("plan-1", writes, writes.stream().map(w -> WriteResult.ok(w.recordId())).toList(), at);
        PulledPage pulled = page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":70.0},
                 {"Id":"001B","Name":"Beta","Customer_Segment__c":"Enterprise","SystemModstamp":"2026-11-02T10:00:00.000+0000","Health_Score__c":40}]""");

        PageEchoes echoes = store.echoCheck(SalesforceObject.ACCOUNT, 2).echoes(pulled);
        assertThat(echoes.ids()).as("001B's segment changed in the CRM").containsExactly("001A");
        store.store(pulled, echoes);

        Map<String, Account> read = store.accounts().stream().collect(Collectors.toMap(Account::crmId, a -> a));
        assertThat(read.get("001A").crmFields()).containsExactly(Map.entry("Health_Score__c", "70.0"));
        assertThat(read.get("001A").systemModstamp()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(read.get("001A").segment()).isEqualTo("SMB");
        assertThat(read.get("001B").crmFields()).containsExactly(Map.entry("Health_Score__c", "40"));
        assertThat(read.get("001B").segment()).isEqualTo("Enterprise");
        assertThat(store.echoCheck(SalesforceObject.ACCOUNT, 2).echoes(pulled).ids())
                .as("read again, both are what is stored now: 001A through the echo kept").containsExactlyInAnyOrder("001A", "001B");

        // 001A changed in the CRM afterwards: stored whole again, its kept echo forgotten
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme Corp","Customer_Segment__c":"SMB","SystemModstamp":"2026-11-03T10:00:00.000+0000","Health_Score__c":70.0}]"""),
                PageEchoes.NONE);
        Account renamed = store.accounts().stream().filter(a -> a.crmId().equals("001A")).findFirst().orElseThrow();
        assertThat(renamed.name()).isEqualTo("Acme Corp");
        assertThat(renamed.systemModstamp()).as("the echo kept before is forgotten").isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
    }

    @Test
    void should_record_per_record_results_and_keep_failed_records_pending() {
        WritebackPlan plan = new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), Instant.parse("2026-11-24T12:00:00Z"),
                2, List.of(write("001A", 70), write("001B", 40)), List.of("a problem"));
        store.savePlan(plan);

        assertThat(store.latestPlan()).get().satisfies(p -> {
            assertThat(p.writes()).isEqualTo(plan.writes());
            assertThat(p.problems()).containsExactly("a problem");
        });
        assertThat(store.pendingWrites("plan-1")).hasSize(2);
        assertThat(store.anyWritten("plan-1")).isFalse();
        store.recordResults("plan-1", plan.writes().subList(1, 2),
                List.of(WriteResult.failed("001B", "UNABLE_TO_LOCK_ROW", "locked")), Instant.parse("2026-11-24T12:00:02Z"));
        assertThat(store.anyWritten("plan-1")).as("a failed write is still pending").isFalse();

        store.recordResults("plan-1", plan.writes(), List.of(WriteResult.ok("001A"),
                WriteResult.failed("001B", "UNABLE_TO_LOCK_ROW", "locked")), Instant.parse("2026-11-24T12:00:05Z"));

        assertThat(store.pendingWrites("plan-1")).extracting(PlannedWrite::recordId).containsExactly("001B");
        assertThat(store.anyWritten("plan-1")).isTrue();
        assertThat(store.outboxCounts("plan-1")).containsEntry("written", 1).containsEntry("failed", 1);
        assertThat(store.failedWrites("plan-1")).containsExactly(Map.entry("001B", "UNABLE_TO_LOCK_ROW: locked"));
        Map<String, Map<String, WrittenValue>> written = store.writtenFields("Account");
        assertThat(written).containsOnlyKeys("001A");
        assertThat(written.get("001A").get("Health_Score__c"))
                .isEqualTo(new WrittenValue("70", 70.25, Instant.parse("2026-11-24T12:00:05Z")));
    }

    @Test
    void a_later_write_of_some_fields_keeps_the_record_s_other_fields_as_last_written() {
        Instant first = Instant.parse("2026-11-24T12:00:05Z");
        Instant second = Instant.parse("2026-11-25T12:00:05Z");
        PlannedWrite both = new PlannedWrite("Account", "001A", "Acme", List.of(),
                Map.of("Health_Score__c", 70, "Health_Band__c", "Yellow"), Map.of("Health_Score__c", 70.25), "first write",
                List.of());
        store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), first, 1, List.of(both), List.of()));
        store.recordResults("plan-1", List.of(both), List.of(WriteResult.ok("001A")), first);
        PlannedWrite score = new PlannedWrite("Account", "001A", "Acme", List.of(), Map.of("Health_Score__c", 64),
                Map.of("Health_Score__c", 63.9), "score moved", List.of());
        store.savePlan(new WritebackPlan("plan-2", LocalDate.of(2026, 11, 25), second, 1, List.of(score), List.of()));
        store.recordResults("plan-2", List.of(score), List.of(WriteResult.ok("001A")), second);

        assertThat(store.writtenFields("Account").get("001A")).containsOnly(
                Map.entry("Health_Score__c", new WrittenValue("64", 63.9, second)),
                Map.entry("Health_Band__c", new WrittenValue("Yellow", null, first)));
        assertThat(store.writtenFields("Opportunity")).isEmpty();
    }

    @Test
    void a_later_write_of_many_records_keeps_each_record_s_other_fields() {
        // more records than one transaction of results takes (500 on H2, 5,000 on PostgreSQL, whose upsert merges)
        int n = 1_234;
        Instant first = Instant.parse("2026-11-24T12:00:05Z");
        Instant second = Instant.parse("2026-11-25T12:00:05Z");
        List<PlannedWrite> both = new ArrayList<>();
        List<PlannedWrite> scores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("001%015d", i);
            both.add(new PlannedWrite("Account", id, "Acme", List.of(), Map.of("Health_Score__c", 70, "Health_Band__c",
                    "Yellow"), Map.of("Health_Score__c", 70.25), "first write", List.of()));
            scores.add(new PlannedWrite("Account", id, "Acme", List.of(), Map.of("Health_Score__c", i % 100),
                    Map.of(), "score moved", List.of()));
        }
        store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), first, n, both, List.of()));
        store.recordResults("plan-1", both, both.stream().map(w -> WriteResult.ok(w.recordId())).toList(), first);
        // the second write of half the records only: the others keep both fields as first written
        List<PlannedWrite> half = scores.subList(0, n / 2);
        store.savePlan(new WritebackPlan("plan-2", LocalDate.of(2026, 11, 25), second, n, half, List.of()));
        store.recordResults("plan-2", half, half.stream().map(w -> WriteResult.ok(w.recordId())).toList(), second);

        Map<String, Map<String, WrittenValue>> written = store.writtenFields("Account");
        assertThat(written).hasSize(n);
        for (int i = 0; i < n; i++) {
            Map<String, WrittenValue> fields = written.get(String.format("001%015d", i));
            assertThat(fields.get("Health_Band__c")).isEqualTo(new WrittenValue("Yellow", null, first));
            assertThat(fields.get("Health_Score__c")).isEqualTo(i < n / 2
                    ? new WrittenValue(String.valueOf(i % 100), null, second) : new WrittenValue("70", 70.25, first));
        }
    }

    @Test
    void a_duplicate_plan_id_is_refused_and_nothing_of_it_is_stored() {
        WritebackPlan plan = new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), Instant.now(), 1,
                List.of(write("001A", 70)), List.of());
        store.savePlan(plan);

        assertThatThrownBy(() -> store.savePlan(plan)).isInstanceOf(StoreException.class);
        assertThat(store.pendingWrites("plan-1")).hasSize(1);
    }

    @Test
    void a_plan_whose_save_fails_after_its_writes_leaves_none_of_them_and_the_previous_plan_stands() {
        WritebackPlan first = new WritebackPlan("plan-1", LocalDate.of(2026, 11, 24), Instant.parse("2026-11-24T12:00:00Z"),
                1, List.of(write("001A", 70)), List.of());
        store.savePlan(first);
        int many = store.rowsPerTransaction() + 2; // its writes take two parts
        List<PlannedWrite> writes = java.util.stream.IntStream.range(0, many)
                .mapToObj(i -> write(String.format("001%015d", i), 50)).toList();
        WritebackPlan second = new WritebackPlan("plan-2", LocalDate.of(2026, 11, 25), Instant.parse("2026-11-25T12:00:00Z"),
                many, writes, List.of());
        renameTable("playbook_action", "playbook_action_elsewhere"); // the plan's last transaction cannot complete

        assertThatThrownBy(() -> store.savePlan(second)).isInstanceOf(StoreException.class);
        renameTable("playbook_action_elsewhere", "playbook_action");

        assertThat(store.latestPlan()).get().extracting(WritebackPlan::id).isEqualTo("plan-1");
        assertThat(store.supersededBy("plan-1")).isEmpty();
        assertThat(store.pendingWrites("plan-2")).isEmpty();
        assertThat(store.outboxCounts("plan-2")).isEmpty();

        store.savePlan(second);
        assertThat(store.latestPlan()).get().satisfies(p -> assertThat(p.writes()).isEqualTo(writes));
        assertThat(store.supersededBy("plan-1")).contains("plan-2");
    }

    @Test
    void describes_are_archived_until_forgotten() throws Exception {
        io.healthsync.connectors.salesforce.SObjectDescribe describe = io.healthsync.connectors.salesforce.SObjectDescribe.parse(
                new ObjectMapper().readTree("{\"name\":\"Account\",\"fields\":[{\"name\":\"Health_Score__c\",\"type\":\"double\",\"updateable\":true,\"length\":0}]}"));
        Instant fetched = Instant.parse("2026-11-24T12:00:00Z");
        store.saveDescribe("account", describe, fetched);

        assertThat(store.loadDescribe("account")).get().satisfies(archived -> {
            assertThat(archived.describe()).isEqualTo(describe);
            assertThat(archived.fetchedAt()).isEqualTo(fetched);
        });
        store.forgetDescribe("account");
        assertThat(store.loadDescribe("account")).isEmpty();
    }

    // ---- the source seam's tables ---------------------------------------------------------------

    void twoAccounts() throws Exception {
        store.store(page(SalesforceObject.ACCOUNT, """
                [{"Id":"001A","Name":"Acme","Website":"https://www.acme.com","SystemModstamp":"2026-11-01T10:00:00.000+0000"},
                 {"Id":"001B","Name":"Beta","Website":"beta.io","SystemModstamp":"2026-11-01T10:00:00.000+0000"}]"""));
    }

    static io.healthsync.connectors.source.MatchedPage sourcePage(String cursor) {
        var page = new io.healthsync.connectors.source.MatchedPage();
        page.cursor = cursor;
        page.records = 3;
        page.links.add(new io.healthsync.connectors.source.MatchedPage.Link("org-1", "Acme Inc", "domain=acme.com", "001A"));
        page.activities.add(new Activity("zendesk", "ticket/1/solved", "001A", ActivityType.TICKET_SOLVED, "ticket solved",
                "high", Instant.parse("2026-11-02T10:00:00Z"), null, null, Map.of("resolution_hours", 54.0)));
        page.usage.add(new io.healthsync.model.UsageDay("amplitude", "001B", LocalDate.parse("2026-11-02"), 7, 9,
                Map.of("reports", 4)));
        page.subscriptions.add(new io.healthsync.model.Subscription("stripe", "sub_1", "001A", "active", 12, 6000.0, "USD",
                LocalDate.parse("2027-01-01"), false));
        page.outcomes.add(new io.healthsync.model.Outcome("stripe", "churned/sub_9", "001B",
                io.healthsync.model.OutcomeKind.CHURNED, LocalDate.parse("2026-10-01"), 3000.0, "USD"));
        page.unmatched.add(new io.healthsync.connectors.source.UnmatchedRecord("zendesk", "activity", "ticket/2/opened",
                "tickets", "link=org-9", "{\"keys\":[],\"record\":{}}"));
        return page;
    }

    @Test
    void a_source_page_its_matches_and_its_cursor_are_stored_together_and_read_back() throws Exception {
        twoAccounts();

        store.store("zendesk", "tickets", sourcePage("{\"after_cursor\":\"abc\"}"));

        assertThat(store.cursor("zendesk", "tickets")).contains("{\"after_cursor\":\"abc\"}");
        assertThat(store.accountIndex("zendesk").byLink("org-1")).contains("001A");
        assertThat(store.accountIndex("zendesk").byDomain("acme.com")).containsExactly("001A"); // from Website
        assertThat(store.activitiesByAccount(Instant.EPOCH).get("001A")).singleElement()
                .satisfies(a -> assertThat(a.measure("resolution_hours")).isEqualTo(54.0));
        assertThat(store.usageByAccount(LocalDate.parse("2026-11-01")).get("001B")).singleElement()
                .satisfies(u -> assertThat(u.featureEvents()).containsEntry("reports", 4));
        assertThat(store.subscriptionsByAccount().get("001A")).singleElement()
                .satisfies(sub -> assertThat(sub.currentPeriodEnd()).isEqualTo(LocalDate.parse("2027-01-01")));
        assertThat(store.outcomes()).singleElement().satisfies(o -> assertThat(o.kind().key()).isEqualTo("churned"));
        assertThat(store.unmatched("zendesk")).singleElement()
                .satisfies(u -> assertThat(u.keys()).isEqualTo("link=org-9"));
        assertThat(store.unmatchedCount("zendesk")).isEqualTo(1);
        assertThat(store.accountsWithData("zendesk")).containsExactly("001A");
        assertThat(store.storedCounts("stripe")).containsEntry("subscriptions", 1L).containsEntry("outcomes", 1L);
        assertThat(store.cursors("zendesk")).singleElement().satisfies(c -> assertThat(c.recordsTotal()).isEqualTo(3));
    }

    @Test
    void scoring_reads_one_range_of_accounts_at_a_time_and_a_range_holds_only_its_accounts_data() throws Exception {
        twoAccounts();
        store.store("zendesk", "tickets", sourcePage("c1")); // 001A: a ticket and a subscription; 001B: a usage day
        store.store(page(SalesforceObject.OPPORTUNITY, """
                [{"Id":"006B","AccountId":"001B","Name":"Upsell","IsClosed":false,"IsWon":false,
                  "CreatedDate":"2026-09-01T08:00:00.000+0000","CloseDate":"2026-12-31","SystemModstamp":"2026-10-01T10:00:00.000+0000"}]"""));
        AccountRange onlyA = new AccountRange("001A", "001A");
        AccountRange onlyB = new AccountRange("001B", "001B");
        LocalDate since = LocalDate.parse("2026-11-01");

        assertThat(store.scoringActivities(Instant.EPOCH, onlyA)).containsOnlyKeys("001A");
        assertThat(store.scoringActivities(Instant.EPOCH, onlyB)).isEmpty();
        assertThat(store.subscriptionsByAccount(onlyA)).containsOnlyKeys("001A");
        assertThat(store.subscriptionsByAccount(onlyB)).isEmpty();
        assertThat(store.usageByAccount(since, onlyB)).containsOnlyKeys("001B");
        assertThat(store.usageByAccount(since, onlyA)).isEmpty();
        assertThat(store.opportunitiesByAccount(onlyB)).containsOnlyKeys("001B");
        assertThat(store.opportunitiesByAccount(onlyA)).isEmpty();
        // both bounds included: the range of both accounts reads what the whole store holds
        AccountRange both = new AccountRange("001A", "001B");
        assertThat(inTimeOrder(store.scoringActivities(Instant.EPOCH, both)))
                .isEqualTo(asScoringReadsThem(store.activitiesByAccount(Instant.EPOCH)));
        assertThat(store.usageByAccount(since, both)).isEqualTo(store.usageByAccount(since));
        assertThat(store.subscriptionsByAccount(both)).isEqualTo(store.subscriptionsByAccount());
        assertThat(store.opportunitiesByAccount(both)).isEqualTo(store.opportunitiesByAccount());
    }

    @Test
    void scoring_reads_an_activitys_source_account_types_time_and_measures_and_nothing_else() throws Exception {
        twoAccounts();
        store.store("zendesk", "tickets", sourcePage("c1"));
        store.store(page(SalesforceObject.TASK, TASKS));

        Map<String, List<Activity>> read = store.scoringActivities(Instant.EPOCH, new AccountRange("001A", "001B"));

        assertThat(read.get("001A")).containsExactlyInAnyOrder(
                new Activity("zendesk", null, "001A", ActivityType.TICKET_SOLVED, "ticket solved", "high",
                        Instant.parse("2026-11-02T10:00:00Z"), null, null, Map.of("resolution_hours", 54.0)),
                new Activity("salesforce.Task", null, "001A", null, "Call", null, Instant.parse("2026-10-01T00:00:00Z"),
                        null, null));
        assertThat(read.get("001B")).extracting(Activity::rawType).containsExactly("Call");
        assertThat(inTimeOrder(read)).isEqualTo(asScoringReadsThem(store.activitiesByAccount(Instant.EPOCH)));
    }

    /** Activities as {@link Store#scoringActivities} reads them (without source id, actor and duration), in time order. */
    private static Map<String, List<Activity>> asScoringReadsThem(Map<String, List<Activity>> activities) {
        Map<String, List<Activity>> read = new java.util.HashMap<>();
        activities.forEach((account, list) -> read.put(account, list.stream().map(a -> new Activity(a.source(), null,
                a.accountId(), a.type(), a.rawType(), a.sourceType(), a.occurredAt(), null, null, a.measures())).toList()));
        return inTimeOrder(read);
    }

    /** Each account's activities in time order, whatever order a read gave them in. */
    private static Map<String, List<Activity>> inTimeOrder(Map<String, List<Activity>> activities) {
        Map<String, List<Activity>> sorted = new java.util.HashMap<>();
        activities.forEach((account, list) -> sorted.put(account, list.stream()
                .sorted(java.util.Comparator.comparing(Activity::occurredAt)).toList()));
        return sorted;
    }

    @Test
    void a_reread_source_page_upserts_a_usage_day_replaces_it_and_a_rematched_record_leaves_the_unmatched_table()
            throws Exception {
        twoAccounts();
        store.store("zendesk", "tickets", sourcePage("c1"));

        var again = sourcePage("c2");
        again.usage.set(0, new io.healthsync.model.UsageDay("amplitude", "001B", LocalDate.parse("2026-11-02"), 8, 10,
                Map.of("reports", 5)));
        again.unmatched.clear();
        again.rematched.add(new io.healthsync.connectors.source.MatchedPage.UnmatchedKey("activity", "ticket/2/opened"));
        store.store("zendesk", "tickets", again);

        assertThat(store.activitiesByAccount(Instant.EPOCH).get("001A")).hasSize(1);
        assertThat(store.usageByAccount(LocalDate.parse("2026-11-01")).get("001B")).singleElement()
                .satisfies(u -> assertThat(u.activeUsers()).isEqualTo(8));
        assertThat(store.unmatchedCount("zendesk")).isZero();
        assertThat(store.cursor("zendesk", "tickets")).contains("c2");
    }

    @Test
    void a_usage_backfill_into_an_empty_table_sets_its_index_aside_and_the_end_of_the_sources_pull_builds_it() throws Exception {
        twoAccounts();
        List<String> migrated = store.backfillIndexes().present("usage_day");
        assertThat(migrated).contains("usage_day_by_account(account_id, usage_date)");

        store.store("amplitude", "usage", sourcePage("{\"last_day\":\"2026-11-02\"}"));
        assertThat(store.backfillIndexes().present("usage_day")).doesNotContain("usage_day_by_account(account_id, usage_date)");
        // another source's pull, pulled beside it, ends first: the backfill's index stays aside until its own ends
        var zendesk = new io.healthsync.connectors.source.SourcePullReport("zendesk", Instant.parse("2026-12-01T10:00:00Z"));
        zendesk.finishedAt = Instant.parse("2026-12-01T10:00:30Z");
        store.recordRun(zendesk);
        store.backfillsDone(); // and Salesforce's backfills, which set nothing aside here
        assertThat(store.backfillIndexes().present("usage_day")).doesNotContain("usage_day_by_account(account_id, usage_date)");
        var run = new io.healthsync.connectors.source.SourcePullReport("amplitude", Instant.parse("2026-12-01T10:00:00Z"));
        run.finishedAt = Instant.parse("2026-12-01T10:01:00Z");
        store.recordRun(run);
        assertThat(store.backfillIndexes().present("usage_day")).isEqualTo(migrated);

        // a table that holds days keeps it through the next pull's pages; a read builds one left aside by a pull that never ended
        store.store("amplitude", "usage", sourcePage("{\"last_day\":\"2026-11-03\"}"));
        assertThat(store.backfillIndexes().present("usage_day")).isEqualTo(migrated);
        execute("DELETE FROM usage_day");
        store.store("amplitude", "usage", sourcePage("{\"last_day\":\"2026-11-02\"}"));
        assertThat(store.backfillIndexes().present("usage_day")).isNotEqualTo(migrated);
        assertThat(store.usageByAccount(LocalDate.parse("2026-11-01"))).containsOnlyKeys("001B");
        assertThat(store.backfillIndexes().present("usage_day")).isEqualTo(migrated);
    }

    /** A backfill page of {@code count} activities of {@code source}, ids from {@code from}, on the two accounts. */
    static io.healthsync.connectors.source.MatchedPage activitiesPage(String source, int from, int count) {
        var page = new io.healthsync.connectors.source.MatchedPage();
        page.records = count;
        for (int i = from; i < from + count; i++) {
            page.activities.add(new Activity(source, "invoice/" + i, i % 2 == 0 ? "001A" : "001B",
                    ActivityType.INVOICE_PAID, "invoice paid", "invoice", Instant.parse("2026-11-02T10:00:00Z")
                    .plusSeconds(i), null, null, Map.of("amount", 100.0 + i)));
        }
        return page;
    }

    private void pullEnds(String source) {
        var run = new io.healthsync.connectors.source.SourcePullReport(source, Instant.parse("2026-12-01T10:00:00Z"));
        run.finishedAt = Instant.parse("2026-12-01T10:01:00Z");
        store.recordRun(run);
    }

    @Test
    void backfills_into_a_table_that_holds_records_set_its_index_aside_once_large_and_the_last_ones_end_builds_it()
            throws Exception {
        twoAccounts();
        List<String> migrated = store.backfillIndexes().present("activity");
        store.store("zendesk", "tickets", activitiesPage("zendesk", 0, 12)); // small: kept up row by row
        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
        store.markComplete("zendesk", "tickets", Instant.parse("2026-12-01T09:00:00Z"));
        pullEnds("zendesk");

        store.backfillIndexes().largeBackfillRows(4);
        store.store("stripe", "invoices", activitiesPage("stripe", 0, 2));
        assertThat(store.backfillIndexes().present("activity")).as("2 rows beside 12").isEqualTo(migrated);
        store.store("zendesk", "tickets", activitiesPage("zendesk", 100, 9)); // a day's changes, not a backfill
        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
        store.store("stripe", "invoices", activitiesPage("stripe", 2, 2));
        assertThat(store.backfillIndexes().present("activity")).as("4 rows beside 12").doesNotContain(ACTIVITY_BY_ACCOUNT);

        // another backfill writes beside it: the index waits for its end too
        store.store("zendesk", "satisfaction_ratings", activitiesPage("zendesk", 200, 1));
        pullEnds("stripe");
        assertThat(store.backfillIndexes().present("activity")).doesNotContain(ACTIVITY_BY_ACCOUNT);
        pullEnds("zendesk");
        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
        assertThat(store.activitiesByAccount(Instant.EPOCH).values().stream().mapToInt(List::size).sum()).isEqualTo(26);

        // a reader builds it back in the middle of a backfill, which then keeps it up to its end
        store.store("stripe", "invoices", activitiesPage("stripe", 4, 10));
        assertThat(store.backfillIndexes().present("activity")).doesNotContain(ACTIVITY_BY_ACCOUNT);
        assertThat(store.scoringActivities(Instant.EPOCH, null).get("001B")).hasSize(17); // 6 + 4 + 2 + 5 odd ids
        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
        store.store("stripe", "invoices", activitiesPage("stripe", 14, 10));
        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
        pullEnds("stripe");
        assertThat(store.backfillIndexes().present("activity")).isEqualTo(migrated);
    }

    @Test
    void the_index_unmatched_records_were_last_tried_against_is_kept_per_source() {
        assertThat(store.unmatchedTriedAgainst("zendesk")).isEmpty();
        store.saveUnmatchedTriedAgainst("zendesk", "1f/2/0");
        store.saveUnmatchedTriedAgainst("stripe", "9a/2/1");
        store.saveUnmatchedTriedAgainst("zendesk", "2e/3/0");
        assertThat(store.unmatchedTriedAgainst("zendesk")).contains("2e/3/0");
        assertThat(store.unmatchedTriedAgainst("stripe")).contains("9a/2/1");
    }

    @Test
    void source_runs_breaker_state_and_completion_are_kept_for_status() {
        var run = new io.healthsync.connectors.source.SourcePullReport("stripe", Instant.parse("2026-12-01T10:00:00Z"));
        run.state = "open-breaker";
        run.pages = 2;
        run.message = "stripe answered with HTTP 503";
        run.finishedAt = Instant.parse("2026-12-01T10:01:00Z");
        store.recordRun(run);
        store.saveBreaker("stripe", new io.healthsync.connectors.source.SourceSink.BreakerMemory("OPEN",
                Instant.parse("2026-12-01T10:01:00Z")));
        store.markComplete("stripe", "customers", Instant.parse("2026-12-01T09:00:00Z"));

        assertThat(store.lastRun("stripe")).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo("open-breaker");
            assertThat(r.pages()).isEqualTo(2);
        });
        assertThat(store.breaker("stripe")).hasValueSatisfying(b -> assertThat(b.state()).isEqualTo("OPEN"));
        assertThat(store.sourceCompleteAt("stripe")).contains(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(store.lastRun("zendesk")).isEmpty();
    }

    @Test
    void each_days_score_is_kept_in_the_history_and_a_rerun_on_the_same_day_replaces_it() {
        java.util.function.BiFunction<LocalDate, Double, io.healthsync.model.HealthScore> score = (day, value) ->
                new io.healthsync.model.HealthScore("001A", day, value, value <= 30 ? io.healthsync.model.Band.RED
                        : io.healthsync.model.Band.YELLOW, List.of(), List.of(), null, null, "scorecard-v1");
        LocalDate monday = LocalDate.parse("2026-11-30");
        store.saveScores(List.of(score.apply(monday.minusDays(1), 64.0)), Instant.parse("2026-11-29T06:00:00Z"));
        store.saveScores(List.of(score.apply(monday, 52.0)), Instant.parse("2026-11-30T06:00:00Z"));
        store.saveScores(List.of(score.apply(monday, 28.0)), Instant.parse("2026-11-30T18:00:00Z"));

        assertThat(store.scoreHistory(LocalDate.parse("2026-11-01")).get("001A"))
                .extracting(io.healthsync.scoring.playbooks.ScorePoint::date, io.healthsync.scoring.playbooks.ScorePoint::score,
                        io.healthsync.scoring.playbooks.ScorePoint::band)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(monday.minusDays(1), 64.0, io.healthsync.model.Band.YELLOW),
                        org.assertj.core.groups.Tuple.tuple(monday, 28.0, io.healthsync.model.Band.RED));
        assertThat(store.scoreHistory(monday).get("001A")).hasSize(1);
        // the days before one: what the playbooks compare today's score with
        assertThat(store.scoreHistory(LocalDate.parse("2026-11-01"), monday).get("001A"))
                .extracting(io.healthsync.scoring.playbooks.ScorePoint::date).containsExactly(monday.minusDays(1));
        assertThat(store.scoreHistory(monday, monday)).isEmpty();
    }

    @Test
    void a_score_saved_again_unchanged_the_same_day_is_left_as_it_is_and_a_changed_or_next_days_one_is_written() {
        LocalDate monday = LocalDate.parse("2026-11-30");
        java.util.function.BiFunction<String, Double, io.healthsync.model.HealthScore> score = (account, value) ->
                new io.healthsync.model.HealthScore(account, monday, value, io.healthsync.model.Band.YELLOW,
                        List.of(new io.healthsync.model.SignalValue("days_since_last_touch", 3.0, 90.5, 0.2)), List.of(),
                        null, null, "scorecard-v1");
        Instant morning = Instant.parse("2026-11-30T06:00:00Z");
        Instant noon = Instant.parse("2026-11-30T12:00:00Z");
        assertThat(store.saveScores(List.of(score.apply("001A", 52.0), score.apply("001B", 60.0)), morning)).isEqualTo(2);

        // fifteen minutes of schedule later: 001A came out the same, 001B moved
        assertThat(store.saveScores(List.of(score.apply("001A", 52.0), score.apply("001B", 61.0)), noon)).isEqualTo(1);
        assertThat(store.latestScore("001A")).hasValueSatisfying(s -> assertThat(s.computedAt()).isEqualTo(morning));
        assertThat(store.latestScore("001B")).hasValueSatisfying(s -> {
            assertThat(s.score()).isEqualTo(61.0);
            assertThat(s.computedAt()).isEqualTo(noon);
        });
        assertThat(store.scoreHistory(monday).get("001B")).extracting(io.healthsync.scoring.playbooks.ScorePoint::score)
                .containsExactly(61.0);

        // the next day the same numbers are a new day's scores: written, and kept in the history
        java.util.function.Function<String, io.healthsync.model.HealthScore> tuesday = account ->
                new io.healthsync.model.HealthScore(account, monday.plusDays(1), 52.0, io.healthsync.model.Band.YELLOW,
                        List.of(), List.of(), null, null, "scorecard-v1");
        assertThat(store.saveScores(List.of(tuesday.apply("001A")), Instant.parse("2026-12-01T06:00:00Z"))).isEqualTo(1);
        assertThat(store.scoreHistory(monday).get("001A")).extracting(io.healthsync.scoring.playbooks.ScorePoint::date)
                .containsExactly(monday, monday.plusDays(1));
    }

    @Test
    void a_score_save_that_cannot_write_todays_history_leaves_the_previous_scores_and_the_next_save_writes_all() {
        LocalDate monday = LocalDate.parse("2026-11-30");
        int accounts = store.rowsPerTransaction() * 2 + 1; // three parts
        java.util.function.DoubleFunction<List<io.healthsync.model.HealthScore>> scores = value -> java.util.stream.IntStream
                .range(0, accounts).mapToObj(i -> new io.healthsync.model.HealthScore(String.format("001%015d", i), monday,
                        value, io.healthsync.model.Band.YELLOW, List.of(), List.of(), null, null, "scorecard-v1"))
                .toList();
        assertThat(store.saveScores(scores.apply(50.0), Instant.parse("2026-11-30T06:00:00Z"))).isEqualTo(accounts);
        renameTable("score_history", "score_history_elsewhere");

        assertThatThrownBy(() -> store.saveScores(scores.apply(60.0), Instant.parse("2026-11-30T12:00:00Z")))
                .isInstanceOf(StoreException.class);
        renameTable("score_history_elsewhere", "score_history");
        for (String account : List.of(String.format("001%015d", 0), String.format("001%015d", accounts - 1))) {
            assertThat(store.latestScore(account)).hasValueSatisfying(s -> assertThat(s.score()).isEqualTo(50.0));
        }

        // the next save writes every account again, its history too
        assertThat(store.saveScores(scores.apply(60.0), Instant.parse("2026-11-30T18:00:00Z"))).isEqualTo(accounts);
        Map<String, List<io.healthsync.scoring.playbooks.ScorePoint>> history = store.scoreHistory(monday);
        assertThat(history).hasSize(accounts);
        assertThat(history.values()).allSatisfy(points -> assertThat(points)
                .extracting(io.healthsync.scoring.playbooks.ScorePoint::score).containsExactly(60.0));
    }

    @Test
    void a_score_the_fingerprint_read_does_not_see_is_replaced_and_its_history_written() {
        LocalDate monday = LocalDate.parse("2026-11-30");
        java.util.function.BiFunction<String, Double, io.healthsync.model.HealthScore> score = (account, value) ->
                new io.healthsync.model.HealthScore(account, monday, value, io.healthsync.model.Band.YELLOW, List.of(),
                        List.of(), null, null, "scorecard-v1");
        assertThat(store.saveScores(List.of(score.apply("001A", 52.0), score.apply("001B", 60.0)),
                Instant.parse("2026-11-30T06:00:00Z"))).isEqualTo(2);
        // rows as a version before fingerprints left them, without the day's history
        execute("UPDATE health_score SET fingerprint = NULL");
        execute("DELETE FROM score_history");

        assertThat(store.saveScores(List.of(score.apply("001A", 40.0), score.apply("001C", 70.0)),
                Instant.parse("2026-11-30T12:00:00Z"))).isEqualTo(2);

        assertThat(store.latestScore("001A")).hasValueSatisfying(s -> assertThat(s.score()).isEqualTo(40.0));
        assertThat(store.latestScore("001B")).hasValueSatisfying(s -> assertThat(s.score()).isEqualTo(60.0));
        assertThat(store.latestScore("001C")).hasValueSatisfying(s -> assertThat(s.score()).isEqualTo(70.0));
        assertThat(store.scoreHistory(monday)).containsOnlyKeys("001A", "001C");
    }

    private void execute(String sql) {
        store.inTransaction(connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }

    private void renameTable(String from, String to) {
        store.inTransaction(connection -> {
            try (java.sql.Statement sql = connection.createStatement()) {
                sql.execute("ALTER TABLE " + from + " RENAME TO " + to);
            }
            return null;
        });
    }

    @Test
    void the_days_cohort_reference_comes_back_exactly_and_a_newer_one_replaces_it() {
        LocalDate today = LocalDate.of(2026, 12, 6);
        Map<String, Map<io.healthsync.model.Signal, double[]>> sorted = Map.of(
                io.healthsync.scoring.scorecard.CohortReference.EVERYONE, Map.of(
                        io.healthsync.model.Signal.TOUCHES_30D, new double[] {-0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 17.5},
                        io.healthsync.model.Signal.OPEN_OPPORTUNITIES, new double[] {}),
                "segment SMB", Map.of(io.healthsync.model.Signal.TOUCHES_30D, new double[] {0.1 + 0.2, Math.PI}));
        var reference = io.healthsync.scoring.scorecard.CohortReference.restore(today, 25, sorted).orElseThrow();

        assertThat(store.cohortReference(today)).isEmpty();
        store.saveCohortReference(reference);
        var back = store.cohortReference(today).orElseThrow();

        assertThat(back.day()).isEqualTo(today);
        assertThat(back.minCohortSize()).isEqualTo(25);
        assertThat(back.sortedByCohort()).containsOnlyKeys("all", "segment SMB");
        assertThat(back.sortedByCohort().get("all").get(io.healthsync.model.Signal.TOUCHES_30D))
                .containsExactly(-0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 17.5);
        assertThat(Double.doubleToRawLongBits(back.sortedByCohort().get("all").get(io.healthsync.model.Signal.TOUCHES_30D)[0]))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.sortedByCohort().get("all").get(io.healthsync.model.Signal.OPEN_OPPORTUNITIES)).isEmpty();
        assertThat(back.sortedByCohort().get("segment SMB").get(io.healthsync.model.Signal.TOUCHES_30D))
                .containsExactly(0.1 + 0.2, Math.PI);
        assertThat(store.cohortReference(today.minusDays(1))).isEmpty();

        // the next day's reference is the only one kept
        store.saveCohortReference(io.healthsync.scoring.scorecard.CohortReference.restore(today.plusDays(1), 25, Map.of(
                "all", Map.of(io.healthsync.model.Signal.TOUCHES_30D, new double[] {2.0}))).orElseThrow());
        assertThat(store.cohortReference(today)).isEmpty();
        assertThat(store.cohortReference(today.plusDays(1)).orElseThrow().sortedByCohort().get("all")
                .get(io.healthsync.model.Signal.TOUCHES_30D)).containsExactly(2.0);
    }

    @Test
    void a_backfilled_day_is_inserted_and_a_day_backfilled_again_replaces_its_scores_whole() {
        java.util.function.BiFunction<String, Double, io.healthsync.model.HealthScore> score = (account, value) ->
                new io.healthsync.model.HealthScore(account, LocalDate.parse("2026-11-20"), value,
                        io.healthsync.model.Band.YELLOW, List.of(), List.of(), null, null, "scorecard-v1");
        store.saveScoreHistory(List.of(score.apply("001A", 50.0), score.apply("001B", 60.0)));
        // a second run that backfilled the same day: one row already there, one new
        store.saveScoreHistory(List.of(score.apply("001B", 61.0), score.apply("001C", 70.0)));

        Map<String, List<io.healthsync.scoring.playbooks.ScorePoint>> history = store.scoreHistory(LocalDate.parse("2026-11-01"));
        assertThat(history).containsOnlyKeys("001A", "001B", "001C");
        assertThat(history.get("001B")).extracting(io.healthsync.scoring.playbooks.ScorePoint::score).containsExactly(61.0);
        assertThat(history.get("001C")).extracting(io.healthsync.scoring.playbooks.ScorePoint::score).containsExactly(70.0);
        assertThat(store.scoredDays(List.of(LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-20"))))
                .containsExactly(LocalDate.parse("2026-11-20"));
    }

    @Test
    void estimated_days_and_scored_days_come_back_together_in_date_order() {
        java.util.function.BiFunction<String, String, io.healthsync.model.HealthScore> score = (account, day) ->
                new io.healthsync.model.HealthScore(account, LocalDate.parse(day), 40 + day.charAt(9) - '0',
                        io.healthsync.model.Band.YELLOW, List.of(), List.of(), null, null, "scorecard-v1");
        // scored on the 18th; the 15th and the 20th estimated by a later run (no run on those days)
        store.saveScores(List.of(score.apply("001A", "2026-11-18"), score.apply("001B", "2026-11-18")),
                Instant.parse("2026-11-18T08:00:00Z"));
        java.util.List<io.healthsync.model.HealthScore> estimated = new java.util.ArrayList<>();
        for (int i = 0; i < JdbcStore.SCORES_PER_BLOCK + 1; i++) { // two blocks a day
            estimated.add(score.apply(String.format("001%015d", i), "2026-11-20"));
        }
        estimated.add(score.apply("001A", "2026-11-20"));
        estimated.add(score.apply("001A", "2026-11-15"));
        store.saveScoreHistory(estimated);

        Map<String, List<io.healthsync.scoring.playbooks.ScorePoint>> history = store.scoreHistory(LocalDate.parse("2026-11-01"));
        assertThat(history).hasSize(JdbcStore.SCORES_PER_BLOCK + 3);
        assertThat(history.get("001A")).containsExactly(
                new io.healthsync.scoring.playbooks.ScorePoint(LocalDate.parse("2026-11-15"), 45, io.healthsync.model.Band.YELLOW),
                new io.healthsync.scoring.playbooks.ScorePoint(LocalDate.parse("2026-11-18"), 48, io.healthsync.model.Band.YELLOW),
                new io.healthsync.scoring.playbooks.ScorePoint(LocalDate.parse("2026-11-20"), 40, io.healthsync.model.Band.YELLOW));
        assertThat(store.scoreHistory(LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-20")).get("001A"))
                .extracting(io.healthsync.scoring.playbooks.ScorePoint::date).containsExactly(LocalDate.parse("2026-11-18"));
        assertThat(store.scoredDays(List.of(LocalDate.parse("2026-11-15"), LocalDate.parse("2026-11-16"),
                LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-20")))).containsExactlyInAnyOrder(
                LocalDate.parse("2026-11-15"), LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-20"));
    }

    @Test
    void a_day_larger_than_one_transaction_part_is_stored_whole_and_each_accounts_days_come_back_in_date_order() {
        LocalDate first = LocalDate.parse("2026-11-20");
        int n = store.rowsPerTransaction() + 3; // two parts
        java.util.function.BiFunction<Integer, LocalDate, io.healthsync.model.HealthScore> score = (i, day) ->
                new io.healthsync.model.HealthScore(String.format("001%015d", i), day, i % 100,
                        io.healthsync.model.Band.YELLOW, List.of(), List.of(), null, null, "scorecard-v1");
        // the second day first, then the first: whatever order days are stored in, points come back by date
        store.saveScoreHistory(java.util.stream.IntStream.range(0, n).mapToObj(i -> score.apply(i, first.plusDays(1)))
                .toList());
        // the last account of the first day is there already (another run): its part is upserted, the other inserted
        store.saveScoreHistory(List.of(score.apply(n - 1, first)));
        store.saveScoreHistory(java.util.stream.IntStream.range(0, n).mapToObj(i -> score.apply(i, first)).toList());

        Map<String, List<io.healthsync.scoring.playbooks.ScorePoint>> history = store.scoreHistory(first);
        assertThat(history).hasSize(n);
        assertThat(history.get(String.format("001%015d", n - 1))).extracting(io.healthsync.scoring.playbooks.ScorePoint::date)
                .containsExactly(first, first.plusDays(1));
        assertThat(history.values()).allSatisfy(points -> assertThat(points).hasSize(2));
        assertThat(store.scoreHistory(first.plusDays(1))).hasSize(n)
                .allSatisfy((account, points) -> assertThat(points).singleElement()
                        .extracting(io.healthsync.scoring.playbooks.ScorePoint::date).isEqualTo(first.plusDays(1)));
        assertThat(store.scoredDays(List.of(first.minusDays(1), first, first.plusDays(1))))
                .containsExactlyInAnyOrder(first, first.plusDays(1));
    }

    @Test
    void a_plan_reads_what_became_of_the_playbook_actions_decided_since_a_day_and_the_report_reads_them_all() {
        store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 2), Instant.parse("2026-11-02T12:00:00Z"), 1,
                List.of(), List.of(), List.of(action("001A", "hs-a", false)), List.of(), List.of()));
        store.savePlan(new WritebackPlan("plan-2", LocalDate.of(2026, 11, 23), Instant.parse("2026-11-23T12:00:00Z"), 1,
                List.of(), List.of(), List.of(action("001B", "hs-b", false), action("001C", "hs-0", true)), List.of(),
                List.of()));

        assertThat(store.actionOutcomes(LocalDate.of(2026, 11, 10))).containsExactly( // by day, then by key
                new ActionOutcome("hs-0", "001C", "outreach", LocalDate.of(2026, 11, 23), true, StoredAction.HELD_OUT, null),
                new ActionOutcome("hs-b", "001B", "outreach", LocalDate.of(2026, 11, 23), false, StoredAction.PLANNED, null));
        assertThat(store.actionOutcomes(LocalDate.of(2026, 11, 2))).extracting(ActionOutcome::key)
                .containsExactly("hs-a", "hs-0", "hs-b");
        assertThat(store.actionOutcomes(LocalDate.of(2026, 11, 2)))
                .isEqualTo(store.playbookActions().stream().map(StoredAction::outcome).toList());
        assertThat(store.playbookActions()).extracting(StoredAction::key).containsExactly("hs-a", "hs-0", "hs-b");
    }

    @Test
    void a_plans_playbook_actions_are_recorded_and_a_newer_plan_replaces_only_the_ones_not_written() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        List<io.healthsync.scoring.playbooks.PlannedAction> first = List.of(action("001A", "hs-a", false),
                action("001B", "hs-b", false), action("001C", "hs-c", true));
        store.savePlan(new WritebackPlan("plan-1", monday, Instant.parse("2026-11-23T12:00:00Z"), 3, List.of(), List.of(),
                first, List.of(), List.of()));
        store.markLogged(List.of("hs-a"), "plan-1", Instant.parse("2026-11-23T12:00:05Z"));
        assertThat(store.playbookActions("plan-1")).extracting(StoredAction::key, StoredAction::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hs-a", "logged"), org.assertj.core.groups.Tuple.tuple("hs-b", "planned"),
                org.assertj.core.groups.Tuple.tuple("hs-c", "held_out"));

        // the same week decided again, with one new action and one key twice
        store.savePlan(new WritebackPlan("plan-2", monday, Instant.parse("2026-11-23T13:00:00Z"), 3, List.of(), List.of(),
                List.of(action("001A", "hs-a", false), action("001B", "hs-b", false), action("001C", "hs-c", false),
                        action("001D", "hs-d", false), action("001D", "hs-d", false)), List.of(), List.of()));

        // logged and held-out rows happened and stand; the planned one is decided again, the new one recorded once
        assertThat(store.playbookActions("plan-2")).extracting(StoredAction::key).containsExactly("hs-b", "hs-d");
        assertThat(store.playbookActions("plan-1")).extracting(StoredAction::key).containsExactly("hs-a", "hs-c");
        assertThat(store.playbookActions()).hasSize(4);
    }

    @Test
    void the_light_touches_left_to_log_are_the_plans_planned_log_only_actions() {
        io.healthsync.scoring.playbooks.PlannedAction touch = new io.healthsync.scoring.playbooks.PlannedAction("001B",
                "light_touch", io.healthsync.mappings.PlaybooksConfig.ActionKind.LOG_ONLY, "005000000000001AAA",
                LocalDate.of(2026, 11, 25), io.healthsync.mappings.PlaybooksConfig.Priority.LOW, "Check in",
                "Score dipped", "hs-touch", false, "score dipped 5 points", null);
        io.healthsync.scoring.playbooks.PlannedAction other = new io.healthsync.scoring.playbooks.PlannedAction("001C",
                "light_touch", io.healthsync.mappings.PlaybooksConfig.ActionKind.LOG_ONLY, "005000000000001AAA",
                LocalDate.of(2026, 11, 25), io.healthsync.mappings.PlaybooksConfig.Priority.LOW, "Check in",
                "Score dipped", "hs-touch-2", false, "score dipped 6 points", null);
        store.savePlan(new WritebackPlan("plan-1", LocalDate.of(2026, 11, 23), Instant.parse("2026-11-23T12:00:00Z"), 3,
                List.of(), List.of(), List.of(action("001A", "hs-task", false), touch, other), List.of(), List.of()));

        assertThat(store.pendingLogOnly("plan-1")).extracting(StoredAction::key).containsExactly("hs-touch", "hs-touch-2");
        store.markLogged(List.of("hs-touch"), "plan-1", Instant.parse("2026-11-23T12:00:05Z"));
        assertThat(store.pendingLogOnly("plan-1")).extracting(StoredAction::key, a -> a.action().subject())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hs-touch-2", "Check in"));
        assertThat(store.pendingLogOnly("plan-2")).isEmpty();

        // without a webhook, what is left is logged in one statement; the Task and other plans' rows are untouched
        assertThat(store.markAllLogOnlyLogged("plan-2", Instant.parse("2026-11-23T12:00:06Z"))).isZero();
        assertThat(store.markAllLogOnlyLogged("plan-1", Instant.parse("2026-11-23T12:00:06Z"))).isEqualTo(1);
        assertThat(store.pendingLogOnly("plan-1")).isEmpty();
        assertThat(store.playbookActions("plan-1")).extracting(StoredAction::key, StoredAction::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hs-task", "planned"), org.assertj.core.groups.Tuple.tuple("hs-touch", "logged"),
                org.assertj.core.groups.Tuple.tuple("hs-touch-2", "logged"));

        // in transactions of 2 rows: 3 actions take two of them, and all are logged
        store.savePlan(new WritebackPlan("plan-3", LocalDate.of(2026, 11, 30), Instant.parse("2026-11-30T12:00:00Z"), 3,
                List.of(), List.of(), List.of(withKey(touch, "hs-touch-3"), withKey(touch, "hs-touch-4"),
                        withKey(touch, "hs-touch-5")), List.of(), List.of()));
        assertThat(store.markAllLogOnlyLogged("plan-3", Instant.parse("2026-11-30T12:00:06Z"), 2)).isEqualTo(3);
        assertThat(store.pendingLogOnly("plan-3")).isEmpty();
    }

    private static io.healthsync.scoring.playbooks.PlannedAction withKey(io.healthsync.scoring.playbooks.PlannedAction a,
                                                                         String key) {
        return new io.healthsync.scoring.playbooks.PlannedAction(a.accountId(), a.playbookId(), a.kind(), a.ownerId(),
                a.dueDate(), a.priority(), a.subject(), a.description(), key, a.heldOut(), a.reason(), null);
    }

    private static io.healthsync.scoring.playbooks.PlannedAction action(String accountId, String key, boolean heldOut) {
        return new io.healthsync.scoring.playbooks.PlannedAction(accountId, "outreach",
                io.healthsync.mappings.PlaybooksConfig.ActionKind.TASK, "005000000000001AAA", LocalDate.of(2026, 11, 25),
                io.healthsync.mappings.PlaybooksConfig.Priority.NORMAL, "Call", "Score dropped", key, heldOut,
                "score dropped 12 points", null);
    }
}

package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.connectors.salesforce.SalesforceObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A store written by the previous version keeps its data when this version opens it. */
class SchemaUpgradeTest {

    @Test
    void a_version_2_store_upgrades_without_losing_records_and_rereads_what_it_lacks() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("2").load().migrate();
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO account (crm_id, name, system_modstamp) VALUES ('001A', 'Acme', TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00')");
            sql.execute("INSERT INTO activity (source, source_id, account_id, type, raw_type, occurred_at) VALUES "
                    + "('salesforce.Task', '00T1', '001A', 'call', 'Check-in', TIMESTAMP WITH TIME ZONE '2026-10-01 10:00:00+00')");
            for (String object : new String[] {"User", "Account", "Task"}) {
                sql.execute("INSERT INTO pull_cursor (source, object_name, modstamp, last_id, records_total, updated_at) VALUES "
                        + "('salesforce', '" + object + "', TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00', 'X', 1, CURRENT_TIMESTAMP)");
            }
            // the same bad record quarantined on two runs, and one without an Id
            for (int i = 0; i < 2; i++) {
                sql.execute("INSERT INTO quarantine (source, object_name, record_id, reason, payload, created_at) VALUES "
                        + "('salesforce', 'Account', '001B', 'bad date', '{}', CURRENT_TIMESTAMP)");
            }
            sql.execute("INSERT INTO quarantine (source, object_name, record_id, reason, payload, created_at) VALUES "
                    + "('salesforce', 'Account', NULL, 'no Id', '{}', CURRENT_TIMESTAMP)");
        }

        try (JdbcStore store = JdbcStore.open(url, null, null)) {
            assertThat(store.accounts()).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("Acme"));
            assertThat(store.activitiesByAccount(Instant.EPOCH).get("001A")).singleElement().satisfies(a -> {
                assertThat(a.rawType()).isEqualTo("Check-in");
                assertThat(a.type()).isNull(); // classified when scored, by the taxonomy of the day
            });
            assertThat(store.quarantinedCount()).isEqualTo(2);
            // objects whose stored copy lacks what this version reads are pulled again; users are not
            assertThat(store.cursor(SalesforceObject.USER)).hasValueSatisfying(c -> {
                // V5 moved it into the JSON cursors every source shares, unchanged
                assertThat(c.modstamp()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
                assertThat(c.lastId()).isEqualTo("X");
            });
            assertThat(store.cursor(SalesforceObject.ACCOUNT)).isEmpty();
            assertThat(store.cursor(SalesforceObject.TASK)).isEmpty();
            assertThat(store.isEmpty()).isFalse();
        }
    }

    @Test
    void a_version_12_store_keeps_its_plans_pending_writes_and_score_history() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("12").load().migrate();
        String write = "{\"sobject\":\"Account\",\"recordId\":\"001A\",\"recordName\":\"Acme\",\"changes\":[{\"field\":"
                + "\"Health_Score__c\",\"oldValue\":null,\"newValue\":\"80\"}],\"payload\":{\"Health_Score__c\":80},"
                + "\"basis\":{\"Health_Score__c\":79.7},\"reason\":\"first write\",\"drivers\":[],\"externalIdField\":null}";
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO writeback_plan (id, created_at, as_of, status, summary) VALUES ('p1', "
                    + "TIMESTAMP WITH TIME ZONE '2026-11-20 10:00:00+00', DATE '2026-11-20', 'planned', '{}')");
            sql.execute("INSERT INTO outbox (plan_id, seq, sobject, record_id, changes, status, attempts, updated_at) VALUES "
                    + "('p1', 0, 'Account', '001A', '" + write + "', 'planned', 0, CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO outbox (plan_id, seq, sobject, record_id, changes, status, attempts, updated_at) VALUES "
                    + "('p1', 1, 'Account', '001B', '" + write.replace("001A", "001B") + "', 'written', 1, CURRENT_TIMESTAMP)");
            for (String day : new String[] {"2026-11-19", "2026-11-20"}) {
                sql.execute("INSERT INTO score_history (account_id, as_of, score, band, model_version) VALUES "
                        + "('001A', DATE '" + day + "', 70, 'YELLOW', 'scorecard-v1')");
            }
        }

        try (JdbcStore store = JdbcStore.open(url, null, null)) {
            // V13 moved what each write changes out of the outbox row; V14 keyed the history by day
            assertThat(store.pendingWrites("p1")).singleElement().satisfies(w -> {
                assertThat(w.recordId()).isEqualTo("001A");
                assertThat(w.payload()).containsEntry("Health_Score__c", 80);
            });
            assertThat(store.plan("p1")).hasValueSatisfying(p -> assertThat(p.writes()).hasSize(2));
            assertThat(store.scoreHistory(java.time.LocalDate.parse("2026-11-01")).get("001A"))
                    .extracting(io.healthsync.scoring.playbooks.ScorePoint::date)
                    .containsExactly(java.time.LocalDate.parse("2026-11-19"), java.time.LocalDate.parse("2026-11-20"));
        }
    }
    @Test
    void a_version_17_store_keeps_every_written_field_when_they_move_to_one_row_a_record() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("17").load().migrate();
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO written_field (sobject, record_id, field, field_value, basis, plan_id, written_at) VALUES "
                    + "('Account', '001A', 'Health_Score__c', '72', 71.6, 'p2', TIMESTAMP WITH TIME ZONE '2026-11-20 10:00:00+00'), "
                    + "('Account', '001A', 'Health_Band__c', 'Yellow', NULL, 'p1', TIMESTAMP WITH TIME ZONE '2026-11-19 10:00:00+00'), "
                    + "('Account', '001B', 'Health_Score__c', '40', 40.2, 'p2', TIMESTAMP WITH TIME ZONE '2026-11-20 10:00:00+00'), "
                    + "('Opportunity', '006A', 'Amount', '1000', NULL, NULL, TIMESTAMP WITH TIME ZONE '2026-11-18 10:00:00+00')");
        }

        try (JdbcStore store = JdbcStore.open(url, null, null)) {
            assertThat(store.writtenFields("Account")).containsOnly(
                    java.util.Map.entry("001A", java.util.Map.of(
                            "Health_Score__c", new io.healthsync.writeback.WrittenValue("72", 71.6,
                                    Instant.parse("2026-11-20T10:00:00Z")),
                            "Health_Band__c", new io.healthsync.writeback.WrittenValue("Yellow", null,
                                    Instant.parse("2026-11-19T10:00:00Z")))),
                    java.util.Map.entry("001B", java.util.Map.of(
                            "Health_Score__c", new io.healthsync.writeback.WrittenValue("40", 40.2,
                                    Instant.parse("2026-11-20T10:00:00Z")))));
            assertThat(store.writtenFields("Opportunity")).containsOnlyKeys("006A");
        }
    }
}

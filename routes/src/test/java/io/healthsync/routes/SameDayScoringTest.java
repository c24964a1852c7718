package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.salesforce.PulledPage;
import io.healthsync.connectors.salesforce.SalesforceObject;
import io.healthsync.connectors.salesforce.SalesforceRecordMapper;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.store.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day's later runs read only the accounts whose data changed since the day's earlier run and keep the others'
 * signals from its snapshot: what they score must be exactly what a run reading every account scores, whatever
 * changed in between (a record moved to another account, a deletion, a new record, an account's own fields, a new
 * account), and an Account that is only our own write coming back must not count as a change.
 */
class SameDayScoringTest {

    private static final Instant NOW = Instant.parse("2026-10-20T12:00:00Z");
    private final HealthsyncConfig config = ConfigLoader.load(null);
    private final SalesforceRecordMapper mapper = new SalesforceRecordMapper(config.fields());
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private String url;
    private JdbcStore store;

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        store = JdbcStore.open(url, null, null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_later_run_reads_only_the_changed_accounts_and_scores_what_a_whole_read_scores() throws Exception {
        pull(SalesforceObject.ACCOUNT, "[" + account("001A", "SMB", 10) + "," + account("001B", "SMB", 10) + ","
                + account("001C", "SMB", 20) + "," + account("001D", "Enterprise", 20) + ","
                + account("001E", "SMB", 30) + "," + account("001F", "Enterprise", 30) + ","
                + account("001H", "Enterprise", 40) + "," + account("001I", "SMB", 40) + "]");
        pull(SalesforceObject.TASK, "[" + task("00T1", "001A", "zzz mystery chat", "2026-10-15") + ","
                + task("00T2", "001A", "check-in call", "2026-10-10") + "," + task("00T3", "001C", "check-in call", "2026-10-01")
                + "," + task("00T4", "001E", "QBR", "2026-09-01") + "," + task("00T5", "001H", "touch base", "2026-10-18")
                + "," + task("00T6", "001I", "check-in call", "2024-10-05") + "]");
        pull(SalesforceObject.OPPORTUNITY, "[" + opportunity("006A", "001F", "Prospecting") + "]");
        // 00T6 lies before today's 730 days of history but within what a first run reads for its past days: today's
        // signals must leave it out on every run, or a later run's whole read would differ from the day's first
        ScoringService service = new ScoringService(config, store, clock);

        ScoringService.Result first = service.scoreAll();
        ScoringService.Result unchanged = service.scoreAll();

        assertThat(first.historiesRead()).isEqualTo(8);
        assertThat(unchanged.historiesRead()).isZero();
        assertThat(unchanged.scores()).isEqualTo(first.scores());
        assertThat(unchanged.unknownLabels()).isEqualTo(first.unknownLabels()).containsEntry("zzz mystery chat", 1);

        // 00T1 moves from 001A to 001B; 00T3 (001C) is deleted; 001D gets a touch; 001E's segment changes; 001F gets an
        // opportunity; 001G is new; 001H comes back with only our write's fields changed (our echo)
        pull(SalesforceObject.TASK, "[" + task("00T1", "001B", "zzz mystery chat", "2026-10-15") + ","
                + task("00T7", "001D", "status call", "2026-10-19") + ","
                + "{\"Id\":\"00T3\",\"AccountId\":\"001C\",\"IsDeleted\":true,\"SystemModstamp\":\"2026-10-20T11:00:00.000+0000\"}]");
        pull(SalesforceObject.OPPORTUNITY, "[" + opportunity("006B", "001F", "Negotiation") + "]");
        pull(SalesforceObject.ACCOUNT, "[" + account("001E", "Enterprise", 30) + "," + account("001G", "SMB", 50) + ","
                + account("001H", "Enterprise", 40).replace("\"Health_Score__c\":null", "\"Health_Score__c\":71") + "]");

        ScoringService.Result afterChanges = service.scoreAll();
        assertThat(afterChanges.historiesRead()).isEqualTo(7); // A to G; H and I kept
        // and again, on the snapshot as that run left it (the accounts it read saved beside the first run's blocks)
        pull(SalesforceObject.TASK, "[" + task("00T8", "001H", "QBR", "2026-10-20") + "]");
        ScoringService.Result later = service.scoreAll();
        assertThat(later.historiesRead()).isEqualTo(1);

        forgetSnapshot();
        ScoringService.Result whole = new ScoringService(config, store, clock).scoreAll();
        assertThat(whole.historiesRead()).isEqualTo(9);
        assertThat(later.scores()).isEqualTo(whole.scores()).hasSize(9);
        assertThat(later.expansion()).isEqualTo(whole.expansion());
        assertThat(later.unknownLabels()).isEqualTo(whole.unknownLabels());
        assertThat(later.scores().stream().filter(s -> s.accountId().equals("001B")).findFirst().orElseThrow().signals())
                .isNotEqualTo(first.scores().stream().filter(s -> s.accountId().equals("001B")).findFirst().orElseThrow().signals());
    }

    @Test
    void an_edited_taxonomy_or_another_day_reads_every_account_again() throws Exception {
        pull(SalesforceObject.ACCOUNT, "[" + account("001A", "SMB", 10) + "," + account("001B", "SMB", 10) + "]");
        pull(SalesforceObject.TASK, "[" + task("00T1", "001A", "zzz mystery chat", "2026-10-15") + "]");
        new ScoringService(config, store, clock).scoreAll();

        HealthsyncConfig edited = new HealthsyncConfig(config.directory(), new io.healthsync.mappings.Taxonomy(
                java.util.List.of(new io.healthsync.mappings.Taxonomy.Rule(io.healthsync.model.ActivityType.CALL,
                        java.util.List.of("zzz mystery chat"), java.util.List.of()))), config.fields(), config.scorecard(),
                config.sources(), config.identity(), config.playbooks(), config.attribution());
        ScoringService.Result reclassified = new ScoringService(edited, store, clock).scoreAll();
        ScoringService.Result tomorrow = new ScoringService(config, store, Clock.offset(clock, java.time.Duration.ofDays(1)))
                .scoreAll();

        assertThat(reclassified.historiesRead()).isEqualTo(2);
        assertThat(reclassified.unknownLabels()).isEmpty();
        assertThat(tomorrow.historiesRead()).isEqualTo(2);
    }

    @Test
    void a_damaged_snapshot_is_read_around_and_saved_anew() throws Exception {
        pull(SalesforceObject.ACCOUNT, "[" + account("001A", "SMB", 10) + "," + account("001B", "SMB", 10) + "]");
        pull(SalesforceObject.TASK, "[" + task("00T1", "001A", "check-in call", "2026-10-15") + "]");
        ScoringService.Result first = new ScoringService(config, store, clock).scoreAll();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE signal_block SET signals = X'0107'");
        }

        ScoringService.Result damaged = new ScoringService(config, store, clock).scoreAll();
        ScoringService.Result after = new ScoringService(config, store, clock).scoreAll();

        assertThat(damaged.historiesRead()).isEqualTo(2);
        assertThat(damaged.scores()).isEqualTo(first.scores());
        assertThat(after.historiesRead()).isZero();
        assertThat(after.scores()).isEqualTo(first.scores());
    }

    private void pull(SalesforceObject object, String json) throws Exception {
        PulledPage page = mapper.map(object, new ObjectMapper().readTree(json));
        store.store(page);
        store.markComplete(object, NOW, NOW);
    }

    private void forgetSnapshot() throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM signal_snapshot");
        }
    }

    private static String account(String id, String segment, int seats) {
        return String.format("{\"Id\":\"%s\",\"Name\":\"Account %s\",\"Customer_Segment__c\":\"%s\",\"Seats_Licensed__c\":%d,"
                + "\"CreatedDate\":\"2024-01-15T10:00:00.000+0000\",\"SystemModstamp\":\"2026-10-20T10:00:00.000+0000\","
                + "\"Health_Score__c\":null}", id, id, segment, seats);
    }

    private static String task(String id, String account, String subject, String day) {
        return String.format("{\"Id\":\"%s\",\"AccountId\":\"%s\",\"Subject\":\"%s\",\"ActivityDate\":\"%s\","
                + "\"Status\":\"Completed\",\"SystemModstamp\":\"2026-10-20T10:00:00.000+0000\"}", id, account, subject, day);
    }

    private static String opportunity(String id, String account, String stage) {
        return String.format("{\"Id\":\"%s\",\"AccountId\":\"%s\",\"Name\":\"Upsell\",\"StageName\":\"%s\",\"Type\":"
                + "\"Upsell\",\"Amount\":1000,\"CreatedDate\":\"2026-10-01T10:00:00.000+0000\",\"CloseDate\":\"2026-12-01\","
                + "\"IsClosed\":false,\"IsWon\":false,\"SystemModstamp\":\"2026-10-20T10:00:00.000+0000\"}", id, account, stage);
    }
}

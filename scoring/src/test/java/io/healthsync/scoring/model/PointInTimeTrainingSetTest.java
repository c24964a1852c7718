package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.Opportunity;
import io.healthsync.scoring.model.PointInTimeTrainingSet.Label;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointInTimeTrainingSetTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
    private final PointInTimeTrainingSet set = PointInTimeTrainingSet.live(180); // horizon ends 2026-06-30

    @Test
    void the_renewal_date_as_it_is_today_is_never_a_training_feature() {
        io.healthsync.model.Account renewsSoon = new io.healthsync.model.Account("A", "Acme", "SMB", null, 1000.0, 10,
                LocalDate.parse("2024-01-01"), LocalDate.parse("2026-02-01"), null, Instant.parse("2024-01-01T00:00:00Z"),
                null, java.util.Map.of());

        float[] row = set.features(AS_OF, renewsSoon, List.of(), List.of());

        int column = PointInTimeTrainingSet.signalNames().indexOf(io.healthsync.model.Signal.DAYS_TO_RENEWAL.key());
        assertThat(Float.isNaN(row[column])).as("days_to_renewal from today's renewal date would leak the outcome").isTrue();
        int tenure = PointInTimeTrainingSet.signalNames().indexOf(io.healthsync.model.Signal.TENURE_DAYS.key());
        assertThat(row[tenure]).isEqualTo(731f); // 2024-01-01 .. 2026-01-01: dated, so kept
    }

    @Test
    void a_renewal_lost_inside_the_horizon_is_churn() {
        assertThat(set.label(AS_OF, List.of(renewal("2026-06-30", false)), TODAY)).isEqualTo(Label.CHURNED);
        assertThat(set.label(AS_OF, List.of(renewal("2026-01-02", false)), TODAY)).isEqualTo(Label.CHURNED);
    }

    @Test
    void a_renewal_lost_after_the_horizon_is_not_churn_yet() {
        assertThat(set.label(AS_OF, List.of(renewal("2026-07-01", false)), TODAY)).isEqualTo(Label.STAYED);
    }

    @Test
    void a_won_renewal_a_lost_upsell_and_an_open_renewal_are_not_churn() {
        Opportunity upsell = new Opportunity("006U", "A", "Upsell", "Closed Lost", "Upsell", null,
                Instant.parse("2025-12-01T00:00:00Z"), LocalDate.parse("2026-03-01"), true, false);
        Opportunity open = new Opportunity("006O", "A", "Renewal", "Negotiation", "Renewal", null,
                Instant.parse("2025-12-01T00:00:00Z"), LocalDate.parse("2026-03-01"), false, false);
        assertThat(set.label(AS_OF, List.of(renewal("2026-03-01", true), upsell, open), TODAY)).isEqualTo(Label.STAYED);
    }

    @Test
    void the_renewal_type_matches_ignoring_case_and_the_matcher_is_a_parameter() {
        Opportunity lower = new Opportunity("006L", "A", "r", "Closed Lost", "renewal", null, null,
                LocalDate.parse("2026-03-01"), true, false);
        assertThat(set.label(AS_OF, List.of(lower), TODAY)).isEqualTo(Label.CHURNED);
        PointInTimeTrainingSet byStage = new PointInTimeTrainingSet((a, acc, acts, opps) -> null, 180,
                o -> "Churned".equals(o.stageName()), 20);
        assertThat(byStage.label(AS_OF, List.of(lower), TODAY)).isEqualTo(Label.STAYED);
    }

    @Test
    void an_as_of_date_whose_horizon_is_not_over_is_censored_not_negative() {
        LocalDate recent = LocalDate.parse("2026-06-05"); // horizon ends 2026-12-02: today, not over
        assertThat(set.label(recent, List.of(), TODAY)).isEqualTo(Label.CENSORED);
        assertThat(set.label(LocalDate.parse("2026-06-04"), List.of(), TODAY)).isEqualTo(Label.STAYED);
    }

    @Test
    void a_churned_account_is_not_resurrected() {
        List<Opportunity> lostInMarch = List.of(renewal("2026-03-01", false));
        assertThat(set.label(LocalDate.parse("2026-03-01"), lostInMarch, TODAY)).isEqualTo(Label.ALREADY_CHURNED);
        assertThat(set.label(LocalDate.parse("2026-04-01"), lostInMarch, TODAY)).isEqualTo(Label.ALREADY_CHURNED);
    }

    @Test
    void the_table_has_one_row_per_account_and_as_of_date_with_signals_segment_time_and_id() {
        Account churner = account("001A", "SMB");
        Account stayer = account("001B", null);
        Activity call = new Activity("salesforce.Task", "00T1", "001B", ActivityType.CALL, "Call", null,
                Instant.parse("2026-01-20T10:00:00Z"), null, 15);
        List<LocalDate> months = PointInTimeTrainingSet.monthlyAsOfDates(TODAY, 12); // 2026-01-01 .. 2026-12-01
        assertThat(months).hasSize(12).startsWith(AS_OF).endsWith(LocalDate.parse("2026-12-01"));

        PointInTimeTrainingSet.Result result = set.build(List.of(churner, stayer), Map.of("001B", List.of(call)),
                Map.of("001A", List.of(renewal("2026-04-15", false))), months, TODAY);
        HistoryTable table = result.table();

        // 001A: Jan..Apr labelled 1 (lost on 04-15), May on dropped; 001B: Jan..Jun labelled 0, Jul on censored
        assertThat(table.ids()).containsExactly("001A", "001A", "001A", "001A", "001B", "001B", "001B", "001B", "001B", "001B");
        assertThat(table.labels()).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        assertThat(result.lostRenewals()).isEqualTo(1);
        assertThat(table.times()[0]).isEqualTo(AS_OF.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
        assertThat(table.featureNames()).containsExactly("days_since_last_touch", "touches_30d", "touches_90d", "touch_trend",
                "days_since_qbr", "open_opportunities", "days_to_renewal", "tenure_days", "segment=SMB");
        assertThat(table.categories()).isEqualTo(Map.of("segment", List.of("SMB")));
        int w = table.width();
        assertThat(table.features()[0]).isEqualTo(365f); // 001A never touched: days since start (2025-01-01)
        assertThat(table.features()[w + 5]).isEqualTo(1f); // Feb: the renewal is still open
        assertThat(table.features()[6]).isNaN(); // no renewal date
        assertThat(table.features()[8]).isEqualTo(1f);
        assertThat(table.features()[4 * w + 1]).isEqualTo(0f); // 001B on Jan 1: the Jan 20 call is in the future
        assertThat(table.features()[5 * w + 1]).isEqualTo(1f); // on Feb 1 it is within 30 days
        assertThat(table.features()[4 * w + 8]).isNaN(); // no segment
        assertThat(table.sha256()).hasSize(64);
    }

    @Test
    void an_account_created_after_the_as_of_date_has_no_row_then() {
        Account late = new Account("001L", "Late", "SMB", null, null, null, null, null, null,
                Instant.parse("2026-02-10T00:00:00Z"), null, Map.of());
        HistoryTable table = set.build(List.of(late), Map.of(), Map.of(),
                PointInTimeTrainingSet.monthlyAsOfDates(LocalDate.parse("2026-03-15"), 3), TODAY).table();
        assertThat(table.times()).containsExactly(LocalDate.parse("2026-03-01").atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
    }

    static Account account(String id, String segment) {
        return new Account(id, "Account " + id, segment, null, null, null, null, null, null,
                Instant.parse("2025-01-01T00:00:00Z"), null, Map.of());
    }

    static Opportunity renewal(String closeDate, boolean won) {
        return new Opportunity("006" + closeDate, "001A", "Renewal", won ? "Closed Won" : "Closed Lost", "Renewal", 10_000.0,
                Instant.parse("2025-11-01T00:00:00Z"), LocalDate.parse(closeDate), true, won);
    }
}

package io.healthsync.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import io.healthsync.model.Band;
import io.healthsync.model.Outcome;
import io.healthsync.model.OutcomeKind;
import io.healthsync.scoring.playbooks.PlannedAction;
import io.healthsync.scoring.playbooks.ScorePoint;
import io.healthsync.store.StoredAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playbooks report: each account once per playbook from its first firing, treated (written or logged)
 * against held out, each outcome unknown until its window has passed; the counts are firings.
 */
class PlaybookReportTest {

    private final List<StoredAction> actions = new ArrayList<>();
    private final Map<String, List<ScorePoint>> history = new HashMap<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    private void fired(String accountId, String playbookId, String status, LocalDate on, Double score) {
        PlannedAction action = new PlannedAction(accountId, playbookId, ActionKind.TASK, "005ANA", on.plusDays(2),
                Priority.NORMAL, "Call", "why", accountId + ":" + playbookId + ":" + on, status.equals(StoredAction.HELD_OUT),
                "reason");
        actions.add(new StoredAction(action, "plan", status, on, score, null, null,
                status.equals(StoredAction.FAILED) ? "REQUIRED_FIELD_MISSING" : null, null));
    }

    private void fired(String accountId, String status, LocalDate on, Double score) {
        fired(accountId, "outreach", status, on, score);
    }

    private void score(String accountId, LocalDate on, double score) {
        history.computeIfAbsent(accountId, k -> new ArrayList<>()).add(new ScorePoint(on, score, Band.YELLOW));
    }

    private void outcome(String accountId, OutcomeKind kind, LocalDate on) {
        outcomes.add(new Outcome("billing", accountId + kind + on, accountId, kind, on, 1000.0, "USD"));
    }

    private Map<String, Object> report(LocalDate today) {
        return PlaybookReport.build(today, actions, history, outcomes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> playbook(Map<String, Object> report, String id) {
        return ((List<Map<String, Object>>) report.get("playbooks")).stream().filter(p -> p.get("playbook").equals(id))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outcome(Map<String, Object> report, String playbook, String outcome) {
        return ((List<Map<String, Object>>) playbook(report, playbook).get("outcomes")).stream()
                .filter(o -> o.get("outcome").equals(outcome)).findFirst().orElseThrow();
    }

    /** {n, successes} of a group ("treated" or "held_out") for one outcome. */
    @SuppressWarnings("unchecked")
    private static List<Object> group(Map<String, Object> report, String playbook, String outcome, String group) {
        Map<String, Object> g = (Map<String, Object>) outcome(report, playbook, outcome).get(group);
        return List.of(g.get("n"), g.get("successes"));
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    // ---- a whole report, hand-computed -------------------------------------------------------------

    @Test
    void counts_firings_and_compares_each_accounts_first_firing_treated_against_held_out() {
        // A: written twice; the first firing (score 40) counts. Day 30 = 2026-10-31: 45 = 40 + 5, recovered.
        fired("001A", StoredAction.WRITTEN, d("2026-10-01"), 40.0);
        fired("001A", StoredAction.WRITTEN, d("2026-11-20"), 20.0);
        score("001A", d("2026-10-20"), 70);   // before day 30: not looked at
        score("001A", d("2026-10-31"), 45);
        score("001A", d("2026-11-10"), 20);
        outcome("001A", OutcomeKind.RENEWED, d("2027-01-15"));   // within 180 days (to 2027-03-30)
        outcome("001A", OutcomeKind.EXPANDED, d("2026-12-15"));  // after the 60 days (to 2026-11-30)
        // B: written; day 30 = 2026-11-04: 54 < 50 + 5, not recovered; churned within 180 days
        fired("001B", StoredAction.WRITTEN, d("2026-10-05"), 50.0);
        score("001B", d("2026-11-03"), 80);
        score("001B", d("2026-11-04"), 54);
        outcome("001B", OutcomeKind.CHURNED, d("2027-02-01"));
        // C: held out; first score on or after day 30 (2026-11-05, day 34) is 50 = 45 + 5, recovered
        fired("001C", StoredAction.HELD_OUT, d("2026-10-02"), 45.0);
        score("001C", d("2026-11-05"), 50);
        // D: held out; no score after day 30 (unknown); expanded within 60 days
        fired("001D", StoredAction.HELD_OUT, d("2026-10-03"), 30.0);
        score("001D", d("2026-10-20"), 90);
        outcome("001D", OutcomeKind.EXPANDED, d("2026-11-01"));
        // E: failed first (not a firing), then written: the written one counts; day 30 = 2026-11-09: 70 >= 65
        fired("001E", StoredAction.FAILED, d("2026-09-20"), 10.0);
        fired("001E", StoredAction.WRITTEN, d("2026-10-10"), 60.0);
        score("001E", d("2026-11-09"), 70);
        // H: written ten days ago: nothing known yet
        fired("001H", StoredAction.WRITTEN, d("2027-06-20"), 30.0);
        // planned and superseded: nothing happened to these accounts
        fired("001P", StoredAction.PLANNED, d("2026-10-01"), 30.0);
        fired("001S", StoredAction.SUPERSEDED, d("2026-10-01"), 30.0);

        Map<String, Object> report = report(d("2027-06-30"));

        assertThat(report.get("as_of")).isEqualTo("2027-06-30");
        Map<String, Object> outreach = playbook(report, "outreach");
        // firings: A twice, B, E, H acted on; C, D held out
        assertThat(outreach).containsEntry("fired", 7).containsEntry("acted", 5).containsEntry("held_out", 2);

        // score_recovered: treated A yes, B no, E yes (H unknown); held out C yes (D unknown)
        assertThat(group(report, "outreach", "score_recovered", "treated")).containsExactly(3, 2);
        assertThat(group(report, "outreach", "score_recovered", "held_out")).containsExactly(1, 1);
        // churned: treated B of A, B, E (windows passed; H's not); held out none of C, D
        assertThat(group(report, "outreach", "churned", "treated")).containsExactly(3, 1);
        assertThat(group(report, "outreach", "churned", "held_out")).containsExactly(2, 0);
        // renewed: known for A (renewed) and B (churned); nobody held out had either
        assertThat(group(report, "outreach", "renewed", "treated")).containsExactly(2, 1);
        assertThat(group(report, "outreach", "renewed", "held_out")).containsExactly(0, 0);
        // expanded: none of A, B, E within 60 days; D of C, D
        assertThat(group(report, "outreach", "expanded", "treated")).containsExactly(3, 0);
        assertThat(group(report, "outreach", "expanded", "held_out")).containsExactly(2, 1);
    }

    @Test
    void the_uplift_is_the_treated_rate_minus_the_held_out_rate() {
        // churned within 180 days: treated 1 of 3, held out 0 of 2 -> +1/3
        fired("001A", StoredAction.WRITTEN, d("2026-01-10"), 40.0);
        fired("001B", StoredAction.WRITTEN, d("2026-01-10"), 40.0);
        fired("001C", StoredAction.LOGGED, d("2026-01-10"), 40.0);
        fired("001D", StoredAction.HELD_OUT, d("2026-01-10"), 40.0);
        fired("001E", StoredAction.HELD_OUT, d("2026-01-10"), 40.0);
        outcome("001B", OutcomeKind.CHURNED, d("2026-03-01"));

        Map<String, Object> churned = outcome(report(d("2026-12-31")), "outreach", "churned");

        assertThat((Double) churned.get("uplift")).isCloseTo(1.0 / 3, within(1e-12));
        @SuppressWarnings("unchecked")
        List<Double> ci = (List<Double>) churned.get("ci95");
        assertThat(ci.get(0)).isLessThan(1.0 / 3);
        assertThat(ci.get(1)).isGreaterThan(1.0 / 3);
        assertThat((String) churned.get("summary")).startsWith("churned: treated 1/3 (33%) vs held out 0/2 (0%): +33.3 pts");
        assertThat(churned.get("note")).isEqualTo("Too few accounts to tell yet (3 treated, 2 held out with a known "
                + "outcome; 10 per group needed)");
    }

    @Test
    void logged_counts_as_treated_and_failed_planned_superseded_are_not_firings() {
        fired("001A", StoredAction.LOGGED, d("2026-10-01"), 40.0);
        fired("001B", StoredAction.FAILED, d("2026-10-01"), 40.0);
        fired("001C", StoredAction.PLANNED, d("2026-10-01"), 40.0);
        fired("001D", StoredAction.SUPERSEDED, d("2026-10-01"), 40.0);
        outcome("001A", OutcomeKind.CHURNED, d("2026-11-01"));
        outcome("001B", OutcomeKind.CHURNED, d("2026-11-01"));

        Map<String, Object> report = report(d("2027-06-30"));

        assertThat(playbook(report, "outreach")).containsEntry("fired", 1).containsEntry("acted", 1)
                .containsEntry("held_out", 0);
        assertThat(group(report, "outreach", "churned", "treated")).containsExactly(1, 1);
    }

    @Test
    void only_the_first_firing_of_an_account_counts_whatever_the_order_given() {
        fired("001A", StoredAction.WRITTEN, d("2026-11-15"), 10.0);
        fired("001A", StoredAction.WRITTEN, d("2026-10-01"), 40.0);
        // from the first firing: day 30 is 2026-10-31, 46 >= 45; from the second there would be no score yet
        score("001A", d("2026-10-31"), 46);

        Map<String, Object> report = report(d("2026-12-01"));

        assertThat(group(report, "outreach", "score_recovered", "treated")).containsExactly(1, 1);
        assertThat(playbook(report, "outreach")).containsEntry("fired", 2).containsEntry("acted", 2);
    }

    @Test
    void each_playbook_is_reported_on_its_own() {
        fired("001A", "outreach", StoredAction.WRITTEN, d("2026-10-01"), 40.0);
        fired("001A", "escalation", StoredAction.HELD_OUT, d("2026-10-02"), 40.0);
        fired("001B", "escalation", StoredAction.WRITTEN, d("2026-10-03"), 40.0);

        Map<String, Object> report = report(d("2026-10-04"));

        assertThat(playbook(report, "outreach")).containsEntry("fired", 1).containsEntry("acted", 1)
                .containsEntry("held_out", 0);
        assertThat(playbook(report, "escalation")).containsEntry("fired", 2).containsEntry("acted", 1)
                .containsEntry("held_out", 1);
    }

    // ---- windows ----------------------------------------------------------------------------------

    @Test
    void score_recovered_is_known_only_from_a_score_thirty_or_more_days_after_firing() {
        fired("001A", StoredAction.WRITTEN, d("2026-10-01"), 40.0);
        score("001A", d("2026-10-30"), 90);   // day 29: too early to tell
        Map<String, Object> early = report(d("2026-10-30"));
        assertThat(group(early, "outreach", "score_recovered", "treated")).containsExactly(0, 0);

        score("001A", d("2026-10-31"), 44.9);  // day 30: 4.9 points up is not a recovery
        assertThat(group(report(d("2026-10-31")), "outreach", "score_recovered", "treated")).containsExactly(1, 0);
    }

    @Test
    void a_firing_without_a_score_never_knows_whether_the_score_recovered() {
        fired("001A", StoredAction.WRITTEN, d("2026-10-01"), null);
        score("001A", d("2026-11-15"), 90);

        assertThat(group(report(d("2027-06-30")), "outreach", "score_recovered", "treated")).containsExactly(0, 0);
    }

    @Test
    void a_churn_on_day_180_counts_and_one_on_day_181_does_not() {
        fired("001A", StoredAction.WRITTEN, d("2026-01-01"), 40.0);
        fired("001B", StoredAction.WRITTEN, d("2026-01-01"), 40.0);
        outcome("001A", OutcomeKind.CHURNED, d("2026-06-30"));   // day 180
        outcome("001B", OutcomeKind.CHURNED, d("2026-07-01"));   // day 181

        Map<String, Object> report = report(d("2026-12-31"));

        assertThat(group(report, "outreach", "churned", "treated")).containsExactly(2, 1);
        // B neither churned nor renewed within the window: whether it renewed is unknown
        assertThat(group(report, "outreach", "renewed", "treated")).containsExactly(1, 0);
    }

    @Test
    void an_outcome_on_the_day_of_the_firing_is_not_after_it() {
        fired("001A", StoredAction.WRITTEN, d("2026-01-01"), 40.0);
        outcome("001A", OutcomeKind.CHURNED, d("2026-01-01"));

        assertThat(group(report(d("2026-12-31")), "outreach", "churned", "treated")).containsExactly(1, 0);
    }

    @Test
    void churned_is_unknown_until_the_180_days_have_passed_unless_it_happened() {
        fired("001A", StoredAction.WRITTEN, d("2026-01-01"), 40.0);

        assertThat(group(report(d("2026-06-30")), "outreach", "churned", "treated")).containsExactly(0, 0);
        assertThat(group(report(d("2026-07-01")), "outreach", "churned", "treated")).containsExactly(1, 0);

        outcome("001A", OutcomeKind.CHURNED, d("2026-02-01"));
        assertThat(group(report(d("2026-02-02")), "outreach", "churned", "treated")).containsExactly(1, 1);
    }

    @Test
    void renewed_is_known_when_the_account_renewed_or_churned_within_180_days() {
        fired("001A", StoredAction.WRITTEN, d("2026-01-01"), 40.0);
        fired("001B", StoredAction.WRITTEN, d("2026-01-01"), 40.0);
        fired("001C", StoredAction.WRITTEN, d("2026-01-01"), 40.0);
        outcome("001A", OutcomeKind.RENEWED, d("2026-05-01"));
        outcome("001B", OutcomeKind.CHURNED, d("2026-05-01"));

        Map<String, Object> report = report(d("2027-01-01"));

        // C had no renewal due: unknown, even long after
        assertThat(group(report, "outreach", "renewed", "treated")).containsExactly(2, 1);
    }

    @Test
    void an_expansion_within_60_days_counts_and_expanded_is_unknown_until_then() {
        fired("001A", StoredAction.WRITTEN, d("2026-01-01"), 40.0);
        fired("001B", StoredAction.HELD_OUT, d("2026-01-01"), 40.0);
        outcome("001A", OutcomeKind.EXPANDED, d("2026-03-02"));  // day 60
        outcome("001B", OutcomeKind.EXPANDED, d("2026-03-03"));  // day 61

        assertThat(group(report(d("2026-03-02")), "outreach", "expanded", "treated")).containsExactly(1, 1);
        assertThat(group(report(d("2026-03-02")), "outreach", "expanded", "held_out")).containsExactly(0, 0);
        assertThat(group(report(d("2026-03-03")), "outreach", "expanded", "held_out")).containsExactly(1, 0);
    }
}

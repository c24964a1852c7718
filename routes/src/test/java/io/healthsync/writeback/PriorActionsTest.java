package io.healthsync.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import io.healthsync.scoring.playbooks.PlannedAction;
import io.healthsync.scoring.playbooks.PriorAction;
import io.healthsync.store.ActionOutcome;
import io.healthsync.store.StoredAction;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prior actions from the store's record and Salesforce's: what happened counts for cooldowns, what may be tried
 * again does not, Salesforce says what is open, and a record only Salesforce holds (a crash) counts too.
 */
class PriorActionsTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    private static PlannedAction action(String accountId, String playbookId, ActionKind kind, boolean heldOut) {
        return new PlannedAction(accountId, playbookId, kind, "005ANA", MONDAY.plusDays(2), Priority.NORMAL, "Call",
                "why", accountId + ":" + playbookId + ":2026-W48", heldOut, playbookId + ": fell 12 points in 7 days");
    }

    private static ActionOutcome stored(String accountId, String status, String errorCode) {
        return stored(accountId, "csm_outreach", ActionKind.TASK, status, errorCode);
    }

    /** As the store reads it back for a plan: what became of a stored action. */
    private static ActionOutcome stored(String accountId, String playbookId, ActionKind kind, String status,
                                       String errorCode) {
        boolean heldOut = status.equals(StoredAction.HELD_OUT);
        return new StoredAction(action(accountId, playbookId, kind, heldOut), "plan-1", status, MONDAY, 55.0,
                status.equals(StoredAction.WRITTEN) ? "00T" + accountId : null,
                status.equals(StoredAction.WRITTEN) ? Boolean.TRUE : null, errorCode, errorCode == null ? null : "msg")
                .outcome();
    }

    private static CrmPlaybookRecord task(String key, boolean closed) {
        return new CrmPlaybookRecord("Task", key, "00T9", closed, false, null, MONDAY);
    }

    @Test
    void written_held_out_and_logged_rows_are_prior_actions() {
        List<PriorAction> prior = PriorActions.of(List.of(
                stored("001A", StoredAction.WRITTEN, null),
                stored("001B", StoredAction.HELD_OUT, null),
                stored("001C", "light_touch_drop", ActionKind.LOG_ONLY, StoredAction.LOGGED, null)),
                List.of(task("001A:csm_outreach:2026-W48", false)));

        assertThat(prior).containsExactlyInAnyOrder(
                new PriorAction("001A", "csm_outreach", "001A:csm_outreach:2026-W48", MONDAY, true, false, null),
                new PriorAction("001B", "csm_outreach", "001B:csm_outreach:2026-W48", MONDAY, false, true, null),
                new PriorAction("001C", "light_touch_drop", "001C:light_touch_drop:2026-W48", MONDAY, false, false, null));
    }

    @Test
    void planned_and_superseded_rows_are_not_prior_actions() {
        List<PriorAction> prior = PriorActions.of(List.of(stored("001A", StoredAction.PLANNED, null),
                stored("001B", StoredAction.SUPERSEDED, null)), List.of());

        assertThat(prior).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNABLE_TO_LOCK_ROW", "UNPROCESSED", "CALL_FAILED", "BULK_JOB_FAILED", "BULK_JOB_ABORTED"})
    void a_failure_of_the_moment_is_not_a_prior_action_so_the_next_plan_tries_again(String code) {
        assertThat(PriorActions.of(List.of(stored("001A", StoredAction.FAILED, code)), List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"REQUIRED_FIELD_MISSING", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "INVALID_CROSS_REFERENCE_KEY"})
    void a_record_salesforce_refused_for_good_is_a_prior_action_so_cooldown_keeps_it_from_failing_every_run(String code) {
        List<PriorAction> prior = PriorActions.of(List.of(stored("001A", StoredAction.FAILED, code)), List.of());

        assertThat(prior).containsExactly(
                new PriorAction("001A", "csm_outreach", "001A:csm_outreach:2026-W48", MONDAY, false, false, null));
    }

    @Test
    void a_task_closed_in_salesforce_is_not_open_and_one_salesforce_does_not_have_is_not_open_either() {
        List<PriorAction> prior = PriorActions.of(List.of(stored("001A", StoredAction.WRITTEN, null),
                stored("001B", StoredAction.WRITTEN, null)), List.of(task("001A:csm_outreach:2026-W48", true)));

        assertThat(prior).extracting(PriorAction::accountId, PriorAction::open)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("001A", false),
                        org.assertj.core.groups.Tuple.tuple("001B", false));
    }

    @Test
    void an_opportunity_closed_lost_gives_its_close_date_and_one_closed_won_gives_none() {
        LocalDate lostOn = LocalDate.of(2026, 12, 10);
        List<PriorAction> prior = PriorActions.of(List.of(
                        stored("001A", "expansion_ready", ActionKind.OPPORTUNITY, StoredAction.WRITTEN, null),
                        stored("001B", "expansion_ready", ActionKind.OPPORTUNITY, StoredAction.WRITTEN, null)),
                List.of(new CrmPlaybookRecord("Opportunity", "001A:expansion_ready:2026-W48", "006A", true, false, lostOn, MONDAY),
                        new CrmPlaybookRecord("Opportunity", "001B:expansion_ready:2026-W48", "006B", true, true,
                                LocalDate.of(2026, 12, 1), MONDAY)));

        assertThat(prior).containsExactlyInAnyOrder(
                new PriorAction("001A", "expansion_ready", "001A:expansion_ready:2026-W48", MONDAY, false, false, lostOn),
                new PriorAction("001B", "expansion_ready", "001B:expansion_ready:2026-W48", MONDAY, false, false, null));
    }

    @Test
    void a_salesforce_record_the_store_never_recorded_is_a_prior_action_read_from_its_key() {
        LocalDate created = LocalDate.of(2026, 11, 16);
        List<PriorAction> prior = PriorActions.of(List.of(),
                List.of(new CrmPlaybookRecord("Task", "001Z:red_escalation:2026-W47", "00T7", false, false, null, created),
                        new CrmPlaybookRecord("Opportunity", "001Y:expansion_ready:2026-W40", "006Y", true, false,
                                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 10, 1))));

        assertThat(prior).containsExactlyInAnyOrder(
                new PriorAction("001Z", "red_escalation", "001Z:red_escalation:2026-W47", created, true, false, null),
                new PriorAction("001Y", "expansion_ready", "001Y:expansion_ready:2026-W40", LocalDate.of(2026, 10, 1),
                        false, false, LocalDate.of(2026, 11, 1)));
    }

    @Test
    void a_record_sent_before_a_crash_left_its_row_planned_still_counts_from_salesforce_once() {
        // the store says planned (the answer never got recorded); Salesforce has the Task
        List<PriorAction> prior = PriorActions.of(List.of(stored("001A", StoredAction.PLANNED, null)),
                List.of(task("001A:csm_outreach:2026-W48", false)));

        assertThat(prior).containsExactly(
                new PriorAction("001A", "csm_outreach", "001A:csm_outreach:2026-W48", MONDAY, true, false, null));
    }

    @Test
    void a_written_row_and_its_salesforce_record_are_one_prior_action() {
        List<PriorAction> prior = PriorActions.of(List.of(stored("001A", StoredAction.WRITTEN, null)),
                List.of(task("001A:csm_outreach:2026-W48", false)));

        assertThat(prior).hasSize(1);
    }

    @Test
    void a_key_that_is_not_account_playbook_week_is_not_ours_to_count() {
        assertThat(PriorActions.of(List.of(), List.of(task("hand-typed key", false), task("a:b", false)))).isEmpty();
    }

    @Test
    void when_salesforce_could_not_be_read_nothing_is_open() {
        List<PriorAction> prior = PriorActions.of(List.of(stored("001A", StoredAction.WRITTEN, null),
                stored("001B", StoredAction.HELD_OUT, null)), null);

        assertThat(prior).hasSize(2).noneMatch(PriorAction::open);
        assertThat(prior).allMatch(p -> p.closedLostOn() == null);
    }
}

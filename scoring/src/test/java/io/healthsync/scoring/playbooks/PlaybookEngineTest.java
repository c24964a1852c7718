package io.healthsync.scoring.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.PlaybooksConfig;
import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Playbook;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import io.healthsync.model.Account;
import io.healthsync.model.Band;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.SignalValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped playbooks against hand-built histories; holdouts off except where they are the point. */
class PlaybookEngineTest {

    /** A Wednesday in ISO week 11 of 2026 (week 1 starts Monday 2025-12-29; 2026-03-09 is the Monday of week 11). */
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 11);
    private static final List<Driver> DRIVERS = List.of(
            new Driver("active_users_per_seat", -9.5, "active users per seat -40%"),
            new Driver("seat_growth", 4.0, "seats +12% this quarter"),
            new Driver("tickets_30d", -6.0, "3 tickets about exports"));

    private final PlaybookEngine engine = new PlaybookEngine(withoutHoldouts(PlaybooksConfig.defaults()));

    @Test
    void a_drop_of_18_points_in_7_days_is_a_csm_task_due_within_24_hours_with_the_drivers() {
        // 95 on 03-03 is 8 days back: outside the 7-day window, so the peak is 80 on 03-04
        AccountState acme = state("001A", "Acme", "Mid-Market", 62.4, Band.YELLOW,
                List.of(point("2026-03-03", 95, Band.GREEN), point("2026-03-04", 80, Band.GREEN), point("2026-03-08", 75, Band.GREEN)));

        PlaybookPlan plan = engine.plan(TODAY, List.of(acme), List.of());

        // round(80 - 62.4) = 18: csm_outreach (11-20) only, not the 1-10 or 21+ playbooks
        assertThat(plan.actions()).containsExactly(new PlannedAction("001A", "csm_outreach", ActionKind.TASK, "005OWNER",
                LocalDate.of(2026, 3, 12), Priority.NORMAL, "Reach out to Acme: health fell 18 points",
                "Health fell 18 points in 7 days to 62 (Yellow): active users per seat -40%; 3 tickets about exports",
                "001A:csm_outreach:2026-W11", false, "csm_outreach: fell 18 points in 7 days"));
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void a_drop_of_up_to_10_points_is_logged_only() {
        AccountState acme = state("001A", "Acme", "Mid-Market", 70, Band.YELLOW, List.of(point("2026-03-10", 75, Band.GREEN)));

        PlannedAction action = engine.plan(TODAY, List.of(acme), List.of()).actions().get(0);

        assertThat(action.playbookId()).isEqualTo("light_touch_drop");
        assertThat(action.kind()).isEqualTo(ActionKind.LOG_ONLY);
        assertThat(action.subject()).isEqualTo("Health of Acme fell 5 points");
        assertThat(action.dueDate()).isEqualTo(TODAY); // due_hours 0
    }

    @Test
    void a_drop_of_21_or_more_escalates_to_the_technical_owner_or_the_account_owner_when_there_is_none() {
        List<ScorePoint> history = List.of(point("2026-03-05", 70, Band.YELLOW));
        AccountState withTeam = new AccountState(account("001A", "Acme", "Mid-Market"),
                score("001A", 45, Band.RED, List.of(), null), history, Map.of("Technical Owner", "005TECH"));
        AccountState withoutTeam = state("001B", "Beta", "Mid-Market", 45, Band.RED, history);

        List<PlannedAction> actions = engine.plan(TODAY, List.of(withTeam, withoutTeam), List.of()).actions();

        assertThat(actions).extracting(PlannedAction::playbookId, PlannedAction::kind, PlannedAction::ownerId,
                        PlannedAction::dueDate, PlannedAction::priority)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("remediation_escalation", ActionKind.ESCALATION_TASK, "005TECH",
                                LocalDate.of(2026, 3, 13), Priority.HIGH),
                        org.assertj.core.groups.Tuple.tuple("remediation_escalation", ActionKind.ESCALATION_TASK, "005OWNER",
                                LocalDate.of(2026, 3, 13), Priority.HIGH));
        assertThat(actions.get(0).subject()).isEqualTo("Remediate Acme and prioritise its renewal: health fell 25 points");
        assertThat(actions.get(1).reason()).isEqualTo("remediation_escalation: fell 25 points in 6 days; "
                + "nobody in role Technical Owner, so the account owner");
    }

    @Test
    void cohorts_override_owner_and_timing_per_segment() {
        List<ScorePoint> big = List.of(point("2026-03-05", 70, Band.YELLOW));
        AccountState enterprise = new AccountState(account("001E", "Ent", "Enterprise"),
                score("001E", 45, Band.RED, List.of(), null), big, Map.of("Executive Sponsor", "005EXEC", "Technical Owner", "005TECH"));
        AccountState smb = state("001S", "Small", "SMB", 60, Band.YELLOW, List.of(point("2026-03-05", 75, Band.GREEN)));

        List<PlannedAction> actions = engine.plan(TODAY, List.of(enterprise, smb), List.of()).actions();

        assertThat(actions.get(0).ownerId()).isEqualTo("005EXEC");
        assertThat(actions.get(0).dueDate()).isEqualTo(LocalDate.of(2026, 3, 12)); // Enterprise: 24 h instead of 48
        assertThat(actions.get(1).playbookId()).isEqualTo("csm_outreach");
        assertThat(actions.get(1).dueDate()).isEqualTo(LocalDate.of(2026, 3, 13)); // SMB: 48 h instead of 24
    }

    @Test
    void red_for_30_days_without_a_break_escalates_and_a_shorter_streak_does_not() {
        List<ScorePoint> red30 = new ArrayList<>();
        for (LocalDate d = TODAY.minusDays(30); d.isBefore(TODAY); d = d.plusDays(7)) {
            red30.add(new ScorePoint(d, 30, Band.RED)); // 02-09, 02-16, ..., 03-09: steady, so no drop fires
        }
        List<ScorePoint> broken = new ArrayList<>(red30);
        broken.set(1, new ScorePoint(LocalDate.of(2026, 2, 16), 30, Band.YELLOW)); // red only since 02-23: 16 days

        List<PlannedAction> actions = engine.plan(TODAY, List.of(state("001A", "Acme", "Mid-Market", 30, Band.RED, red30),
                state("001B", "Beta", "Mid-Market", 30, Band.RED, broken)), List.of()).actions();

        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).accountId()).isEqualTo("001A");
        assertThat(actions.get(0).playbookId()).isEqualTo("red_escalation");
        assertThat(actions.get(0).subject()).isEqualTo("Acme has been red for 30 days");
    }

    @Test
    void low_csat_with_a_falling_score_is_the_save_playbook_and_low_csat_alone_is_not() {
        List<ScorePoint> falling = List.of(point("2026-03-01", 70, Band.YELLOW)); // 10 days back, in the 14-day window
        AccountState unhappy = new AccountState(account("001A", "Acme", "Mid-Market"),
                score("001A", 62, Band.YELLOW, List.of(new SignalValue("csat_bad_share_90d", 0.4, 10, 0.05)), null), falling);
        AccountState fineCsat = new AccountState(account("001B", "Beta", "Mid-Market"),
                score("001B", 62, Band.YELLOW, List.of(new SignalValue("csat_bad_share_90d", 0.2, 50, 0.05)), null), falling);

        List<PlannedAction> actions = engine.plan(TODAY, List.of(unhappy, fineCsat), List.of()).actions();

        // the 8-point drop is outside the 7-day window of the drop playbooks (the peak is 10 days back)
        assertThat(actions).extracting(PlannedAction::accountId, PlannedAction::playbookId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("001A", "save_playbook"));
        assertThat(actions.get(0).priority()).isEqualTo(Priority.HIGH);
        assertThat(actions.get(0).reason()).isEqualTo("save_playbook: 40% bad CSAT ratings and fell 8 points in 10 days");
    }

    @Test
    void expansion_ready_is_an_opportunity_only_when_green_with_high_propensity_and_not_for_trials() {
        AccountState ready = new AccountState(account("001A", "Acme", "Mid-Market"), score("001A", 85, Band.GREEN, List.of(), 0.75), List.of());
        AccountState low = new AccountState(account("001B", "Beta", "Mid-Market"), score("001B", 85, Band.GREEN, List.of(), 0.6), List.of());
        AccountState yellow = new AccountState(account("001C", "Gamma", "Mid-Market"), score("001C", 60, Band.YELLOW, List.of(), 0.9), List.of());
        AccountState trial = new AccountState(account("001D", "Delta", "Trial"), score("001D", 85, Band.GREEN, List.of(), 0.9), List.of());

        List<PlannedAction> actions = engine.plan(TODAY, List.of(ready, low, yellow, trial), List.of()).actions();

        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).kind()).isEqualTo(ActionKind.OPPORTUNITY);
        assertThat(actions.get(0).description()).isEqualTo("Healthy (85, Green) and ready to grow: seats +12% this quarter");
        assertThat(actions.get(0).dueDate()).isEqualTo(LocalDate.of(2026, 3, 13));
    }

    @Test
    void an_expansion_opportunity_is_worth_arr_times_its_tiers_uplift_above_one_times_its_close_probability() {
        AccountState medium = new AccountState(account("001A", "Acme", "Mid-Market"), score("001A", 85, Band.GREEN, List.of(), 0.75), List.of());
        AccountState high = new AccountState(account("001B", "Beta", "Mid-Market"), score("001B", 85, Band.GREEN, List.of(), 0.85), List.of());

        List<PlannedAction> actions = engine.plan(TODAY, List.of(medium, high), List.of()).actions();

        // ARR 50,000; medium (50-80): x (1.35 - 1) x 0.35; high (80+): x (1.5 - 1) x 0.6
        assertThat(actions).extracting(PlannedAction::amount).containsExactly(6125.0, 15000.0);
        assertThat(actions.get(0).reason()).contains("medium tier");
    }

    @Test
    void no_new_expansion_opportunity_while_ours_closed_lost_recently() {
        AccountState lostLately = new AccountState(account("001A", "Acme", "Mid-Market"), score("001A", 85, Band.GREEN, List.of(), 0.9), List.of());
        AccountState lostLongAgo = new AccountState(account("001B", "Beta", "Mid-Market"), score("001B", 85, Band.GREEN, List.of(), 0.9), List.of());
        List<PriorAction> prior = List.of(
                new PriorAction("001A", "expansion_ready", "001A:expansion_ready:2025-W40", LocalDate.of(2025, 10, 1), false, false,
                        LocalDate.of(2026, 1, 20)),
                new PriorAction("001B", "expansion_ready", "001B:expansion_ready:2025-W30", LocalDate.of(2025, 7, 21), false, false,
                        LocalDate.of(2025, 11, 1)));

        PlaybookPlan plan = engine.plan(TODAY, List.of(lostLately, lostLongAgo), prior);

        // lost_cooldown_days 90: 2026-01-20 + 90 = 2026-04-20 is ahead; 2025-11-01 + 90 = 2026-01-30 is past
        assertThat(plan.actions()).extracting(PlannedAction::accountId).containsExactly("001B");
        assertThat(plan.skipped()).extracting(SkippedAction::reason)
                .containsExactly("an expansion opportunity closed lost on 2026-01-20; none until 2026-04-20");
    }

    @Test
    void an_open_action_suppresses_and_the_last_one_starts_a_cooldown() {
        List<ScorePoint> history = List.of(point("2026-03-08", 80, Band.GREEN));
        AccountState open = state("001A", "Acme", "Mid-Market", 65, Band.YELLOW, history);
        AccountState cooling = state("001B", "Beta", "Mid-Market", 65, Band.YELLOW, history);
        AccountState cooled = state("001C", "Gamma", "Mid-Market", 65, Band.YELLOW, history);
        List<PriorAction> prior = List.of(
                new PriorAction("001A", "csm_outreach", "001A:csm_outreach:2026-W08", LocalDate.of(2026, 2, 16), true, false),
                new PriorAction("001B", "csm_outreach", "001B:csm_outreach:2026-W10", LocalDate.of(2026, 3, 1), false, true),
                new PriorAction("001C", "csm_outreach", "001C:csm_outreach:2026-W09", LocalDate.of(2026, 2, 25), false, false));

        PlaybookPlan plan = engine.plan(TODAY, List.of(open, cooling, cooled), prior);

        // cooldown 14 days: 03-01 + 14 = 03-15 is still ahead; 02-25 + 14 = 03-11 is today, so it is over
        assertThat(plan.skipped()).containsExactly(
                new SkippedAction("001A", "csm_outreach", "an open action exists (001A:csm_outreach:2026-W08)"),
                new SkippedAction("001B", "csm_outreach", "cooldown until 2026-03-15 (last on 2026-03-01)"));
        assertThat(plan.actions()).extracting(PlannedAction::accountId).containsExactly("001C");
    }

    @Test
    void keys_are_stable_across_re_runs_in_the_same_iso_week_and_change_with_the_week() {
        AccountState acme = state("001A", "Acme", "Mid-Market", 62, Band.YELLOW, List.of(point("2026-03-10", 80, Band.GREEN)));

        String wednesday = engine.plan(TODAY, List.of(acme), List.of()).actions().get(0).key();
        String again = engine.plan(TODAY, List.of(acme), List.of()).actions().get(0).key();
        String sunday = engine.plan(LocalDate.of(2026, 3, 15), List.of(acme), List.of()).actions().get(0).key();
        String monday = engine.plan(LocalDate.of(2026, 3, 16), List.of(acme), List.of()).actions().get(0).key();

        assertThat(wednesday).isEqualTo("001A:csm_outreach:2026-W11").isEqualTo(again).isEqualTo(sunday);
        assertThat(monday).isEqualTo("001A:csm_outreach:2026-W12");
        assertThat(PlaybookEngine.key("001X", "red_escalation", LocalDate.of(2027, 1, 1))).isEqualTo("001X:red_escalation:2026-W53");
    }

    @Test
    void held_out_accounts_are_in_the_plan_marked_held_out_at_the_configured_share() {
        PlaybookEngine shipped = new PlaybookEngine(PlaybooksConfig.defaults()); // holdout_share 0.10
        List<AccountState> accounts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            accounts.add(state(String.format("001%012d", i), "A" + i, "Mid-Market", 62, Band.YELLOW,
                    List.of(point("2026-03-08", 80, Band.GREEN))));
        }

        PlaybookPlan plan = shipped.plan(TODAY, accounts, List.of());

        assertThat(plan.actions()).hasSize(10_000);
        assertThat(plan.heldOut() / 10_000.0).isBetween(0.09, 0.11);
        assertThat(plan.actions()).allSatisfy(a ->
                assertThat(a.heldOut()).isEqualTo(Holdout.heldOut(a.accountId(), "csm_outreach", 0.10)));
        assertThat(shipped.plan(TODAY, accounts, List.of()).actions()).isEqualTo(plan.actions());
    }

    @Test
    void the_holdout_groups_of_different_playbooks_are_independent() {
        int both = 0;
        int first = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = "acct-" + i;
            boolean a = Holdout.heldOut(id, "csm_outreach", 0.10);
            first += a ? 1 : 0;
            both += a && Holdout.heldOut(id, "expansion_ready", 0.10) ? 1 : 0;
        }
        assertThat(first).isBetween(900, 1100);
        assertThat(both).isBetween(50, 150); // about 10% of 10%: 100
    }

    private static PlaybooksConfig withoutHoldouts(PlaybooksConfig config) {
        return new PlaybooksConfig(config.playbooks().stream().map(PlaybookEngineTest::withoutHoldout).toList());
    }

    private static Playbook withoutHoldout(Playbook p) {
        Map<String, Playbook> cohorts = new LinkedHashMap<>();
        p.cohorts().forEach((segment, c) -> cohorts.put(segment, withoutHoldout(c)));
        return new Playbook(p.id(), p.trigger(), p.action(), p.owner(), p.dueHours(), p.priority(), p.subject(),
                p.description(), p.cooldownDays(), 0.0, p.enabled(), cohorts);
    }

    private static AccountState state(String id, String name, String segment, double score, Band band, List<ScorePoint> history) {
        return new AccountState(account(id, name, segment), score(id, score, band, List.of(), null), history);
    }

    private static Account account(String id, String name, String segment) {
        return new Account(id, name, segment, null, 50_000.0, 20, null, null, "005OWNER", null, null, Map.of());
    }

    private static HealthScore score(String id, double score, Band band, List<SignalValue> signals, Double expansion) {
        return new HealthScore(id, TODAY, score, band, signals, DRIVERS, null, expansion, "scorecard");
    }

    private static ScorePoint point(String date, double score, Band band) {
        return new ScorePoint(LocalDate.parse(date), score, band);
    }
}

package io.healthsync.scoring.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PlaybookUpliftTest {

    private static final Offset<Double> FOUR_DECIMALS = within(0.00005);

    @Test
    void should_measure_newcombes_worked_example_as_the_uplift_of_a_playbook() {
        List<FiringOutcomes> firings = new ArrayList<>();
        firings.addAll(group("save", "t", false, "renewed", 56, 70));
        firings.addAll(group("save", "h", true, "renewed", 48, 80));

        List<Uplift> uplifts = new PlaybookUplift().measure(firings);

        assertThat(uplifts).hasSize(1);
        Uplift renewed = uplifts.get(0);
        assertThat(renewed.playbookId()).isEqualTo("save");
        assertThat(renewed.treated().n()).isEqualTo(70);
        assertThat(renewed.treated().successes()).isEqualTo(56);
        assertThat(renewed.treated().rate()).isEqualTo(0.8);
        assertThat(renewed.heldOut().n()).isEqualTo(80);
        assertThat(renewed.heldOut().rate()).isEqualTo(0.6);
        assertThat(renewed.difference()).isCloseTo(0.2, within(1e-12));
        assertThat(renewed.interval().lower()).isCloseTo(0.0524, FOUR_DECIMALS);
        assertThat(renewed.interval().upper()).isCloseTo(0.3339, FOUR_DECIMALS);
        assertThat(renewed.treated().wilson()).isEqualTo(ProportionIntervals.wilson(56, 70));
        assertThat(renewed.heldOut().wilson()).isEqualTo(ProportionIntervals.wilson(48, 80));
        assertThat(renewed.note()).isNull();
        assertThat(renewed.summary()).isEqualTo(
                "renewed: treated 56/70 (80%) vs held out 48/80 (60%): +20.0 pts (95% CI +5.2 to +33.4)");
    }

    @Test
    void should_leave_an_account_out_of_an_outcome_it_cannot_show_yet() {
        Map<String, Boolean> renewalPending = new HashMap<>();
        renewalPending.put("score_recovered", true);
        renewalPending.put("renewed", null);
        List<FiringOutcomes> firings = new ArrayList<>();
        firings.add(new FiringOutcomes("drop", "A", false, renewalPending));
        firings.add(new FiringOutcomes("drop", "B", false, Map.of("score_recovered", false, "renewed", true)));
        firings.add(new FiringOutcomes("drop", "C", true, Map.of("score_recovered", false))); // renewed: absent

        List<Uplift> uplifts = new PlaybookUplift(1).measure(firings);

        assertThat(uplifts).extracting(Uplift::outcome).containsExactly("renewed", "score_recovered");
        Uplift renewed = uplifts.get(0);
        assertThat(renewed.treated()).isEqualTo(GroupRate.of(1, 1));
        assertThat(renewed.heldOut()).isEqualTo(new GroupRate(0, 0, null, null));
        assertThat(renewed.difference()).isNull();
        assertThat(renewed.interval()).isNull();
        assertThat(renewed.note()).isEqualTo("No held-out account with a known outcome yet: nothing to compare with");
        Uplift recovered = uplifts.get(1);
        assertThat(recovered.treated().n()).isEqualTo(2);
        assertThat(recovered.treated().successes()).isEqualTo(1);
        assertThat(recovered.heldOut().n()).isEqualTo(1);
        assertThat(recovered.difference()).isEqualTo(0.5);
    }

    @Test
    void should_say_when_a_group_is_too_small_to_tell() {
        List<FiringOutcomes> firings = new ArrayList<>();
        firings.addAll(group("nudge", "t", false, "expanded", 9, 10));
        firings.addAll(group("nudge", "h", true, "expanded", 3, 4));

        Uplift uplift = new PlaybookUplift().measure(firings).get(0);

        assertThat(uplift.note()).isEqualTo("Too few accounts to tell yet (4 held out with a known outcome; "
                + "10 per group needed)");
        assertThat(uplift.difference()).isCloseTo(0.9 - 0.75, within(1e-12)); // still computed, wide interval
        assertThat(uplift.interval().contains(0.0)).isTrue();
        assertThat(new PlaybookUplift(3).measure(firings).get(0).note()).isNull();
        assertThat(new PlaybookUplift(20).measure(firings).get(0).note()).isEqualTo(
                "Too few accounts to tell yet (10 treated, 4 held out with a known outcome; 20 per group needed)");
    }

    @Test
    void should_handle_no_successes_and_all_successes() {
        List<FiringOutcomes> firings = new ArrayList<>();
        firings.addAll(group("qbr", "t", false, "renewed", 10, 10));
        firings.addAll(group("qbr", "h", true, "renewed", 0, 20));

        Uplift uplift = new PlaybookUplift().measure(firings).get(0);

        assertThat(uplift.treated().rate()).isEqualTo(1.0);
        assertThat(uplift.treated().wilson().upper()).isEqualTo(1.0);
        assertThat(uplift.heldOut().wilson().lower()).isEqualTo(0.0);
        assertThat(uplift.heldOut().wilson().upper()).isCloseTo(0.1611, FOUR_DECIMALS);
        assertThat(uplift.difference()).isEqualTo(1.0);
        assertThat(uplift.interval().lower()).isCloseTo(0.6791, FOUR_DECIMALS);
        assertThat(uplift.interval().upper()).isEqualTo(1.0);
    }

    @Test
    void should_report_an_outcome_nobody_can_show_yet_and_each_playbook_apart() {
        Map<String, Boolean> unknown = new HashMap<>();
        unknown.put("renewed", null);
        List<FiringOutcomes> firings = List.of(
                new FiringOutcomes("b-playbook", "A", false, unknown),
                new FiringOutcomes("b-playbook", "B", true, unknown),
                new FiringOutcomes("a-playbook", "A", true, Map.of("renewed", true)));

        List<Uplift> uplifts = new PlaybookUplift().measure(firings);

        assertThat(uplifts).extracting(Uplift::playbookId).containsExactly("a-playbook", "b-playbook");
        assertThat(uplifts.get(0).note()).isEqualTo("No treated account with a known outcome yet: nothing to compare with");
        assertThat(uplifts.get(1).note()).isEqualTo("No account with a known outcome yet");
        assertThat(uplifts.get(1).summary()).isEqualTo(
                "renewed: treated none known vs held out none known. No account with a known outcome yet");
        assertThat(new PlaybookUplift().measure(List.of())).isEmpty();
    }

    @Test
    void should_refuse_an_account_given_twice_for_one_playbook() {
        List<FiringOutcomes> twice = List.of(new FiringOutcomes("save", "A", false, Map.of("renewed", true)),
                new FiringOutcomes("save", "A", false, Map.of("renewed", false)));

        assertThatThrownBy(() -> new PlaybookUplift().measure(twice)).hasMessage(
                "account A is given twice for playbook save: count each account once (e.g. its first firing)");
    }

    /** {@code n} accounts of one group, the first {@code successes} of them with the outcome. */
    private static List<FiringOutcomes> group(String playbook, String prefix, boolean heldOut, String outcome,
                                              int successes, int n) {
        List<FiringOutcomes> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            accounts.add(new FiringOutcomes(playbook, prefix + i, heldOut, Map.of(outcome, i < successes)));
        }
        return accounts;
    }
}

package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Owner;
import io.healthsync.mappings.PlaybooksConfig.Playbook;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import io.healthsync.mappings.PlaybooksConfig.Trigger;
import io.healthsync.mappings.PlaybooksConfig.TriggerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** playbooks.yaml: the shipped playbooks, cohort overrides merged, and errors with file, line and path. */
class PlaybooksConfigTest {

    @TempDir
    Path dir;

    private List<String> errors() {
        return ConfigLoader.validate(dir).stream().map(ConfigError::toString).toList();
    }

    @Test
    void the_shipped_playbooks_follow_the_trigger_taxonomy_with_a_ten_percent_holdout() {
        PlaybooksConfig config = ConfigLoader.load(null).playbooks();

        assertThat(config.playbooks()).extracting(Playbook::id).containsExactly("light_touch_drop", "csm_outreach",
                "remediation_escalation", "red_escalation", "save_playbook", "expansion_ready");
        assertThat(config.playbooks()).allSatisfy(p -> assertThat(p.holdoutShare()).isEqualTo(0.10));
        Playbook remediation = config.playbooks().get(2);
        assertThat(remediation.trigger()).isEqualTo(new Trigger(TriggerKind.SCORE_DROP, 21, null, 7, null, null, null, null));
        assertThat(remediation.owner()).isEqualTo(new Owner(Owner.Kind.ROLE, "Technical Owner"));
        assertThat(remediation.action()).isEqualTo(ActionKind.ESCALATION_TASK);
        // Enterprise: owner and due hours replaced, the rest kept
        Playbook enterprise = remediation.forSegment("Enterprise");
        assertThat(enterprise.owner()).isEqualTo(new Owner(Owner.Kind.ROLE, "Executive Sponsor"));
        assertThat(enterprise.dueHours()).isEqualTo(24);
        assertThat(enterprise.priority()).isEqualTo(Priority.HIGH);
        assertThat(remediation.forSegment("SMB")).isSameAs(remediation);
        assertThat(config.playbooks().get(5).forSegment("Trial").enabled()).isFalse();
        assertThat(config.playbooks().get(5).trigger().band()).isEqualTo("green");
    }

    @Test
    void a_cohort_may_override_thresholds_and_the_file_may_set_the_holdout_share() throws Exception {
        Files.writeString(dir.resolve("playbooks.yaml"), """
                holdout_share: 0.2
                playbooks:
                  - id: outreach
                    trigger: {kind: score_drop, min_points: 11, max_points: 20, window_days: 7}
                    action: task
                    owner: user:005000000000001AAA
                    due_hours: 24
                    priority: normal
                    subject: "Call {account}"
                    description: "{drivers}"
                    cooldown_days: 14
                    cohorts:
                      Enterprise:
                        trigger: {min_points: 6}
                        holdout_share: 0.05
                """);

        Playbook outreach = ConfigLoader.load(dir).playbooks().playbooks().get(0);

        assertThat(outreach.holdoutShare()).isEqualTo(0.2);
        assertThat(outreach.owner()).isEqualTo(new Owner(Owner.Kind.USER, "005000000000001AAA"));
        Playbook enterprise = outreach.forSegment("Enterprise");
        assertThat(enterprise.trigger()).isEqualTo(new Trigger(TriggerKind.SCORE_DROP, 6, 20, 7, null, null, null, null));
        assertThat(enterprise.holdoutShare()).isEqualTo(0.05);
    }

    @Test
    void mistakes_are_reported_with_line_column_path_and_what_was_expected() throws Exception {
        Files.writeString(dir.resolve("playbooks.yaml"), """
                playbooks:
                  - id: outreach
                    trigger:
                      kind: score_drop
                      min_points: 15
                      max_points: 10
                      days: 30
                    action: tsk
                    owner: manager
                    due_hours: 24
                    priority: normal
                    subject: "Call {acount}"
                    description: "{drivers}"
                    cooldown_days: 14
                    holdout_share: 0.9
                  - id: outreach
                    trigger: {kind: expansion_ready, min_expansion_propensity: 0.7}
                    action: opportunity
                    owner: account_owner
                    due_hours: 48
                    priority: normal
                    subject: "Expand {account}"
                    description: "{drivers}"
                    cooldown_days: 90
                    cohorts:
                      SMB:
                        trigger: {min_points: 3}
                """);

        assertThat(errors()).containsExactly(
                "playbooks.yaml:3:5: playbooks[0].trigger.window_days: missing key 'window_days'",
                "playbooks.yaml:6:19: playbooks[0].trigger.max_points: max_points (10) is below min_points (15); "
                        + "expected an integer between 15 and 100",
                "playbooks.yaml:7:7: playbooks[0].trigger.days: 'days' does not apply to a score_drop trigger; "
                        + "expected: min_points, max_points, window_days",
                "playbooks.yaml:8:13: playbooks[0].action: expected one of: log_only, task, escalation_task, opportunity, "
                        + "got \"tsk\" (did you mean 'task'?)",
                "playbooks.yaml:9:12: playbooks[0].owner: expected account_owner, user:<Salesforce user id> or "
                        + "role:<account team role>, got \"manager\"",
                "playbooks.yaml:12:14: playbooks[0].subject: unknown placeholder {acount}; expected any of: "
                        + "{account}, {drop}, {days}, {drivers}, {score}, {band}",
                "playbooks.yaml:15:20: playbooks[0].holdout_share: expected a number between 0 and 0.5, got 0.9",
                "playbooks.yaml:16:9: playbooks[1].id: duplicate playbook id 'outreach'; expected each id once "
                        + "(it is part of every record's key)",
                "playbooks.yaml:27:19: playbooks[1].cohorts.SMB.trigger.min_points: unknown key 'min_points'; "
                        + "expected one of: min_expansion_propensity, band");
    }
}

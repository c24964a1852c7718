package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.PlaybooksConfig.ExpansionOpportunity;
import io.healthsync.mappings.PlaybooksConfig.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks.yaml's top-level webhook and opportunity sections, and how far back the playbooks look: defaults when
 * left out, tiers highest first, each mistake reported at its file, line and column.
 */
class PlaybooksWebhookAndOpportunityConfigTest {

    @TempDir
    Path dir;

    private void write(String text) throws IOException {
        Files.writeString(dir.resolve("playbooks.yaml"), text);
    }

    private PlaybooksConfig load() {
        return ConfigLoader.load(dir).playbooks();
    }

    private List<String> errors() {
        return ConfigLoader.validate(dir).stream().map(ConfigError::toString).toList();
    }

    // ---- webhook ----------------------------------------------------------------------------------

    @Test
    void without_webhook_and_opportunity_sections_there_is_no_webhook_and_the_opportunity_defaults_apply() throws IOException {
        write("playbooks: []\n");

        PlaybooksConfig config = load();

        assertThat(config.playbooks()).isEmpty();
        assertThat(config.webhookUrl()).isNull();
        ExpansionOpportunity o = config.opportunity();
        assertThat(o.stage()).isEqualTo("Prospecting");
        assertThat(o.type()).isEqualTo("Existing Customer - Upgrade");
        assertThat(o.leadSource()).isEqualTo("Customer Success");
        assertThat(o.recordTypeId()).isNull();
        assertThat(o.closeInDays()).isEqualTo(90);
        assertThat(o.lostCooldownDays()).isEqualTo(90);
        assertThat(o.tiers()).containsExactly(new Tier("high", 80, 1.5, 0.6), new Tier("medium", 50, 1.35, 0.35),
                new Tier("low", 0, 1.2, 0.15));
    }

    @Test
    void an_empty_webhook_url_means_no_webhook_and_an_http_or_https_url_is_kept() throws IOException {
        write("webhook:\n  url:\nplaybooks: []\n");
        assertThat(load().webhookUrl()).isNull();

        write("webhook:\nplaybooks: []\n");
        assertThat(load().webhookUrl()).isNull();

        write("webhook:\n  url: https://hooks.example.com/healthsync\nplaybooks: []\n");
        assertThat(load().webhookUrl()).isEqualTo("https://hooks.example.com/healthsync");

        write("webhook:\n  url: http://localhost:8080/hook\nplaybooks: []\n");
        assertThat(load().webhookUrl()).isEqualTo("http://localhost:8080/hook");
    }

    @Test
    void a_webhook_url_that_is_not_http_is_an_error_at_its_line() throws IOException {
        write("""
                webhook:
                  url: ftp://hooks.example.com/x
                playbooks: []
                """);

        assertThat(errors()).containsExactly(
                "playbooks.yaml:2:8: webhook.url: expected an http(s) URL, got \"ftp://hooks.example.com/x\"");
    }

    @Test
    void an_unknown_key_under_webhook_is_an_error_with_a_hint() throws IOException {
        write("""
                webhook:
                  ulr: https://hooks.example.com/x
                playbooks: []
                """);

        assertThat(errors()).containsExactly(
                "playbooks.yaml:2:3: webhook.ulr: unknown key 'ulr' (did you mean 'url'?); expected one of: url");
    }

    // ---- opportunity ------------------------------------------------------------------------------

    @Test
    void an_opportunity_section_overrides_only_the_keys_it_gives() throws IOException {
        write("""
                opportunity:
                  close_in_days: 30
                  record_type_id: 012000000000001AAA
                playbooks: []
                """);

        ExpansionOpportunity o = load().opportunity();

        assertThat(o.closeInDays()).isEqualTo(30);
        assertThat(o.recordTypeId()).isEqualTo("012000000000001AAA");
        assertThat(o.stage()).isEqualTo("Prospecting");
        assertThat(o.lostCooldownDays()).isEqualTo(90);
        assertThat(o.tiers()).extracting(Tier::name).containsExactly("high", "medium", "low");
    }

    @Test
    void a_fifteen_character_record_type_id_is_accepted_and_an_empty_one_means_the_default_record_type() throws IOException {
        write("opportunity:\n  record_type_id: 012A0000000B1cD\nplaybooks: []\n");
        assertThat(load().opportunity().recordTypeId()).isEqualTo("012A0000000B1cD");

        write("opportunity:\n  record_type_id:\n  stage: Qualification\nplaybooks: []\n");
        assertThat(load().opportunity().recordTypeId()).isNull();
        assertThat(load().opportunity().stage()).isEqualTo("Qualification");
    }

    @Test
    void tiers_are_read_in_any_order_and_kept_highest_first() throws IOException {
        write("""
                opportunity:
                  stage: Qualification
                  type: Upsell
                  lead_source: CSM
                  close_in_days: 60
                  lost_cooldown_days: 120
                  tiers:
                    small: {min_score: 20, uplift: 1.1, probability_of_close: 0.1}
                    top:   {min_score: 90, uplift: 2, probability_of_close: 0.7}
                    mid:   {min_score: 55, uplift: 1.3, probability_of_close: 0.4}
                playbooks: []
                """);

        ExpansionOpportunity o = load().opportunity();

        assertThat(o).isEqualTo(new ExpansionOpportunity("Qualification", "Upsell", "CSM", null, 60, 120, List.of(
                new Tier("top", 90, 2, 0.7), new Tier("mid", 55, 1.3, 0.4), new Tier("small", 20, 1.1, 0.1))));
        assertThat(o.tiers()).extracting(Tier::name).containsExactly("top", "mid", "small");
    }

    @Test
    void an_expansion_score_takes_the_first_tier_whose_min_score_it_reaches_else_the_lowest() {
        ExpansionOpportunity o = new ExpansionOpportunity("s", "t", "l", null, 90, 90, List.of(
                new Tier("small", 20, 1.1, 0.1), new Tier("top", 90, 2, 0.7), new Tier("mid", 55, 1.3, 0.4)));

        assertThat(o.tier(100).name()).isEqualTo("top");
        assertThat(o.tier(90).name()).isEqualTo("top");
        assertThat(o.tier(89.9).name()).isEqualTo("mid");
        assertThat(o.tier(55).name()).isEqualTo("mid");
        assertThat(o.tier(54.99).name()).isEqualTo("small");
        assertThat(o.tier(20).name()).isEqualTo("small");
        // below every min_score: the lowest tier, not an error
        assertThat(o.tier(5).name()).isEqualTo("small");
    }

    @Test
    void the_default_tiers_split_at_80_and_50() {
        ExpansionOpportunity o = ExpansionOpportunity.DEFAULTS;

        assertThat(o.tier(80).name()).isEqualTo("high");
        assertThat(o.tier(79.99).name()).isEqualTo("medium");
        assertThat(o.tier(50).name()).isEqualTo("medium");
        assertThat(o.tier(49.99).name()).isEqualTo("low");
        assertThat(o.tier(0).name()).isEqualTo("low");
    }

    @Test
    void a_bad_record_type_id_a_probability_above_one_and_an_unknown_key_are_each_reported_at_their_line() throws IOException {
        write("""
                opportunity:
                  record_type_id: 012ABC
                  tiers:
                    high: {min_score: 80, uplift: 1.5, probability_of_close: 1.2}
                  colour: red
                playbooks: []
                """);

        assertThat(errors()).containsExactly(
                "playbooks.yaml:2:19: opportunity.record_type_id: expected a record type Id (15 or 18 characters "
                        + "starting with 012), got \"012ABC\"",
                "playbooks.yaml:4:62: opportunity.tiers.high.probability_of_close: expected a number between 0 and 1, "
                        + "got 1.2",
                "playbooks.yaml:5:3: opportunity.colour: unknown key 'colour'; expected one of: stage, type, "
                        + "lead_source, record_type_id, close_in_days, lost_cooldown_days, tiers, readiness");
    }

    @Test
    void a_record_type_id_of_another_object_is_refused() throws IOException {
        // 001 is an Account Id: 15 characters, but not a record type
        write("opportunity:\n  record_type_id: 001000000000001AAA\nplaybooks: []\n");

        assertThat(errors()).singleElement().satisfies(e -> assertThat(e)
                .startsWith("playbooks.yaml:2:19: opportunity.record_type_id: expected a record type Id"));
    }

    @Test
    void a_tier_missing_a_key_or_with_an_unknown_one_and_an_out_of_range_close_in_days_are_errors() throws IOException {
        write("""
                opportunity:
                  close_in_days: 0
                  tiers:
                    high: {min_score: 80, uplift: 1.5, probablity_of_close: 0.6}
                playbooks: []
                """);

        assertThat(errors()).containsExactly(
                "playbooks.yaml:2:18: opportunity.close_in_days: expected an integer between 1 and 730, got 0",
                "playbooks.yaml:4:5: opportunity.tiers.high.probability_of_close: missing key 'probability_of_close'",
                "playbooks.yaml:4:40: opportunity.tiers.high.probablity_of_close: unknown key 'probablity_of_close' "
                        + "(did you mean 'probability_of_close'?); expected one of: min_score, uplift, probability_of_close");
    }

    @Test
    void an_empty_tiers_mapping_is_an_error_asking_for_at_least_one_tier() throws IOException {
        write("opportunity:\n  tiers: {}\nplaybooks: []\n");

        assertThat(errors()).singleElement().satisfies(e -> assertThat(e)
                .startsWith("playbooks.yaml:2:10: opportunity.tiers: expected at least one tier"));
    }

    // ---- longest lookback -------------------------------------------------------------------------

    @Test
    void the_longest_lookback_is_the_largest_window_or_red_spell_cohort_versions_included() throws IOException {
        write("""
                playbooks:
                  - id: drop
                    trigger: {kind: score_drop, min_points: 10, window_days: 14}
                    action: task
                    owner: account_owner
                    due_hours: 24
                    priority: normal
                    subject: "Call {account}"
                    description: "{drivers}"
                    cooldown_days: 14
                    cohorts:
                      Enterprise:
                        trigger: {window_days: 45}
                        cooldown_days: 60
                  - id: red
                    trigger: {kind: red_for_days, days: 30}
                    action: escalation_task
                    owner: account_owner
                    due_hours: 24
                    priority: high
                    subject: "Red {account}"
                    description: "{drivers}"
                    cooldown_days: 30
                """);

        assertThat(load().longestLookbackDays()).isEqualTo(45);
        // how far back a plan reads earlier actions: the cohort's own cooldown counts too
        assertThat(load().longestCooldownDays()).isEqualTo(60);
    }

    @Test
    void without_a_cohort_override_the_red_spell_can_be_the_longest_and_no_playbooks_look_back_zero_days() throws IOException {
        write("""
                playbooks:
                  - id: drop
                    trigger: {kind: score_drop, min_points: 10, window_days: 14}
                    action: task
                    owner: account_owner
                    due_hours: 24
                    priority: normal
                    subject: "Call {account}"
                    description: "{drivers}"
                    cooldown_days: 14
                  - id: ready
                    trigger: {kind: expansion_ready, min_expansion_propensity: 0.7}
                    action: opportunity
                    owner: account_owner
                    due_hours: 48
                    priority: normal
                    subject: "Expand {account}"
                    description: "{drivers}"
                    cooldown_days: 90
                  - id: red
                    trigger: {kind: red_for_days, days: 21}
                    action: escalation_task
                    owner: account_owner
                    due_hours: 24
                    priority: high
                    subject: "Red {account}"
                    description: "{drivers}"
                    cooldown_days: 30
                """);
        assertThat(load().longestLookbackDays()).isEqualTo(21);

        write("playbooks: []\n");
        assertThat(load().longestLookbackDays()).isZero();
    }

    // ---- readiness --------------------------------------------------------------------------------

    @Test
    void readiness_weights_default_to_the_domain_weights_and_a_given_section_replaces_them() throws IOException {
        write("playbooks: []\n");
        assertThat(load().opportunity().readiness()).isEqualTo(PlaybooksConfig.Readiness.DEFAULTS);
        assertThat(PlaybooksConfig.Readiness.DEFAULTS.weights()).containsEntry("module_depth", 40.0)
                .containsEntry("seat_utilisation", 30.0).containsEntry("user_growth", 15.0).containsEntry("satisfaction", 10.0);

        write("opportunity:\n  readiness:\n    module_depth: 70\n    satisfaction: 30\n    prior_upsell_bonus: 0\nplaybooks: []\n");
        PlaybooksConfig.Readiness readiness = load().opportunity().readiness();

        assertThat(readiness.weights()).containsOnly(Map.entry("module_depth", 70.0), Map.entry("satisfaction", 30.0));
        assertThat(readiness.priorUpsellBonus()).isZero();
    }

    @Test
    void an_unknown_readiness_signal_or_no_positive_weight_is_an_error_at_its_line() throws IOException {
        write("opportunity:\n  readiness:\n    module_deep: 40\nplaybooks: []\n");
        assertThat(errors()).anySatisfy(e -> assertThat(e).startsWith("playbooks.yaml:3:5:").contains("module_deep")
                .contains("module_depth"));

        write("opportunity:\n  readiness:\n    module_depth: 0\n    user_growth: 0\nplaybooks: []\n");
        assertThat(errors()).singleElement().asString().startsWith("playbooks.yaml:2:").contains("opportunity.readiness")
                .contains("at least one of");
    }
}

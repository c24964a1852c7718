package io.healthsync.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.mappings.PlaybooksConfig;
import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.ExpansionOpportunity;
import io.healthsync.mappings.PlaybooksConfig.Owner;
import io.healthsync.mappings.PlaybooksConfig.Playbook;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import io.healthsync.mappings.PlaybooksConfig.Trigger;
import io.healthsync.mappings.PlaybooksConfig.TriggerKind;
import io.healthsync.model.Account;
import io.healthsync.model.Band;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.scoring.playbooks.PlannedAction;
import io.healthsync.scoring.playbooks.ScorePoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playbooks' part of a plan: a Task or an Opportunity upsert on Healthsync_Key__c for each action that creates
 * a record, nothing for held-out and log-only ones, and Tasks left out (with one problem line) when the org cannot
 * take them safely.
 */
class PlaybookPlannerTest {

    /** A Tuesday of ISO week 2026-W48. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final String KEY = "Healthsync_Key__c";
    private static final String RECORD_TYPE = "012000000000001AAA";

    private static final Trigger DROP_10 = new Trigger(TriggerKind.SCORE_DROP, 10, null, 7, null, null, null, null);
    private static final Trigger SMALL_DROP = new Trigger(TriggerKind.SCORE_DROP, 5, 9, 7, null, null, null, null);
    private static final Trigger READY = new Trigger(TriggerKind.EXPANSION_READY, null, null, null, null, null, 0.7, "green");

    private static Playbook playbook(String id, Trigger trigger, ActionKind action, Priority priority, String subject,
                                     String description, double holdoutShare) {
        return new Playbook(id, trigger, action, Owner.ACCOUNT_OWNER, 48, priority, subject, description, 14,
                holdoutShare, true, Map.of());
    }

    private static final Playbook OUTREACH = playbook("outreach", DROP_10, ActionKind.TASK, Priority.HIGH,
            "Call {account}: down {drop} points", "{drivers}", 0);
    private static final Playbook EXPANSION = playbook("expansion", READY, ActionKind.OPPORTUNITY, Priority.NORMAL,
            "Expansion: {account}", "Ready to grow: {drivers}", 0);
    private static final Playbook LIGHT_TOUCH = playbook("light_touch", SMALL_DROP, ActionKind.LOG_ONLY, Priority.LOW,
            "FYI {account}", "{drivers}", 0);
    /** Holds out every account (a share of 1: every place in [0, 1) is below it). */
    private static final Playbook ALL_HELD_OUT = playbook("measured", DROP_10, ActionKind.TASK, Priority.NORMAL,
            "Call {account}", "{drivers}", 1.0);

    private static ExpansionOpportunity opportunity(String recordTypeId) {
        return new ExpansionOpportunity("Prospecting", "Existing Customer - Upgrade", "Customer Success", recordTypeId,
                90, 90, ExpansionOpportunity.DEFAULTS.tiers());
    }

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final List<HealthScore> scores = new ArrayList<>();
    private final Map<String, List<ScorePoint>> history = new HashMap<>();

    private void account(String id, String name, String ownerId) {
        accounts.put(id, new Account(id, name, "SMB", "Software", 48_000.0, 50, null, null, ownerId, null, null, Map.of()));
    }

    /** Today's score after a score of {@code from} four days ago. */
    private void dropped(String id, double from, double to) {
        Band band = to < 30 ? Band.RED : to < 70 ? Band.YELLOW : Band.GREEN;
        scores.add(new HealthScore(id, TODAY, to, band, List.of(),
                List.of(new Driver("days_since_last_touch", -8, "No human touch in 41 days (-8 pts)"),
                        new Driver("feature_breadth", 3, "Uses 6 of 7 tracked features (+3 pts)")), null, null, "scorecard-v1"));
        history.put(id, List.of(new ScorePoint(TODAY.minusDays(4), from, Band.YELLOW)));
    }

    /** Green with an expansion model propensity of {@code propensity}. */
    private void ready(String id, double propensity) {
        scores.add(new HealthScore(id, TODAY, 85, Band.GREEN, List.of(),
                List.of(new Driver("feature_breadth", 6, "Uses 6 of 7 tracked features (+6 pts)"),
                        new Driver("tickets_30d", -1, "3 tickets in 30 days (-1 pts)")), null, propensity, "model-v1"));
    }

    private static SObjectDescribe describe(String sobject, boolean withKey, boolean keyEditable) {
        String key = withKey ? ",{\"name\":\"Healthsync_Key__c\",\"type\":\"string\",\"updateable\":" + keyEditable
                + ",\"createable\":true,\"externalId\":true,\"length\":80}" : "";
        return SObjectDescribe.parse("{\"name\":\"" + sobject + "\",\"fields\":["
                + "{\"name\":\"Id\",\"type\":\"id\",\"updateable\":false,\"length\":18},"
                + "{\"name\":\"Subject\",\"type\":\"combobox\",\"updateable\":true,\"length\":255}" + key + "]}");
    }

    private static Map<String, SObjectDescribe> deployed() {
        return Map.of("Task", describe("Task", true, true), "Opportunity", describe("Opportunity", true, true));
    }

    private PlaybookPlanner.Result plan(PlaybooksConfig config, Map<String, SObjectDescribe> describes,
                                        Map<String, String> unreadable) {
        return new PlaybookPlanner(config).plan(TODAY, scores, accounts, history, List.of(), describes, unreadable, Map.of());
    }

    private static PlannedWrite write(PlaybookPlanner.Result result, String key) {
        return result.writes().stream().filter(w -> w.recordId().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void a_task_is_an_upsert_on_the_key_with_subject_account_owner_due_date_priority_status_and_description() {
        account("001A", "Acme", "005ANA");
        dropped("001A", 70, 55);

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(OUTREACH)), deployed(), Map.of());

        PlannedWrite task = write(result, "001A:outreach:2026-W48");
        assertThat(task.sobject()).isEqualTo("Task");
        assertThat(task.externalIdField()).isEqualTo(KEY);
        assertThat(task.isUpsert()).isTrue();
        assertThat(task.group()).isEqualTo("Task/Healthsync_Key__c");
        assertThat(task.recordName()).isEqualTo("Acme");
        assertThat(task.reason()).isEqualTo("outreach: fell 15 points in 4 days");
        assertThat(task.payload()).isEqualTo(Map.of(
                KEY, "001A:outreach:2026-W48",
                "Subject", "Call Acme: down 15 points",
                "WhatId", "001A",
                "OwnerId", "005ANA",
                "ActivityDate", "2026-11-26",   // 48 hours: two days
                "Priority", "High",
                "Status", "Not Started",
                "Description", "No human touch in 41 days (-8 pts)"));
        assertThat(result.actions()).extracting(PlannedAction::key).containsExactly("001A:outreach:2026-W48");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void an_opportunity_is_an_upsert_with_stage_close_date_type_amount_lead_source_and_record_type() {
        account("001B", "Beta", "005BEN");
        ready("001B", 0.85);

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(EXPANSION), null, opportunity(RECORD_TYPE)),
                deployed(), Map.of());

        PlannedWrite opp = write(result, "001B:expansion:2026-W48");
        assertThat(opp.sobject()).isEqualTo("Opportunity");
        assertThat(opp.externalIdField()).isEqualTo(KEY);
        // expansion score 85: the high tier (80+): 48,000 x (1.5 - 1) x 0.6 = 14,400
        assertThat(opp.payload()).isEqualTo(Map.ofEntries(
                Map.entry(KEY, "001B:expansion:2026-W48"),
                Map.entry("Name", "Expansion: Beta"),
                Map.entry("AccountId", "001B"),
                Map.entry("OwnerId", "005BEN"),
                Map.entry("StageName", "Prospecting"),
                Map.entry("CloseDate", "2027-02-22"),   // today + 90 days
                Map.entry("Type", "Existing Customer - Upgrade"),
                Map.entry("Amount", 14_400.0),
                Map.entry("LeadSource", "Customer Success"),
                Map.entry("RecordTypeId", RECORD_TYPE),
                Map.entry("Description", "Ready to grow: Uses 6 of 7 tracked features (+6 pts)")));
    }

    @Test
    void an_opportunity_without_a_configured_record_type_sends_none_and_the_close_date_follows_close_in_days() {
        account("001B", "Beta", "005BEN");
        ready("001B", 0.55);
        ExpansionOpportunity thirtyDays = new ExpansionOpportunity("Qualification", "Upsell", "CSM", null, 30, 90,
                ExpansionOpportunity.DEFAULTS.tiers());

        Playbook readyAtHalf = playbook("expansion", new Trigger(TriggerKind.EXPANSION_READY, null, null, null, null, null,
                0.5, "green"), ActionKind.OPPORTUNITY, Priority.NORMAL, "Expansion: {account}", "{drivers}", 0);

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(readyAtHalf), null, thirtyDays), deployed(), Map.of());

        Map<String, Object> payload = write(result, "001B:expansion:2026-W48").payload();
        assertThat(payload).doesNotContainKey("RecordTypeId");
        assertThat(payload).containsEntry("CloseDate", "2026-12-24").containsEntry("StageName", "Qualification")
                .containsEntry("Type", "Upsell").containsEntry("LeadSource", "CSM");
        // expansion score 55: medium (50+): 48,000 x 0.35 x 0.35 = 5,880
        assertThat((Double) payload.get("Amount")).isEqualTo(5_880.0);
    }

    @Test
    void held_out_and_log_only_actions_are_planned_but_write_nothing() {
        account("001A", "Acme", "005ANA");
        dropped("001A", 70, 55);       // 15 points: the held-out playbook fires
        account("001C", "Gamma", "005ANA");
        dropped("001C", 60, 53);       // 7 points: the light touch fires

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(ALL_HELD_OUT, LIGHT_TOUCH)), deployed(), Map.of());

        assertThat(result.actions()).extracting(PlannedAction::key, PlannedAction::heldOut, PlannedAction::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("001A:measured:2026-W48", true, ActionKind.TASK),
                        org.assertj.core.groups.Tuple.tuple("001C:light_touch:2026-W48", false, ActionKind.LOG_ONLY));
        assertThat(result.writes()).isEmpty();
    }

    @Test
    void without_the_key_field_on_task_the_tasks_are_left_out_with_one_problem_and_opportunities_still_go() {
        account("001A", "Acme", "005ANA");
        dropped("001A", 70, 55);
        account("001C", "Gamma", "005ANA");
        dropped("001C", 80, 60);
        account("001B", "Beta", "005BEN");
        ready("001B", 0.85);
        Map<String, SObjectDescribe> describes = Map.of("Task", describe("Task", false, false),
                "Opportunity", describe("Opportunity", true, true));

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(OUTREACH, EXPANSION)), describes, Map.of());

        assertThat(result.actions()).extracting(PlannedAction::key).containsExactly("001B:expansion:2026-W48");
        assertThat(result.writes()).extracting(PlannedWrite::sobject, PlannedWrite::recordId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Opportunity", "001B:expansion:2026-W48"));
        assertThat(result.problems()).containsExactly("playbooks: 2 Tasks not planned: Task.Healthsync_Key__c does not "
                + "exist or is not editable in the org (deploy deploy/salesforce; without the key a re-run could "
                + "create them twice)");
    }

    @Test
    void a_key_field_that_is_not_editable_counts_as_missing() {
        account("001A", "Acme", "005ANA");
        dropped("001A", 70, 55);

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(OUTREACH)),
                Map.of("Task", describe("Task", true, false)), Map.of());

        assertThat(result.actions()).isEmpty();
        assertThat(result.writes()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p ->
                assertThat(p).startsWith("playbooks: 1 Task not planned: Task.Healthsync_Key__c does not exist"));
    }

    @Test
    void a_task_object_the_org_would_not_read_leaves_the_tasks_out_with_its_reason() {
        account("001A", "Acme", "005ANA");
        dropped("001A", 70, 55);
        account("001B", "Beta", "005BEN");
        ready("001B", 0.85);

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(OUTREACH, EXPANSION)), deployed(),
                Map.of("Task", "INSUFFICIENT_ACCESS_OR_READONLY: the integration user cannot read Task"));

        assertThat(result.actions()).extracting(PlannedAction::kind).containsExactly(ActionKind.OPPORTUNITY);
        assertThat(result.writes()).extracting(PlannedWrite::sobject).containsExactly("Opportunity");
        assertThat(result.problems()).containsExactly("playbooks: 1 Task not planned: INSUFFICIENT_ACCESS_OR_READONLY: "
                + "the integration user cannot read Task");
    }

    @Test
    void no_describe_given_is_taken_as_deployed() {
        account("001A", "Acme", "005ANA");
        dropped("001A", 70, 55);

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(OUTREACH)), Map.of(), Map.of());

        assertThat(result.writes()).hasSize(1);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void an_account_without_an_owner_sends_no_owner_id() {
        account("001A", "Acme", null);
        dropped("001A", 70, 55);
        account("001B", "Beta", null);
        ready("001B", 0.85);

        PlaybookPlanner.Result result = plan(new PlaybooksConfig(List.of(OUTREACH, EXPANSION)), deployed(), Map.of());

        assertThat(result.writes()).hasSize(2).allSatisfy(w -> assertThat(w.payload()).doesNotContainKey("OwnerId"));
    }
}

package io.healthsync.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.model.Account;
import io.healthsync.model.Band;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WritebackPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-23T12:00:00Z");
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 24);

    private final FieldMapping mapping = new FieldMapping(Map.of(), orderedWrite(), new FieldMapping.WritebackPolicy(1.0, 200, 255));
    private final WritebackPlanner planner = new WritebackPlanner(mapping);

    private static Map<String, String> orderedWrite() {
        Map<String, String> write = new LinkedHashMap<>();
        write.put("health_score", "Health_Score__c");
        write.put("health_band", "Health_Band__c");
        write.put("health_drivers", "Health_Drivers__c");
        write.put("health_updated", "Health_Updated__c");
        return write;
    }

    private static HealthScore score(String id, double score, Band band) {
        return new HealthScore(id, AS_OF, score, band, List.of(),
                List.of(new Driver("days_since_last_touch", -8, "No human touch in 41 days (-8 pts)")), null, null, "scorecard-v1");
    }

    private static Account account(String id, Instant modstamp, Map<String, String> crmFields) {
        return new Account(id, "Acme " + id, "SMB", null, null, null, null, null, null, null, modstamp, crmFields);
    }

    private static Map<String, WrittenValue> written(String score, double basis, String band) {
        Map<String, WrittenValue> fields = new HashMap<>();
        fields.put("Health_Score__c", new WrittenValue(score, basis, EARLIER));
        fields.put("Health_Band__c", new WrittenValue(band, null, EARLIER));
        fields.put("Health_Drivers__c", new WrittenValue("No human touch in 41 days (-8 pts)", null, EARLIER));
        fields.put("Health_Updated__c", new WrittenValue("2026-11-23T12:00:00Z", null, EARLIER));
        return fields;
    }

    private WritebackPlan plan(List<HealthScore> scores, Map<String, Account> accounts,
                               Map<String, Map<String, WrittenValue>> written, SObjectDescribe describe) {
        return planner.plan("p1", AS_OF, NOW, scores, accounts, written, null, describe);
    }

    @Test
    void churn_risk_and_expansion_propensity_are_written_as_percents_only_when_a_model_gives_them() {
        Map<String, String> write = new LinkedHashMap<>(orderedWrite());
        write.put("churn_risk", "Churn_Risk__c");
        write.put("expansion_propensity", "Expansion_Propensity__c");
        WritebackPlanner withRisk = new WritebackPlanner(new FieldMapping(Map.of(), write,
                new FieldMapping.WritebackPolicy(1.0, 200, 255)));
        HealthScore model = new HealthScore("001A", AS_OF, 72.6, Band.GREEN, List.of(), List.of(), 0.274, 0.618, "churn-1");
        HealthScore scorecard = score("001B", 64.4, Band.YELLOW);

        WritebackPlan plan = withRisk.plan("p1", AS_OF, NOW, List.of(model, scorecard),
                Map.of("001A", account("001A", EARLIER, Map.of()), "001B", account("001B", EARLIER, Map.of())),
                Map.of(), null, null);

        assertThat(plan.writes().get(0).payload()).containsEntry("Churn_Risk__c", 27)
                .containsEntry("Expansion_Propensity__c", 62).containsEntry("Health_Score__c", 73);
        assertThat(plan.writes().get(1).payload()).doesNotContainKeys("Churn_Risk__c", "Expansion_Propensity__c");
    }

    @Test
    void first_write_sends_every_mapped_field() {
        WritebackPlan plan = plan(List.of(score("001A", 64.4, Band.YELLOW)),
                Map.of("001A", account("001A", EARLIER, Map.of())), Map.of(), null);

        PlannedWrite write = plan.writes().get(0);
        assertThat(write.payload()).containsExactly(Map.entry("Health_Score__c", 64), Map.entry("Health_Band__c", "Yellow"),
                Map.entry("Health_Drivers__c", "No human touch in 41 days (-8 pts)"),
                Map.entry("Health_Updated__c", "2026-11-24T12:00:00Z"));
        assertThat(write.reason()).isEqualTo("first write");
        assertThat(write.basis()).containsExactly(Map.entry("Health_Score__c", 64.4));
        assertThat(plan.fieldsChanged()).isEqualTo(4);
    }

    @Test
    void should_plan_nothing_when_nothing_changed_since_the_last_write() {
        WritebackPlan plan = plan(List.of(score("001A", 64.4, Band.YELLOW)),
                Map.of("001A", account("001A", EARLIER, Map.of("Health_Score__c", "64.0"))),
                Map.of("001A", written("64", 64.4, "Yellow")), null);

        assertThat(plan.writes()).isEmpty();
        assertThat(plan.fieldsChanged()).isZero();
    }

    @Test
    void a_move_below_the_threshold_is_not_worth_a_call_even_if_the_rounded_value_differs() {
        // 64.4 -> 64.6 rounds 64 -> 65, but moved only 0.2 points
        WritebackPlan plan = plan(List.of(score("001A", 64.6, Band.YELLOW)),
                Map.of("001A", account("001A", EARLIER, Map.of())), Map.of("001A", written("64", 64.4, "Yellow")), null);

        assertThat(plan.writes()).isEmpty();
    }

    @Test
    void a_material_move_writes_only_the_fields_that_changed_plus_the_timestamp() {
        WritebackPlan plan = plan(List.of(score("001A", 52.0, Band.YELLOW)),
                Map.of("001A", account("001A", EARLIER, Map.of())), Map.of("001A", written("64", 64.4, "Yellow")), null);

        PlannedWrite write = plan.writes().get(0);
        assertThat(write.payload()).containsOnlyKeys("Health_Score__c", "Health_Updated__c");
        assertThat(write.changes()).extracting(FieldChange::field, FieldChange::oldValue, FieldChange::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Health_Score__c", "64", "52"),
                        org.assertj.core.groups.Tuple.tuple("Health_Updated__c", "2026-11-23T12:00:00Z", "2026-11-24T12:00:00Z"));
        assertThat(write.reason()).isEqualTo("score 64 -> 52 (-12)");
    }

    @Test
    void should_restore_a_field_someone_edited_in_the_crm_after_our_write() {
        Account edited = account("001A", NOW.minusSeconds(60), Map.of("Health_Score__c", "64.0", "Health_Band__c", "Green"));

        WritebackPlan plan = plan(List.of(score("001A", 64.4, Band.YELLOW)), Map.of("001A", edited),
                Map.of("001A", written("64", 64.4, "Yellow")), null);

        PlannedWrite write = plan.writes().get(0);
        assertThat(write.payload()).containsOnlyKeys("Health_Band__c", "Health_Updated__c");
        assertThat(write.reason()).isEqualTo("Health_Band__c was changed in the CRM to \"Green\"");
    }

    @Test
    void a_crm_value_read_before_our_last_write_is_not_an_edit() {
        Account stale = account("001A", EARLIER.minusSeconds(3600), Map.of("Health_Band__c", ""));

        WritebackPlan plan = plan(List.of(score("001A", 64.4, Band.YELLOW)), Map.of("001A", stale),
                Map.of("001A", written("64", 64.4, "Yellow")), null);

        assertThat(plan.writes()).isEmpty();
    }

    @Test
    void a_value_the_crm_lost_after_our_write_is_written_again() {
        // acknowledged, then lost (a restored sandbox, a kill before the org saved it): the record still carries
        // its old SystemModstamp, and a complete pull since our write read it without our values
        Account lost = account("001A", EARLIER.minusSeconds(3600), mapOf("Health_Score__c", null, "Health_Band__c", null,
                "Health_Drivers__c", null));

        WritebackPlan plan = planner.plan("p1", AS_OF, NOW, List.of(score("001A", 64.4, Band.YELLOW)), Map.of("001A", lost),
                Map.of("001A", written("64", 64.4, "Yellow")), EARLIER.plusSeconds(600), null);

        PlannedWrite write = plan.writes().get(0);
        assertThat(write.payload()).containsOnlyKeys("Health_Score__c", "Health_Band__c", "Health_Drivers__c",
                "Health_Updated__c");
        assertThat(write.reason()).contains("Health_Score__c is empty in the CRM (we wrote \"64\")");
    }

    @Test
    void a_value_reverted_in_the_crm_is_restored_even_with_an_older_modstamp() {
        Account reverted = account("001A", EARLIER.minusSeconds(3600), Map.of("Health_Score__c", "81.0"));

        WritebackPlan plan = planner.plan("p1", AS_OF, NOW, List.of(score("001A", 64.4, Band.YELLOW)),
                Map.of("001A", reverted), Map.of("001A", written("64", 64.4, "Yellow")), EARLIER.plusSeconds(600), null);

        assertThat(plan.writes()).singleElement().satisfies(w -> {
            assertThat(w.payload()).containsOnlyKeys("Health_Score__c", "Health_Updated__c");
            assertThat(w.changes().get(0).oldValue()).isEqualTo("81.0");
        });
    }

    private static Map<String, String> mapOf(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void should_leave_out_a_mapped_field_the_org_does_not_have_and_say_so() throws Exception {
        SObjectDescribe describe = SObjectDescribe.parse(new ObjectMapper().readTree("""
                {"name":"Account","fields":[
                  {"name":"Id","type":"id","updateable":false},
                  {"name":"Health_Score__c","type":"double","updateable":true},
                  {"name":"Health_Band__c","type":"picklist","updateable":false},
                  {"name":"Health_Drivers__c","type":"string","updateable":true,"length":20}]}"""));

        WritebackPlan plan = plan(List.of(score("001A", 64.4, Band.YELLOW)),
                Map.of("001A", account("001A", EARLIER, Map.of())), Map.of(), describe);

        assertThat(plan.writes().get(0).payload()).containsOnlyKeys("Health_Score__c", "Health_Drivers__c");
        // cut at a whole driver to fit the field's length: the one driver is longer than 20, so nothing fits
        assertThat(((String) plan.writes().get(0).payload().get("Health_Drivers__c")).length()).isLessThanOrEqualTo(20);
        assertThat(plan.problems()).containsExactly(
                "fields.yaml account.write.health_band: Account.Health_Band__c is not updateable for the integration "
                        + "user; not written (check field-level security)",
                "fields.yaml account.write.health_updated: Account.Health_Updated__c does not exist in the org; "
                        + "not written (create the field or fix the mapping)");
    }

    @Test
    void minimum_write_calls_is_the_ceiling_of_records_over_batch_size() {
        List<HealthScore> scores = new java.util.ArrayList<>();
        Map<String, Account> accounts = new HashMap<>();
        for (int i = 0; i < 401; i++) {
            scores.add(score("001" + i, 50, Band.YELLOW));
            accounts.put("001" + i, account("001" + i, EARLIER, Map.of()));
        }
        WritebackPlan plan = plan(scores, accounts, Map.of(), null);

        assertThat(plan.writes()).hasSize(401);
        assertThat(io.healthsync.connectors.salesforce.SObjectCollections.minimumCalls(plan.writes().size(), 200)).isEqualTo(3);
    }

    @Test
    void values_whose_comparable_forms_are_equal_are_exactly_those_that_are_the_same_value() {
        List<String> values = java.util.Arrays.asList(null, "72", "72.0", " 72 ", "72.10", "72.1", "7.2E1", "0", "0.00",
                "-0", "73", "Green", "green", "Green ", "", "null", "N72", "2026-11-24T12:00:00Z",
                "2026-11-24T12:00:00.000+0000", "2026-11-24T13:30:00.000+0130", "2026-11-24T12:00Z",
                "2026-11-24T12:00:01.000+0000", "2026-11-24T12:00:00.000+9999", "2026-11-24");
        for (String a : values) {
            for (String b : values) {
                assertThat(java.util.Objects.equals(WritebackPlanner.comparableValue(a), WritebackPlanner.comparableValue(b)))
                        .as("'%s' and '%s'", a, b).isEqualTo(WritebackPlanner.sameValue(a, b));
            }
        }
    }

    @Test
    void numbers_compare_by_value_not_text() {
        assertThat(WritebackPlanner.sameValue("72", "72.0")).isTrue();
        assertThat(WritebackPlanner.sameValue("72", "73")).isFalse();
        assertThat(WritebackPlanner.sameValue("Green", null)).isFalse();
        assertThat(WritebackPlanner.sameValue("2026-11-24T12:00:00Z", "2026-11-24T12:00:00.000+0000")).isTrue();
        assertThat(WritebackPlanner.sameValue("2026-11-24T12:00:00Z", "2026-11-24T12:00:01.000+0000")).isFalse();
        assertThat(WritebackPlanner.sameValue("2026-11-24T13:30:00.000+0130", "2026-11-24T12:00:00Z")).isTrue();
        assertThat(WritebackPlanner.sameValue("2026-11-24T12:00Z", "2026-11-24T12:00:00.000+0000")).isTrue();
        assertThat(WritebackPlanner.sameValue("2026-11-24T12:00:00Z", "72")).isFalse();
        assertThat(WritebackPlanner.sameValue("72", "2026-11-24T12:00:00Z")).isFalse();
        assertThat(WritebackPlanner.sameValue("Green", "green")).isFalse();
    }
}

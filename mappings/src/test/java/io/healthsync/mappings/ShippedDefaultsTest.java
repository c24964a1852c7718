package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.model.ActivityType;
import io.healthsync.model.Signal;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShippedDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void shipped_defaults_load_with_the_documented_values() {
        HealthsyncConfig config = ConfigLoader.load(null);

        assertThat(config.directory()).isNull();
        assertThat(config.scorecard().redMax()).isEqualTo(30);
        assertThat(config.scorecard().yellowMax()).isEqualTo(70);
        assertThat(config.scorecard().minCohortSize()).isEqualTo(20);
        assertThat(config.scorecard().topDrivers()).isEqualTo(3);
        assertThat(config.scorecard().weights()).containsExactly(
                Map.entry("days_since_last_touch", 8.0), Map.entry("touches_30d", 4.0),
                Map.entry("touches_90d", 6.0), Map.entry("touch_trend", 4.0), Map.entry("days_since_qbr", 6.0),
                Map.entry("active_users_per_seat", 4.0), Map.entry("active_rate_30d", 3.0),
                Map.entry("active_rate_trend", 3.0), Map.entry("feature_breadth", 2.0),
                Map.entry("open_opportunities", 4.0), Map.entry("days_to_renewal", 4.0), Map.entry("tenure_days", 4.0),
                Map.entry("payment_failures_90d", 10.0), Map.entry("plan_change_90d", 8.0),
                Map.entry("tickets_30d", 5.0), Map.entry("ticket_trend", 4.0), Map.entry("escalations_30d", 5.0),
                Map.entry("resolution_hours", 4.0), Map.entry("csat_bad_share_90d", 6.0),
                Map.entry("cancellation_intent_90d", 6.0));
        assertThat(config.fields().accountWrite()).containsEntry(FieldMapping.HEALTH_SCORE, "Health_Score__c")
                .containsEntry(FieldMapping.HEALTH_BAND, "Health_Band__c")
                .containsEntry(FieldMapping.HEALTH_DRIVERS, "Health_Drivers__c")
                .containsEntry(FieldMapping.HEALTH_UPDATED, "Health_Updated__c");
        assertThat(config.fields().accountRead()).containsEntry("segment", "Customer_Segment__c")
                .containsEntry("renewal_date", "Renewal_Date__c");
        assertThat(config.fields().writeback()).isEqualTo(new FieldMapping.WritebackPolicy(2, 200, 255));
        SourcesConfig.Salesforce sf = config.sources().salesforce();
        assertThat(sf.enabled()).isTrue();
        assertThat(sf.cron()).isEqualTo("0 0/15 * * * ?");
        assertThat(sf.loginUrl()).isEqualTo("https://MYDOMAIN.my.salesforce.com");
        assertThat(sf.apiVersion()).isEqualTo("60.0");
        assertThat(sf.objects()).containsExactly("Account", "Task", "Event", "Opportunity", "User");
        assertThat(sf.pageSize()).isEqualTo(2000);
        assertThat(sf.lookbackSeconds()).isEqualTo(60);
        assertThat(sf.historyDays()).isEqualTo(730);
        assertThat(sf.auth().flow()).isEqualTo("client_credentials");
        assertThat(sf.auth().clientId()).isEqualTo(new SecretRef("SF_CLIENT_ID", null));
        assertThat(sf.auth().clientSecret()).isEqualTo(new SecretRef("SF_CLIENT_SECRET", null));
        assertThat(sf.auth().jwtKeyFile()).isEqualTo(new SecretRef("SF_JWT_KEY_FILE", null));
    }

    @Test
    void shipped_sources_tell_a_new_user_to_put_their_my_domain_url_for_the_client_credentials_flow() {
        String sources = ConfigLoader.defaultText(ConfigLoader.SOURCES);

        assertThat(sources).contains("login_url: https://MYDOMAIN.my.salesforce.com")
                .contains("My Domain URL").contains("Replace MYDOMAIN")
                .doesNotContain("login_url: https://login.salesforce.com");
        assertThat(ConfigLoader.load(null).sources().salesforce().auth().flow()).isEqualTo("client_credentials");
    }

    @Test
    void shipped_enterprise_weights_favour_qbr_and_last_touch_and_sum_to_100() {
        Map<String, Double> enterprise = ConfigLoader.load(null).scorecard().segmentWeights().get("Enterprise");
        Map<String, Double> standard = ConfigLoader.load(null).scorecard().weights();

        assertThat(enterprise.get("days_since_qbr")).isGreaterThan(standard.get("days_since_qbr"));
        assertThat(enterprise.get("days_since_last_touch")).isGreaterThan(standard.get("days_since_last_touch"));
        assertThat(enterprise.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(100.0);
    }

    @Test
    void shipped_weight_sets_give_behaviour_40_money_30_and_support_30() {
        ScorecardConfig scorecard = ConfigLoader.load(null).scorecard();
        Set<String> touch = Set.of("days_since_last_touch", "touches_30d", "touches_90d", "touch_trend", "days_since_qbr");

        for (Map<String, Double> weights : List.of(scorecard.weights(), scorecard.segmentWeights().get("Enterprise"))) {
            Map<String, Double> byPart = new java.util.TreeMap<>();
            weights.forEach((key, weight) -> {
                Signal.Family family = Signal.fromKey(key).orElseThrow().family();
                String part = touch.contains(key) || family == Signal.Family.USAGE ? "behaviour"
                        : family == Signal.Family.SUPPORT ? "support" : "money";
                byPart.merge(part, weight, Double::sum);
            });
            assertThat(byPart).containsExactly(Map.entry("behaviour", 40.0), Map.entry("money", 30.0),
                    Map.entry("support", 30.0));
        }
    }

    /** With Salesforce alone the other signals are left out, and these proportions are the whole score. */
    @Test
    void shipped_crm_weights_keep_the_proportions_of_the_crm_only_scorecard() {
        ScorecardConfig scorecard = ConfigLoader.load(null).scorecard();

        assertThat(crmWeightsTimes(scorecard.weights(), 2.5)).containsExactly(20.0, 10.0, 15.0, 10.0, 15.0, 10.0, 10.0, 10.0);
        assertThat(crmWeightsTimes(scorecard.segmentWeights().get("Enterprise"), 2.5))
                .containsExactly(25.0, 5.0, 10.0, 5.0, 25.0, 10.0, 10.0, 10.0);
    }

    private static List<Double> crmWeightsTimes(Map<String, Double> weights, double factor) {
        return Signal.ofFamily(Signal.Family.CRM).stream().map(s -> weights.get(s.key()) * factor).toList();
    }

    @Test
    void shipped_defaults_validate_with_no_errors() {
        assertThat(ConfigLoader.validate(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"taxonomy.yaml", "fields.yaml", "scorecard.yaml", "sources.yaml", "identity.yaml", "playbooks.yaml",
            "attribution.yaml"})
    void every_shipped_file_validates_with_no_errors_when_read_from_a_directory(String name) throws Exception {
        Files.writeString(dir.resolve(name), ConfigLoader.defaultText(name));

        assertThat(ConfigLoader.validate(dir)).isEmpty();
        assertThat(ConfigLoader.defaultText(name)).startsWith("# " + name + " - ");
    }

    @Test
    void write_defaults_copies_the_seven_shipped_files_and_they_load() throws Exception {
        Path target = dir.resolve("my-config");

        ConfigLoader.writeDefaults(target);

        try (var files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("taxonomy.yaml", "fields.yaml", "scorecard.yaml", "sources.yaml", "identity.yaml", "playbooks.yaml",
                            "attribution.yaml");
        }
        assertThat(Files.readString(target.resolve("scorecard.yaml"))).isEqualTo(ConfigLoader.defaultText("scorecard.yaml"));
        assertThat(ConfigLoader.load(target).directory()).isEqualTo(target);
    }

    @Test
    void write_defaults_never_overwrites_an_edited_file() throws Exception {
        Files.writeString(dir.resolve("fields.yaml"), "# edited\n");

        assertThatThrownBy(() -> ConfigLoader.writeDefaults(dir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("fields.yaml")
                .hasMessageContaining("already exists");
        assertThat(Files.readString(dir.resolve("fields.yaml"))).isEqualTo("# edited\n");
        assertThat(dir.resolve("taxonomy.yaml")).doesNotExist();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
            "check-in call, CALL",
            "touch base, CALL",
            "status call, CALL",
            "QBR, QBR",
            "Quarterly business review, QBR",
            "onboarding kickoff, ONBOARDING",
            "kickoff call, ONBOARDING",
            "training session, TRAINING",
            "admin training, TRAINING",
            "webinar, TRAINING",
            "exec sponsor meeting, EXECUTIVE_MEETING",
            "executive briefing, EXECUTIVE_MEETING",
            "renewal discussion, RENEWAL_DISCUSSION",
            "contract review, RENEWAL_DISCUSSION",
            "email, EMAIL",
            "sent email, EMAIL",
            "follow-up email, EMAIL",
            "call, CALL",
            "meeting, MEETING",
            "demo, MEETING",
            "sync, MEETING",
            "weekly sync, MEETING",
            // Salesforce Task Type picklist values
            "Call, CALL",
            "Email, EMAIL",
            "Meeting, MEETING",
            // by pattern only
            "QBR call, QBR",
            "Email: Re: call next week, EMAIL",
            "Call to discuss email settings, CALL",
            "Intro email, EMAIL",
            "Kick-off with new admins, ONBOARDING",
            "Renewal call with CFO, EXECUTIVE_MEETING",
            "Lunch, OTHER"
    })
    void shipped_taxonomy_classifies_common_labels(String label, ActivityType expected) {
        assertThat(ConfigLoader.load(null).taxonomy().classify(label)).isEqualTo(expected);
    }
}

package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.ActivityType;
import io.healthsync.model.Band;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void sources_name_the_files_taken_from_the_directory_and_leave_the_rest_to_the_shipped_defaults() throws Exception {
        Files.writeString(dir.resolve("fields.yaml"), "# nothing changed\n");

        assertThat(ConfigLoader.sources(dir)).containsExactly(
                Map.entry("taxonomy.yaml", Optional.empty()),
                Map.entry("fields.yaml", Optional.of(dir.resolve("fields.yaml"))),
                Map.entry("scorecard.yaml", Optional.empty()),
                Map.entry("sources.yaml", Optional.empty()),
                Map.entry("identity.yaml", Optional.empty()),
                Map.entry("playbooks.yaml", Optional.empty()),
                Map.entry("attribution.yaml", Optional.empty()));
        assertThat(ConfigLoader.sources(null).values()).containsOnly(Optional.empty());
    }

    @Test
    void a_directory_with_only_scorecard_yaml_uses_the_shipped_defaults_for_the_rest() throws Exception {
        Files.writeString(dir.resolve("scorecard.yaml"), """
                bands: {red_max: 40, yellow_max: 80}
                cohort: {min_size: 5}
                drivers: {top: 2}
                weights:
                  days_since_last_touch: 60
                  days_since_qbr: 40
                segments:
                  SMB:
                    weights: {touches_30d: 100}
                """);

        HealthsyncConfig config = ConfigLoader.load(dir);
        HealthsyncConfig defaults = ConfigLoader.load(null);

        assertThat(config.directory()).isEqualTo(dir);
        ScorecardConfig scorecard = config.scorecard();
        assertThat(scorecard).isEqualTo(new ScorecardConfig(
                Map.of("days_since_last_touch", 60.0, "days_since_qbr", 40.0),
                Map.of("SMB", Map.of("touches_30d", 100.0)), 40, 80, 5, 2));
        assertThat(scorecard.band(40)).isEqualTo(Band.RED);
        assertThat(scorecard.band(41)).isEqualTo(Band.YELLOW);
        assertThat(scorecard.band(81)).isEqualTo(Band.GREEN);
        assertThat(config.fields()).isEqualTo(defaults.fields());
        assertThat(config.sources()).isEqualTo(defaults.sources());
        assertThat(config.taxonomy().classify("touch base")).isEqualTo(ActivityType.CALL);
        assertThat(config.taxonomy().rules()).extracting(Taxonomy.Rule::type)
                .containsExactlyElementsOf(defaults.taxonomy().rules().stream().map(Taxonomy.Rule::type).toList());
    }

    @Test
    void weights_for_a_segment_are_its_own_set_or_else_the_default_set() {
        ScorecardConfig scorecard = ConfigLoader.load(null).scorecard();
        Map<String, Double> enterprise = scorecard.segmentWeights().get("Enterprise");

        assertThat(scorecard.weightsFor("Enterprise")).isSameAs(enterprise).containsEntry("days_since_qbr", 10.0);
        assertThat(scorecard.weightsFor("SMB")).isSameAs(scorecard.weights()).containsEntry("days_since_qbr", 6.0);
        assertThat(scorecard.weightsFor(null)).isSameAs(scorecard.weights());
    }

    @Test
    void taxonomy_rules_keep_the_file_order_as_precedence() throws Exception {
        Files.writeString(dir.resolve("taxonomy.yaml"), """
                types:
                  call:
                    patterns: ['\\bcall\\b']
                  qbr:
                    patterns: ['\\bqbr\\b']
                """);

        Taxonomy taxonomy = ConfigLoader.load(dir).taxonomy();

        assertThat(taxonomy.rules()).extracting(Taxonomy.Rule::type).containsExactly(ActivityType.CALL, ActivityType.QBR);
        assertThat(taxonomy.classify("QBR call")).isEqualTo(ActivityType.CALL);
        assertThat(taxonomy.classify("qbr prep")).isEqualTo(ActivityType.QBR);
    }

    @Test
    void secrets_may_come_from_a_file_and_may_be_left_out() throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), ConfigLoader.defaultText("sources.yaml")
                .replace("client_secret: { env: SF_CLIENT_SECRET }", "client_secret: { env: SF_SECRET, file: /run/secrets/sf }")
                .replaceAll("(?m)^\\s+(username|password|jwt_key_file): .*\\n", ""));

        SourcesConfig.Auth auth = ConfigLoader.load(dir).sources().salesforce().auth();

        assertThat(auth.clientSecret()).isEqualTo(new SecretRef("SF_SECRET", "/run/secrets/sf"));
        assertThat(auth.username()).isNull();
        assertThat(auth.password()).isNull();
        assertThat(auth.jwtKeyFile()).isNull();
    }
}

package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each error names the file, the line and column, the path in the document, and what was expected. */
class ConfigErrorsTest {

    private static final String SCORECARD = """
            bands:
              red_max: 30
              yellow_max: 70
            cohort:
              min_size: 20
            drivers:
              top: 3
            weights:
              days_since_last_touch: 40
              days_since_qbr: 35
              touches_90d: 25
            """;

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private List<String> errors() {
        return ConfigLoader.validate(dir).stream().map(ConfigError::toString).toList();
    }

    @Test
    void a_mistyped_key_is_reported_at_its_line_with_the_keys_expected() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("  yellow_max: 70", "  yelow_max: 70"));

        List<ConfigError> errors = ConfigLoader.validate(dir);

        assertThat(errors).containsExactly(
                new ConfigError("scorecard.yaml", 1, 1, "bands.yellow_max", "missing key 'yellow_max'"),
                new ConfigError("scorecard.yaml", 3, 3, "bands.yelow_max",
                        "unknown key 'yelow_max' (did you mean 'yellow_max'?); expected one of: red_max, yellow_max"));
        assertThat(errors.get(1).toString()).isEqualTo("scorecard.yaml:3:3: bands.yelow_max: unknown key 'yelow_max' "
                + "(did you mean 'yellow_max'?); expected one of: red_max, yellow_max");
    }

    @Test
    void an_unknown_signal_lists_the_signals_expected() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("  touches_90d: 25", "  nps: 25"));

        assertThat(errors()).containsExactly(
                "scorecard.yaml:8:1: weights: weights sum to 75; expected a total of 100 (they are percentages of the score)",
                "scorecard.yaml:11:3: weights.nps: unknown key 'nps'; expected one of: days_since_last_touch, "
                        + "touches_30d, touches_90d, touch_trend, days_since_qbr, open_opportunities, days_to_renewal, "
                        + "tenure_days, active_users_per_seat, active_rate_30d, active_rate_trend, feature_breadth, "
                        + "tickets_30d, ticket_trend, escalations_30d, resolution_hours, csat_bad_share_90d, "
                        + "cancellation_intent_90d, payment_failures_90d, plan_change_90d");
    }

    @Test
    void the_signals_of_other_sources_are_weighted_like_the_crm_ones_and_a_slip_in_their_name_is_caught() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("  touches_90d: 25", "  tickets_30d: 10\n  payment_failures_90d: 10\n"
                + "  active_users_per_seat: 5"));
        assertThat(errors()).isEmpty();

        write("scorecard.yaml", SCORECARD.replace("  touches_90d: 25", "  tickets_30d: 10\n  payment_failure_90d: 15"));
        List<String> errors = errors();
        assertThat(errors).hasSize(2);
        // the unknown key's weight is not counted, as for any unknown key
        assertThat(errors.get(0)).isEqualTo(
                "scorecard.yaml:8:1: weights: weights sum to 85; expected a total of 100 (they are percentages of the score)");
        assertThat(errors.get(1)).startsWith("scorecard.yaml:12:3: weights.payment_failure_90d: unknown key "
                + "'payment_failure_90d' (did you mean 'payment_failures_90d'?); expected one of: days_since_last_touch");
    }

    @Test
    void weights_not_summing_to_100_report_the_actual_sum() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("days_since_qbr: 35", "days_since_qbr: 32.5") + """
                segments:
                  Enterprise:
                    weights:
                      days_since_last_touch: 50
                      days_since_qbr: 60
                """);

        assertThat(errors()).containsExactly(
                "scorecard.yaml:8:1: weights: weights sum to 97.5; expected a total of 100 (they are percentages of the score)",
                "scorecard.yaml:14:5: segments.Enterprise.weights: weights sum to 110; expected a total of 100 "
                        + "(they are percentages of the score)");
    }

    @Test
    void weights_within_a_hundredth_of_100_are_accepted() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("days_since_last_touch: 40", "days_since_last_touch: 39.995"));

        assertThat(errors()).isEmpty();
    }

    @Test
    void yellow_max_must_be_above_red_max() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("red_max: 30", "red_max: 70"));

        assertThat(errors()).containsExactly("scorecard.yaml:3:15: bands.yellow_max: yellow_max (70) must be greater "
                + "than red_max (70); expected an integer between 71 and 100");
    }

    @Test
    void wrong_types_and_out_of_range_values_say_what_was_expected() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("red_max: 30", "red_max: abc")
                .replace("min_size: 20", "min_size: 0")
                .replace("top: 3", "top: \"3\"")
                .replace("days_since_qbr: 35", "days_since_qbr: [35]"));

        assertThat(errors()).containsExactly(
                "scorecard.yaml:2:12: bands.red_max: expected an integer between 0 and 100, got \"abc\"",
                "scorecard.yaml:5:13: cohort.min_size: expected an integer of at least 1, got 0",
                "scorecard.yaml:7:8: drivers.top: expected an integer between 1 and 10, got \"3\" "
                        + "(quoted, so it is text: remove the quotes)",
                "scorecard.yaml:10:19: weights.days_since_qbr: expected a number between 0 and 100, got a list");
    }

    @Test
    void a_missing_section_and_a_section_that_is_not_a_mapping_are_errors() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("cohort:\n  min_size: 20\n", "").replace("drivers:\n  top: 3", "drivers: 3"));

        assertThat(errors()).containsExactly(
                "scorecard.yaml:1:1: cohort: missing key 'cohort'",
                "scorecard.yaml:4:10: drivers: expected a mapping with keys from: top, got 3");
    }

    @Test
    void an_invalid_regular_expression_is_reported_with_its_index_in_the_list() throws IOException {
        String line4 = "    patterns: ['\\bcall\\b', 'touch ?base', '(check-in']";
        write("taxonomy.yaml", "types:\n  call:\n    labels: [Call]\n" + line4 + "\n");

        List<ConfigError> errors = ConfigLoader.validate(dir);

        assertThat(errors).hasSize(1);
        ConfigError error = errors.get(0);
        assertThat(error.file()).isEqualTo("taxonomy.yaml");
        assertThat(error.line()).isEqualTo(4);
        assertThat(error.column()).isEqualTo(line4.indexOf("'(check-in'") + 1);
        assertThat(error.path()).isEqualTo("types.call.patterns[2]");
        assertThat(error.message()).startsWith("invalid regular expression: Unclosed group near index 9 of '(check-in'")
                .endsWith("expected a Java regular expression (write it in single quotes so backslashes stay as written)");
    }

    @Test
    void a_label_under_two_types_names_both() throws IOException {
        write("taxonomy.yaml", """
                types:
                  call:
                    labels: ["Touch base", "Call"]
                  meeting:
                    labels: ["Meeting", "touch  BASE"]
                """);

        assertThat(errors()).containsExactly("taxonomy.yaml:5:25: types.meeting.labels[1]: label 'touch base' is listed "
                + "under both call and meeting; expected each label under one type only");
    }

    @Test
    void a_type_without_labels_or_patterns_other_and_unknown_types_are_errors() throws IOException {
        write("taxonomy.yaml", """
                types:
                  call:
                    labels: []
                  other:
                    labels: [Misc]
                  calls:
                    labels: [Phone]
                """);

        assertThat(errors()).containsExactly(
                "taxonomy.yaml:2:3: types.call: no labels and no patterns; expected at least one of them (or remove the type)",
                "taxonomy.yaml:4:3: types.other: 'other' cannot be configured: it is what a label that matches no rule "
                        + "becomes; expected one of: call, meeting, qbr, onboarding, training, executive_meeting, email, "
                        + "renewal_discussion",
                "taxonomy.yaml:6:3: types.calls: unknown key 'calls' (did you mean 'call'?); expected one of: call, "
                        + "meeting, qbr, onboarding, training, executive_meeting, email, renewal_discussion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Health Score__c", "1Health_Score__c", "Health_Score_", "Health___Score__c", "Health-Score__c"})
    void an_invalid_salesforce_field_name_is_an_error(String name) throws IOException {
        write("fields.yaml", """
                account:
                  read:
                    segment: Customer_Segment__c
                  write:
                    health_score: "%s"
                writeback:
                  min_score_change: 1
                  batch_size: 200
                  drivers_max_length: 255
                """.formatted(name));

        assertThat(errors()).containsExactly("fields.yaml:5:19: account.write.health_score: invalid Salesforce field "
                + "name \"" + name + "\"; expected an API name: a letter, then letters, digits and single underscores, "
                + "ending in __c for a custom field (e.g. Health_Score__c)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Health_Score__c", "AnnualRevenue", "gs__Health_Score__c", "Score2__c"})
    void salesforce_api_names_including_namespaced_ones_are_accepted(String name) {
        assertThat(FieldMappingReader.isApiName(name)).isTrue();
    }

    @Test
    void two_results_in_one_field_a_read_field_written_and_a_missing_health_score_are_errors() throws IOException {
        write("fields.yaml", """
                account:
                  read:
                    segment: Customer_Segment__c
                  write:
                    health_band: Health_Band__c
                    health_drivers: health_band__c
                    health_updated: Customer_Segment__c
                writeback:
                  min_score_change: -1
                  batch_size: 500
                  drivers_max_length: 255
                """);

        assertThat(errors()).containsExactly(
                "fields.yaml:4:3: account.write.health_score: missing key 'health_score'; expected the Account field "
                        + "that receives the score (e.g. Health_Score__c)",
                "fields.yaml:6:21: account.write.health_drivers: health_band and health_drivers are both written to "
                        + "health_band__c; expected a separate field for each result",
                "fields.yaml:7:21: account.write.health_updated: Customer_Segment__c is read as segment and written as "
                        + "health_updated; expected a field that healthsync does not read",
                "fields.yaml:9:21: writeback.min_score_change: expected a number between 0 and 100, got -1",
                "fields.yaml:10:15: writeback.batch_size: expected an integer between 1 and 200, got 500");
    }

    @Test
    void a_secret_written_in_sources_yaml_is_refused_without_repeating_it() throws IOException {
        write("sources.yaml", ConfigLoader.defaultText("sources.yaml")
                .replace("client_secret: { env: SF_CLIENT_SECRET }", "client_secret: \"s3cr3t-Value-42\"")
                .replace("password: { env: SF_PASSWORD }", "password: hunter2pass")
                .replace("username: { env: SF_USERNAME }", "username: { env: \"tok en-99\" }"));

        List<ConfigError> errors = ConfigLoader.validate(dir);

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                "salesforce.auth.client_secret", "salesforce.auth.username.env", "salesforce.auth.password");
        assertThat(errors.get(0).message()).isEqualTo("a value is written here; secrets must not be in this file; "
                + "expected { env: NAME } (an environment variable) or { file: PATH } (a file holding the secret)");
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t", "hunter2pass", "tok en-99"));
        assertThat(errors).allSatisfy(e -> assertThat(e.toString()).doesNotContain("s3cr3t", "hunter2pass", "tok en-99"));
    }

    @Test
    void a_yaml_syntax_error_on_a_secret_line_does_not_repeat_the_line() throws IOException {
        write("sources.yaml", ConfigLoader.defaultText("sources.yaml")
                .replace("client_secret: { env: SF_CLIENT_SECRET }", "client_secret: abc:def: s3cr3t"));

        List<ConfigError> errors = ConfigLoader.validate(dir);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).startsWith("invalid YAML: ").doesNotContain("s3cr3t");
    }

    @Test
    void sources_settings_are_checked() throws IOException {
        write("sources.yaml", """
                salesforce:
                  enabled: maybe
                  cron: "0 */15 * * *"
                  login_url: login.salesforce.com
                  api_version: 60
                  auth:
                    flow: oauth
                    client_id: {}
                  objects: [Task, Contact, Task]
                  page_size: 100
                  lookback_seconds: 60
                  history_days: 730
                """);

        assertThat(errors()).containsExactly(
                "sources.yaml:2:12: salesforce.enabled: expected true or false, got \"maybe\"",
                "sources.yaml:3:9: salesforce.cron: expected a Quartz cron expression with 6 or 7 fields (seconds "
                        + "minutes hours day-of-month month day-of-week [year]), e.g. \"0 0/15 * * * ?\"; got 5 field(s) "
                        + "in \"0 */15 * * *\"",
                "sources.yaml:4:14: salesforce.login_url: expected an http(s) URL such as your My Domain URL "
                        + "https://MYDOMAIN.my.salesforce.com, got \"login.salesforce.com\"",
                "sources.yaml:5:16: salesforce.api_version: expected a Salesforce API version like \"60.0\" (two digits, "
                        + "then .0), got \"60\"",
                "sources.yaml:7:11: salesforce.auth.flow: expected one of: client_credentials, jwt, password, got \"oauth\"",
                "sources.yaml:8:16: salesforce.auth.client_id: expected { env: NAME } or { file: PATH }, got an empty mapping",
                "sources.yaml:9:19: salesforce.objects[1]: unknown object \"Contact\"; expected one of: Account, Task, "
                        + "Event, Opportunity, User",
                "sources.yaml:9:28: salesforce.objects[2]: Task is listed twice; expected each object once",
                "sources.yaml:10:14: salesforce.page_size: expected an integer between 200 and 2000, got 100");
    }

    @Test
    void objects_without_account_is_an_error() throws IOException {
        write("sources.yaml", ConfigLoader.defaultText("sources.yaml")
                .replace("objects: [Account, Task, Event, Opportunity, User]", "objects: [Task, Event]"));

        assertThat(ConfigLoader.validate(dir)).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("Account is missing; expected it in the list, since "
                        + "every score is about an account"));
    }

    @Test
    void a_yaml_syntax_error_is_reported_at_its_line() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("  yellow_max: 70", "  yellow_max: 70: 80"));

        List<ConfigError> errors = ConfigLoader.validate(dir);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).file()).isEqualTo("scorecard.yaml");
        assertThat(errors.get(0).line()).isEqualTo(3);
        assertThat(errors.get(0).message()).startsWith("invalid YAML: mapping values are not allowed here");
    }

    @Test
    void a_repeated_key_is_an_error_at_its_second_occurrence() throws IOException {
        write("scorecard.yaml", SCORECARD.replace("  top: 3", "  top: 3\n  top: 4"));

        assertThat(errors()).containsExactly(
                "scorecard.yaml:8:3: drivers.top: duplicate key 'top' (first on line 7); expected each key once");
    }

    @Test
    void an_empty_file_is_an_error() throws IOException {
        write("fields.yaml", "# nothing yet\n");

        assertThat(errors()).containsExactly(
                "fields.yaml:1:1: the file is empty; expected a mapping with keys: account, writeback");
    }

    @Test
    void errors_of_all_files_are_reported_together() throws IOException {
        write("taxonomy.yaml", "types:\n  call:\n    labels: [Call]\n    pattern: ['\\bcall\\b']\n");
        write("fields.yaml", """
                account:
                  read: {}
                  write: {health_score: Health_Score__c}
                writeback:
                  min_score_change: 1
                  batch_size: 0
                  drivers_max_length: 255
                """);

        List<String> expected = List.of(
                "taxonomy.yaml:4:5: types.call.pattern: unknown key 'pattern' (did you mean 'patterns'?); expected one "
                        + "of: labels, patterns",
                "fields.yaml:6:15: writeback.batch_size: expected an integer between 1 and 200, got 0");
        assertThat(errors()).isEqualTo(expected);
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.getMessage()).isEqualTo(String.join("\n", expected));
                });
    }

    @Test
    void a_config_directory_that_does_not_exist_is_one_clear_error() {
        Path missing = dir.resolve("nope");

        assertThat(ConfigLoader.validate(missing)).containsExactly(new ConfigError(missing.toString(), 0, 0, "",
                "the config directory does not exist; expected a directory holding any of taxonomy.yaml, fields.yaml, "
                        + "scorecard.yaml, sources.yaml, identity.yaml, playbooks.yaml, attribution.yaml (files it lacks use the shipped defaults)"));
        assertThatThrownBy(() -> ConfigLoader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": the config directory does not exist; expected a directory holding any of "
                        + "taxonomy.yaml, fields.yaml, scorecard.yaml, sources.yaml, identity.yaml, playbooks.yaml, attribution.yaml (files it lacks use the shipped defaults)");
    }

    @Test
    void a_yaml_file_with_an_unknown_name_is_an_error_rather_than_silently_ignored() throws IOException {
        write("scorecard.yml", SCORECARD);

        assertThat(errors()).containsExactly("scorecard.yml: unknown config file (did you mean scorecard.yaml?); "
                + "expected one of: taxonomy.yaml, fields.yaml, scorecard.yaml, sources.yaml, identity.yaml, playbooks.yaml, attribution.yaml");
    }
}

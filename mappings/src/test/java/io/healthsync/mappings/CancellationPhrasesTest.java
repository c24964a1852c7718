package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** taxonomy.yaml's cancellation_intent phrases: read normalized, and each mistake named by file and line. */
class CancellationPhrasesTest {

    private static final String TYPES = "types:\n  call:\n    labels: [Call]\n";

    @TempDir
    Path dir;

    private void writeTaxonomy(String text) throws IOException {
        Files.writeString(dir.resolve("taxonomy.yaml"), text);
    }

    private List<String> errors() {
        return ConfigLoader.validate(dir).stream().map(ConfigError::toString).toList();
    }

    @Test
    void shipped_defaults_list_the_documented_phrases_in_file_order() {
        List<String> phrases = ConfigLoader.load(null).taxonomy().cancellationPhrases();

        assertThat(phrases).hasSize(12).startsWith("cancel our subscription", "cancel my subscription")
                .contains("not renewing", "won't be renewing").endsWith("moving to a competitor");
    }

    @Test
    void phrases_are_kept_lower_case_with_single_spaces() throws IOException {
        writeTaxonomy(TYPES + "cancellation_intent:\n  phrases: [\"Not   Renewing\", \" cancel our plan \"]\n");

        assertThat(ConfigLoader.load(dir).taxonomy().cancellationPhrases())
                .containsExactly("not renewing", "cancel our plan");
    }

    @Test
    void a_taxonomy_without_the_section_or_with_an_empty_list_flags_nothing() throws IOException {
        writeTaxonomy(TYPES);
        assertThat(ConfigLoader.load(dir).taxonomy().cancellationPhrases()).isEmpty();

        writeTaxonomy(TYPES + "cancellation_intent:\n  phrases: []\n");
        assertThat(ConfigLoader.load(dir).taxonomy().cancellationPhrases()).isEmpty();
    }

    @Test
    void phrases_that_are_not_a_list_are_an_error_at_their_line() throws IOException {
        writeTaxonomy(TYPES + "cancellation_intent:\n  phrases: not renewing\n");

        assertThat(errors()).containsExactly("taxonomy.yaml:5:12: cancellation_intent.phrases: expected a list of "
                + "phrases ([a, b] or '- a' lines), got \"not renewing\"");
    }

    @Test
    void blank_and_repeated_phrases_are_errors_with_their_index() throws IOException {
        writeTaxonomy(TYPES + """
                cancellation_intent:
                  phrases:
                    - not renewing
                    - "  "
                    - Not Renewing
                """);

        assertThat(errors()).containsExactly(
                "taxonomy.yaml:7:7: cancellation_intent.phrases[1]: expected text, got \"  \"",
                "taxonomy.yaml:8:7: cancellation_intent.phrases[2]: phrase 'not renewing' is listed twice (first as "
                        + "phrases[0]); expected each phrase once");
    }

    @Test
    void a_missing_phrases_list_and_an_unknown_key_are_errors() throws IOException {
        writeTaxonomy(TYPES + "cancellation_intent:\n  phrase: [not renewing]\n");

        assertThat(errors()).containsExactly(
                "taxonomy.yaml:4:1: cancellation_intent.phrases: missing key 'phrases'",
                "taxonomy.yaml:5:3: cancellation_intent.phrase: unknown key 'phrase' (did you mean 'phrases'?); "
                        + "expected one of: phrases");
    }

    @Test
    void a_mistyped_section_name_suggests_the_right_one() throws IOException {
        writeTaxonomy(TYPES + "cancelation_intent:\n  phrases: [not renewing]\n");

        assertThat(errors()).containsExactly("taxonomy.yaml:4:1: cancelation_intent: unknown key 'cancelation_intent' "
                + "(did you mean 'cancellation_intent'?); expected one of: types, cancellation_intent");
    }
}

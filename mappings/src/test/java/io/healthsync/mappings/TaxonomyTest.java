package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.ActivityType;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

    private static Pattern pattern(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** meeting's pattern comes first and would match "conference call"; call lists it exactly. */
    private final Taxonomy taxonomy = new Taxonomy(List.of(
            new Taxonomy.Rule(ActivityType.QBR, List.of("QBR"), List.of(pattern("\\bqbr\\b"))),
            new Taxonomy.Rule(ActivityType.MEETING, List.of("Meeting"), List.of(pattern("conference"))),
            new Taxonomy.Rule(ActivityType.CALL, List.of("Conference call", "Check-in call", "Call"),
                    List.of(pattern("\\bcall\\b")))));

    @Test
    void exact_label_beats_an_earlier_pattern() {
        assertThat(taxonomy.classify("Conference call")).isEqualTo(ActivityType.CALL);
        assertThat(taxonomy.classify("Conference room booked")).isEqualTo(ActivityType.MEETING);
    }

    @Test
    void exact_match_ignores_case_and_extra_whitespace() {
        Taxonomy exactOnly = new Taxonomy(List.of(
                new Taxonomy.Rule(ActivityType.CALL, List.of("Check-in call"), List.of())));

        assertThat(exactOnly.classify("  Check-In   CALL ")).isEqualTo(ActivityType.CALL);
        assertThat(exactOnly.classify("check-in_call")).isEqualTo(ActivityType.CALL);
        assertThat(exactOnly.classify("check in call")).isEqualTo(ActivityType.OTHER); // the hyphen is part of the label
    }

    @Test
    void patterns_follow_file_order_so_the_specific_type_wins() {
        assertThat(taxonomy.classify("QBR call")).isEqualTo(ActivityType.QBR);
        assertThat(ConfigLoader.load(null).taxonomy().classify("QBR call")).isEqualTo(ActivityType.QBR);
    }

    @Test
    void subject_is_preferred_over_type() {
        assertThat(taxonomy.classify("QBR", "Call")).isEqualTo(ActivityType.QBR);
        assertThat(taxonomy.classify("Meeting", "Call")).isEqualTo(ActivityType.MEETING);
    }

    @Test
    void type_decides_when_the_subject_matches_nothing() {
        assertThat(taxonomy.classify("Lunch with Dana", "Call")).isEqualTo(ActivityType.CALL);
    }

    @Test
    void unknown_label_is_other() {
        assertThat(taxonomy.classify("Lunch with Dana")).isEqualTo(ActivityType.OTHER);
        assertThat(taxonomy.classify()).isEqualTo(ActivityType.OTHER);
    }

    @Test
    void null_and_blank_labels_are_skipped() {
        assertThat(taxonomy.classify(null, "   ", "Call")).isEqualTo(ActivityType.CALL);
        assertThat(taxonomy.classify(null, "")).isEqualTo(ActivityType.OTHER);
    }
}

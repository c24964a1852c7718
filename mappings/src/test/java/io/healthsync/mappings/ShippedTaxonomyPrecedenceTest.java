package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.ActivityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Subject before Type: the Subject says what happened, the Type only how it was logged. */
class ShippedTaxonomyPrecedenceTest {

    private final Taxonomy taxonomy = ConfigLoader.load(null).taxonomy();

    @ParameterizedTest(name = "subject \"{0}\", type \"{1}\" -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "Q3 QBR, Meeting, QBR",
            "QBR - exec readout, Meeting, QBR",
            "Q2 business review, Call, QBR",
            "Email: renewal quote, Email, EMAIL",
            "Sent email: QBR deck, NULL, EMAIL",
            "Planning, Meeting, MEETING",
            "Lunch w/ champion, Call, CALL",
            "pinged them on slack, NULL, OTHER",
            "NULL, Call, CALL",
            "'', NULL, OTHER"})
    void classifies_by_subject_first_then_type(String subject, String type, ActivityType expected) {
        assertThat(taxonomy.classify(subject, type)).isEqualTo(expected);
    }
}

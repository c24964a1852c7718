package io.healthsync.connectors.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationIntentTest {

    private final CancellationIntent intent = new CancellationIntent(
            List.of("cancel our subscription", "Not Renewing", "won't be renewing", "switching to"));

    @Test
    void phrases_match_whatever_the_case_and_spacing() {
        assertThat(intent.find("We are NOT\n  renewing in March")).contains("not renewing");
        assertThat(intent.find("please cancel our subscription.")).contains("cancel our subscription");
    }

    @Test
    void only_whole_words_match() {
        assertThat(intent.find("not renewingly")).isEmpty();
        assertThat(intent.find("we're renewing next month")).isEmpty();
        assertThat(intent.find("precancel our subscription")).isEmpty();
    }

    @Test
    void curly_apostrophes_read_as_straight_ones() {
        assertThat(intent.find("We won\u2019t be renewing")).contains("won't be renewing");
    }

    @Test
    void the_first_configured_phrase_found_in_any_text_wins() {
        assertThat(intent.find("Switching to Competitor", "so we are not renewing")).contains("not renewing");
        assertThat(intent.find(null, "   ", "switching to Competitor")).contains("switching to");
    }

    @Test
    void no_phrases_match_nothing() {
        assertThat(new CancellationIntent(List.of()).find("cancel our subscription")).isEmpty();
        assertThat(new CancellationIntent(null).find("cancel our subscription")).isEmpty();
    }
}

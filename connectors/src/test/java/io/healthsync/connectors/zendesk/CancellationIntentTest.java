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
    void text_beyond_ascii_is_matched_by_unicode_case_folding_as_before() {
        // the Kelvin sign folds to k and the long s to s: no lower-case comparison would find these
        assertThat(new CancellationIntent(List.of("kill switch")).find("a \u212Aill switch")).contains("kill switch");
        assertThat(new CancellationIntent(List.of("switching to")).find("\u017Fwitching to them")).contains("switching to");
        assertThat(new CancellationIntent(List.of("K\u00FCndigung")).find("die K\u00DCNDIGUNG folgt")).contains("k\u00FCndigung");
    }

    @Test
    void a_phrase_is_found_whatever_the_text_around_it() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        String[] filler = {"the", "renewal", "Not", "subscription", "cancel", "our", "RENEWING", "to", "switching", "x"};
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int w = random.nextInt(12); w > 0; w--) {
                text.append(filler[random.nextInt(filler.length)]).append(random.nextInt(4) == 0 ? "\n " : " ");
            }
            String lower = text.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
            boolean expected = (" " + lower).contains(" not renewing ") || (" " + lower).contains(" switching to ")
                    || (" " + lower).contains(" cancel our subscription ");
            assertThat(intent.find(text.toString()).isPresent()).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void no_phrases_match_nothing() {
        assertThat(new CancellationIntent(List.of()).find("cancel our subscription")).isEmpty();
        assertThat(new CancellationIntent(null).find("cancel our subscription")).isEmpty();
    }
}

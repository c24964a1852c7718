package io.healthsync.connectors.zendesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds taxonomy.yaml's cancellation-intent phrases in a ticket's text: case-insensitive, whole words
 * only ("not renewing" is not found in "not renewingly"), any run of whitespace between words, and
 * curly apostrophes read as straight ones ("won’t" as "won't").
 */
final class CancellationIntent {

    private record Phrase(String text, Pattern pattern) {
    }

    private final List<Phrase> phrases = new ArrayList<>();

    CancellationIntent(List<String> configured) {
        for (String phrase : configured == null ? List.<String>of() : configured) {
            String normalized = straightApostrophes(phrase == null ? "" : phrase).trim().toLowerCase(Locale.ROOT);
            if (normalized.isEmpty()) {
                continue;
            }
            StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}_])");
            String[] words = normalized.split("\\s+");
            for (int i = 0; i < words.length; i++) {
                regex.append(i > 0 ? "\\s+" : "").append(Pattern.quote(words[i]));
            }
            regex.append("(?![\\p{L}\\p{N}_])");
            phrases.add(new Phrase(normalized,
                    Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        }
    }

    /** The first configured phrase found in any of the texts (nulls skipped), in the configured order. */
    Optional<String> find(String... texts) {
        List<String> candidates = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                candidates.add(straightApostrophes(text));
            }
        }
        for (Phrase phrase : phrases) {
            for (String text : candidates) {
                if (phrase.pattern().matcher(text).find()) {
                    return Optional.of(phrase.text());
                }
            }
        }
        return Optional.empty();
    }

    private static String straightApostrophes(String text) {
        return text.replace('\u2019', '\'').replace('\u2018', '\'');
    }
}

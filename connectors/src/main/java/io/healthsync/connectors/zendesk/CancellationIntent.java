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
 *
 * <p>An ASCII phrase is looked for in an ASCII text's lower case first, word by word, and the pattern run only where
 * every word is there: a case-insensitive Unicode pattern tried at every position of every ticket's text was a fifth
 * of a Zendesk backfill's work, and most tickets hold none of the words. Other texts and phrases meet the pattern
 * alone (Unicode case folding is not a lower-case comparison).
 */
final class CancellationIntent {

    private record Phrase(String text, Pattern pattern, String[] words, boolean ascii) {
    }

    /** A ticket's text as the phrases are looked for in it; {@code lower} only for ASCII text. */
    private record Candidate(String text, String lower) {

        static Candidate of(String text) {
            String straight = straightApostrophes(text);
            return new Candidate(straight, ascii(straight) ? straight.toLowerCase(Locale.ROOT) : null);
        }

        /** False only when the pattern cannot match: an ASCII phrase with a word this ASCII text lacks. */
        boolean mayHold(Phrase phrase) {
            if (lower == null || !phrase.ascii()) {
                return true;
            }
            for (String word : phrase.words()) {
                if (!lower.contains(word)) {
                    return false;
                }
            }
            return true;
        }
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
                    Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), words,
                    ascii(normalized)));
        }
    }

    /** The first configured phrase found in any of the texts (nulls skipped), in the configured order. */
    Optional<String> find(String... texts) {
        List<Candidate> candidates = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                candidates.add(Candidate.of(text));
            }
        }
        for (Phrase phrase : phrases) {
            for (Candidate text : candidates) {
                if (text.mayHold(phrase) && phrase.pattern().matcher(text.text()).find()) {
                    return Optional.of(phrase.text());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String straightApostrophes(String text) {
        return text.replace('\u2019', '\'').replace('\u2018', '\'');
    }
}

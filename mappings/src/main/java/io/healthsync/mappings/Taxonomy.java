package io.healthsync.mappings;

import io.healthsync.model.ActivityType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * taxonomy.yaml: free-text labels ("check-in call", "touch base", "QBR") to canonical activity types.
 * For each label, an exact label (compared after {@link #normalize}) beats any pattern; patterns are
 * tried in file order; labels nothing matches are {@link ActivityType#OTHER}.
 *
 * <p>{@code cancellationPhrases} are the phrases that mark a support ticket as a cancellation intent
 * ("cancel our subscription", "not renewing"), stored {@link #normalize normalized}; empty when the file
 * lists none.
 */
public record Taxonomy(List<Rule> rules, List<String> cancellationPhrases) {

    public Taxonomy {
        rules = List.copyOf(rules);
        cancellationPhrases = cancellationPhrases == null ? List.of()
                : cancellationPhrases.stream().map(Taxonomy::normalize).toList();
    }

    /** Labels only, no cancellation-intent phrases. */
    public Taxonomy(List<Rule> rules) {
        this(rules, List.of());
    }

    /** One canonical type with its exact labels (stored normalized) and its patterns (case-insensitive, searched). */
    public record Rule(ActivityType type, List<String> labels, List<Pattern> patterns) {
        public Rule {
            labels = labels.stream().map(Taxonomy::normalize).toList();
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * Classifies an activity from its labels, most specific first (for a Salesforce Task: Subject,
     * then Type). The first label that matches anything decides: an exact label, else the first
     * pattern in file order. So "Q3 QBR" logged with Type "Meeting" is a QBR, and the Type only
     * decides when the Subject says nothing the taxonomy knows.
     */
    public ActivityType classify(String... labels) {
        for (String label : labels) {
            String normalized = normalize(label);
            if (normalized.isEmpty()) {
                continue;
            }
            for (Rule rule : rules) {
                if (rule.labels().contains(normalized)) {
                    return rule.type();
                }
            }
            for (Rule rule : rules) {
                for (Pattern pattern : rule.patterns()) {
                    if (pattern.matcher(normalized).find()) {
                        return rule.type();
                    }
                }
            }
        }
        return ActivityType.OTHER;
    }

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_]+");

    /** Lower case, separators and runs of whitespace collapsed to one space, trimmed. */
    public static String normalize(String label) {
        if (label == null) {
            return "";
        }
        return SEPARATORS.matcher(label.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}

package io.healthsync.mappings;

import io.healthsync.model.ActivityType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads taxonomy.yaml into a {@link Taxonomy}; rules keep the file's order, which is pattern precedence. */
final class TaxonomyReader {

    /**
     * The kinds of touch logged as free text. Ticket, CSAT and billing types are structural: their sources
     * set them when they pull, so a label can never be one of them (and OTHER is what no rule gives).
     */
    private static final List<String> CONFIGURABLE_TYPES = Arrays.stream(ActivityType.values())
            .filter(ActivityType::isHumanTouch).map(ActivityType::key).toList(); // support and billing types come typed

    static final String CANCELLATION_INTENT = "cancellation_intent";

    private TaxonomyReader() {
    }

    /** The taxonomy, or null when the file has errors (all recorded in {@code file}). */
    static Taxonomy read(ConfigFile file, String text) {
        Section root = file.root(text, "types", CANCELLATION_INTENT);
        Section types = root.section("types", null); // keys checked below, to explain why 'other' is refused
        if (types.present() && types.keys().isEmpty()) {
            file.error(types.at(), types.path(), "no activity types; expected at least one of: "
                    + String.join(", ", CONFIGURABLE_TYPES));
        }
        List<Taxonomy.Rule> rules = new ArrayList<>();
        Map<String, String> typeByLabel = new HashMap<>();
        for (String key : types.keys()) {
            if (key.equals(ActivityType.OTHER.key())) {
                file.error(types.keyNode(key), types.path(key), "'other' cannot be configured: it is what a label "
                        + "that matches no rule becomes; expected one of: " + String.join(", ", CONFIGURABLE_TYPES));
                continue;
            }
            if (!CONFIGURABLE_TYPES.contains(key)) {
                file.error(types.keyNode(key), types.path(key), ConfigFile.unknownKey(key, CONFIGURABLE_TYPES));
                continue;
            }
            Taxonomy.Rule rule = rule(file, types.section(key, List.of("labels", "patterns")), key, typeByLabel);
            if (rule != null) {
                rules.add(rule);
            }
        }
        List<String> phrases = cancellationPhrases(file, root.optionalSection(CANCELLATION_INTENT, List.of("phrases")));
        return file.hasErrors() ? null : new Taxonomy(rules, phrases);
    }

    /**
     * The cancellation-intent phrases: a list of non-blank texts, each once (compared normalized). A file
     * without the section has none, so no ticket is flagged.
     */
    private static List<String> cancellationPhrases(ConfigFile file, Section section) {
        if (!section.present()) {
            return List.of();
        }
        List<Node> nodes = section.list("phrases", "phrases");
        if (nodes == null) {
            return List.of();
        }
        List<String> phrases = new ArrayList<>();
        Map<String, Integer> indexByPhrase = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = section.path("phrases") + "[" + i + "]";
            String phrase = file.text(nodes.get(i), path);
            if (phrase == null) {
                continue;
            }
            String normalized = Taxonomy.normalize(phrase);
            Integer first = indexByPhrase.putIfAbsent(normalized, i);
            if (first != null) {
                file.error(nodes.get(i), path, "phrase '" + normalized + "' is listed twice (first as phrases["
                        + first + "]); expected each phrase once");
                continue;
            }
            phrases.add(phrase);
        }
        return phrases;
    }

    private static Taxonomy.Rule rule(ConfigFile file, Section section, String type, Map<String, String> typeByLabel) {
        if (!section.present()) {
            return null;
        }
        List<Node> labelNodes = section.optionalList("labels", "labels");
        List<Node> patternNodes = section.optionalList("patterns", "regular expressions");
        if (labelNodes == null || patternNodes == null) {
            return null;
        }
        if (labelNodes.isEmpty() && patternNodes.isEmpty()) {
            file.error(section.at(), section.path(), "no labels and no patterns; expected at least one of them "
                    + "(or remove the type)");
            return null;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < labelNodes.size(); i++) {
            String path = section.path("labels") + "[" + i + "]";
            String label = file.text(labelNodes.get(i), path);
            if (label == null) {
                continue;
            }
            String normalized = Taxonomy.normalize(label);
            String owner = typeByLabel.putIfAbsent(normalized, type);
            if (owner != null && !owner.equals(type)) {
                file.error(labelNodes.get(i), path, "label '" + normalized + "' is listed under both " + owner
                        + " and " + type + "; expected each label under one type only");
            }
            labels.add(label);
        }
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < patternNodes.size(); i++) {
            String path = section.path("patterns") + "[" + i + "]";
            String regex = file.text(patternNodes.get(i), path);
            if (regex == null) {
                continue;
            }
            try {
                patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                file.error(patternNodes.get(i), path, "invalid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex() + " of '" + regex + "'; expected a Java regular expression "
                        + "(write it in single quotes so backslashes stay as written)");
            }
        }
        return new Taxonomy.Rule(ActivityType.fromKey(type).orElseThrow(), labels, patterns);
    }
}

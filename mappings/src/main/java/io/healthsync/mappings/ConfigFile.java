package io.healthsync.mappings;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML config file being read: turns nodes into typed values and records an error, with the node's
 * line and column, for each one that is not what is expected. Readers return null for a bad value and
 * go on, so one pass reports every problem in the file.
 */
final class ConfigFile {

    private final String name;
    private final List<ConfigError> errors = new ArrayList<>();

    ConfigFile(String name) {
        this.name = name;
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors in reading order of the document (line, then column), so they read top to bottom. */
    List<ConfigError> errors() {
        return errors.stream()
                .sorted(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column))
                .toList();
    }

    /**
     * Parses the text (the composer keeps every node's position) and checks that it is a mapping with
     * the given top-level keys. A syntax error or an empty file is recorded and yields an absent section.
     */
    Section root(String text, String... keys) {
        Node root;
        try {
            root = new Yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            // Only the problem and context words: the exception's own message quotes the source line,
            // which in sources.yaml could be a pasted secret.
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem();
            if (e.getContext() != null) {
                Mark context = e.getContextMark();
                boolean elsewhere = context != null && mark != null && context.getLine() != mark.getLine();
                what += " (" + e.getContext() + (elsewhere ? " that starts on line " + (context.getLine() + 1) : "") + ")";
            }
            error(mark, "", "invalid YAML: " + what + "; expected 'key: value' lines indented with spaces, "
                    + "and quotes around text that contains ': ' or ' #' (the mistake may be on a line above)");
            return Section.absent(this, "");
        } catch (YAMLException e) {
            error("cannot read YAML: " + e.getMessage());
            return Section.absent(this, "");
        }
        if (root == null) {
            errors.add(new ConfigError(name, 1, 1, "",
                    "the file is empty; expected a mapping with keys: " + String.join(", ", keys)));
            return Section.absent(this, "");
        }
        return mapping(root, "", root, List.of(keys));
    }

    /** A problem with the file as a whole (it cannot be read), so no line to point at. */
    void error(String message) {
        errors.add(new ConfigError(name, 0, 0, "", message));
    }

    void error(Node at, String path, String message) {
        error(at.getStartMark(), path, message);
    }

    private void error(Mark mark, String path, String message) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        errors.add(new ConfigError(name, line, column, path, message));
    }

    /**
     * A mapping node with its keys checked against {@code allowedKeys} (null: any key). Unknown and
     * repeated keys are errors. {@code at} is where errors about the mapping as a whole point: its key.
     */
    Section mapping(Node node, String path, Node at, Collection<String> allowedKeys) {
        if (!(node instanceof MappingNode mapping)) {
            String expected = allowedKeys == null ? "expected a mapping (key: value lines)"
                    : "expected a mapping with keys from: " + String.join(", ", allowedKeys);
            error(node, path, expected + ", got " + describe(node));
            return Section.absent(this, path);
        }
        return new Section(this, path, at, mapping, allowedKeys);
    }

    /** The items of a list node; null (recorded) for anything else. */
    List<Node> list(Node node, String path, String ofWhat) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        error(node, path, "expected a list of " + ofWhat + " ([a, b] or '- a' lines), got " + describe(node));
        return null;
    }

    /** Non-blank text. Any scalar counts ({@code 60.0} is the text "60.0"), since its meaning is checked by the caller. */
    String text(Node node, String path) {
        if (node instanceof ScalarNode scalar && !isNull(scalar) && !scalar.getValue().isBlank()) {
            return scalar.getValue();
        }
        error(node, path, "expected text, got " + describe(node));
        return null;
    }

    Boolean bool(Node node, String path) {
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            String value = scalar.getValue().toLowerCase(Locale.ROOT);
            return value.equals("true") || value.equals("yes") || value.equals("on");
        }
        error(node, path, "expected true or false, got " + describe(node));
        return null;
    }

    Integer integer(Node node, String path, int min, int max) {
        String expected = "expected an integer " + range(min, max);
        Optional<Double> value = numeric(node, Tag.INT);
        if (value.isEmpty() || value.get() < min || value.get() > max) {
            error(node, path, expected + ", got " + describe(node) + quotedHint(node));
            return null;
        }
        return value.get().intValue();
    }

    Double number(Node node, String path, double min, double max) {
        String expected = "expected a number " + range(min, max);
        Optional<Double> value = numeric(node, Tag.INT).or(() -> numeric(node, Tag.FLOAT));
        if (value.isEmpty() || value.get() < min || value.get() > max) {
            error(node, path, expected + ", got " + describe(node) + quotedHint(node));
            return null;
        }
        return value.get();
    }

    /** How a node looks, for "got ..." in messages: a scalar's text, or its kind. */
    static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            if (isNull(scalar)) {
                return "nothing";
            }
            return Tag.STR.equals(scalar.getTag()) ? '"' + scalar.getValue() + '"' : scalar.getValue();
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** "unknown key 'wieght' (did you mean 'weight'?); expected one of: ..." */
    static String unknownKey(String key, Collection<String> allowedKeys) {
        String hint = closest(key, allowedKeys).map(k -> " (did you mean '" + k + "'?)").orElse("");
        return "unknown key '" + key + "'" + hint + "; expected one of: " + String.join(", ", allowedKeys);
    }

    /** The candidate nearest to a mistyped word (at most 2 edits away), for "did you mean ...?". */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int distance = editDistance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A plain (unquoted) number with the given tag; quoted "20" is text in YAML and is not accepted. */
    private static Optional<Double> numeric(Node node, Tag tag) {
        if (!(node instanceof ScalarNode scalar) || !tag.equals(scalar.getTag())) {
            return Optional.empty();
        }
        return parse(scalar.getValue());
    }

    private static Optional<Double> parse(String text) {
        try {
            double value = Double.parseDouble(text.replace("_", ""));
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String quotedHint(Node node) {
        boolean quotedNumber = node instanceof ScalarNode scalar && Tag.STR.equals(scalar.getTag())
                && parse(scalar.getValue()).isPresent();
        return quotedNumber ? " (quoted, so it is text: remove the quotes)" : "";
    }

    private static String range(double min, double max) {
        if (max >= Integer.MAX_VALUE) {
            return "of at least " + format(min);
        }
        return "between " + format(min) + " and " + format(max);
    }

    /** 100.0 as "100", 99.5 as "99.5": numbers as a person wrote them. */
    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value)
                : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

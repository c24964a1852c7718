package io.healthsync.mappings;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping whose keys have been checked, read by key. An absent section (missing, or not a
 * mapping: already reported) reads as nothing and reports nothing more, so one mistake is one error.
 */
final class Section {

    private final ConfigFile file;
    private final String path;
    private final Node at;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private Section(ConfigFile file, String path, Node at) {
        this.file = file;
        this.path = path;
        this.at = at;
    }

    Section(ConfigFile file, String path, Node at, MappingNode node, Collection<String> allowedKeys) {
        this(file, path, at);
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || ConfigFile.isNull(keyNode)) {
                file.error(keyNode, path, "expected a plain key (a word before ':'), got " + ConfigFile.describe(keyNode));
                continue;
            }
            String key = scalar.getValue();
            if (entries.containsKey(key)) {
                file.error(keyNode, path(key), "duplicate key '" + key + "' (first on line "
                        + (entries.get(key).getKeyNode().getStartMark().getLine() + 1) + "); expected each key once");
            } else if (allowedKeys != null && !allowedKeys.contains(key)) {
                file.error(keyNode, path(key), ConfigFile.unknownKey(key, allowedKeys));
            } else {
                entries.put(key, tuple);
            }
        }
    }

    static Section absent(ConfigFile file, String path) {
        return new Section(file, path, null);
    }

    boolean present() {
        return at != null;
    }

    /** The accepted keys, in file order. */
    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where errors about this section as a whole point (its key line); null when absent. */
    Node at() {
        return at;
    }

    Node keyNode(String key) {
        return entries.get(key).getKeyNode();
    }

    /** The value of a key that must be there; a missing key is recorded and yields null. */
    Node required(String key) {
        if (!present()) {
            return null;
        }
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            file.error(at, path(key), "missing key '" + key + "'");
            return null;
        }
        return tuple.getValueNode();
    }

    /** The value of a key that may be left out; an empty value ({@code key:}) counts as left out. */
    Node optional(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null || ConfigFile.isNull(tuple.getValueNode()) ? null : tuple.getValueNode();
    }

    Section section(String key, Collection<String> allowedKeys) {
        return child(key, required(key), allowedKeys);
    }

    Section optionalSection(String key, Collection<String> allowedKeys) {
        return child(key, optional(key), allowedKeys);
    }

    private Section child(String key, Node value, Collection<String> allowedKeys) {
        return value == null ? absent(file, path(key)) : file.mapping(value, path(key), keyNode(key), allowedKeys);
    }

    String text(String key) {
        Node value = required(key);
        return value == null ? null : file.text(value, path(key));
    }

    Boolean bool(String key) {
        Node value = required(key);
        return value == null ? null : file.bool(value, path(key));
    }

    Integer integer(String key, int min, int max) {
        Node value = required(key);
        return value == null ? null : file.integer(value, path(key), min, max);
    }

    Double number(String key, double min, double max) {
        Node value = required(key);
        return value == null ? null : file.number(value, path(key), min, max);
    }

    /** An optional list: left out is an empty list, anything but a list is recorded and yields null. */
    List<Node> optionalList(String key, String ofWhat) {
        Node value = optional(key);
        return value == null ? List.of() : file.list(value, path(key), ofWhat);
    }

    List<Node> list(String key, String ofWhat) {
        Node value = required(key);
        return value == null ? null : file.list(value, path(key), ofWhat);
    }
}

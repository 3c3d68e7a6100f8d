package dk.sdu.im.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A typed view of one YAML mapping. Creating it rejects duplicate keys and keys outside its declared
 * {@link Keys}; each getter then checks the type and range of one value, so every error points at the
 * offending node, or at this mapping when a required key is missing.
 *
 * <p>A key that is present with an empty value ({@code port:}, {@code ~}, {@code null}) counts as absent
 * for optional keys and as an error for required ones. Asking for an undeclared key is a programming
 * error ({@link IllegalStateException}).
 */
final class YamlSection {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final YamlFile file;
    private final String path;
    private final Mark mark;
    private final Keys keys;
    private final Map<String, NodeTuple> entries;

    private YamlSection(YamlFile file, String path, Mark mark, Keys keys, Map<String, NodeTuple> entries) {
        this.file = file;
        this.path = path;
        this.mark = mark;
        this.keys = keys;
        this.entries = Collections.unmodifiableMap(entries);
    }

    static YamlSection of(YamlFile file, String path, MappingNode node, Keys keys) throws ConfigException {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        // The section only wraps `entries`; it is filled here, before the section is handed out.
        YamlSection section = new YamlSection(file, path, node.getStartMark(), keys, entries);
        for (NodeTuple tuple : node.getValue()) {
            // A key that is not allowed here, or written twice, is reported and left out; reading goes on when
            // the file collects its problems (config check), and stops at it otherwise.
            String key = section.keyText(tuple.getKeyNode());
            Optional<ConfigException> refused = section.refusal(key, tuple.getKeyNode());
            if (refused.isPresent()) {
                file.problems().add(refused.get());
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null) {
                file.problems().add(section.duplicate(key, first.getKeyNode(), tuple.getKeyNode()));
            }
        }
        return section;
    }

    static YamlSection empty(YamlFile file, String path, Mark mark, Keys keys) {
        return new YamlSection(file, path, mark, keys, new LinkedHashMap<>());
    }

    /** The keys present, in file order (for mappings whose keys are data). */
    List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    /** Whether {@code key} is written in this mapping at all, even with an empty value. */
    boolean contains(String key) {
        requireDeclared(key);
        return entries.containsKey(key);
    }

    /** A required, non-empty string. */
    String string(String key) throws ConfigException {
        return value(key, text -> text);
    }

    /** An optional string (may be empty when written as {@code ""}). */
    String string(String key, String defaultValue) throws ConfigException {
        return optionalString(key).orElse(defaultValue);
    }

    Optional<String> optionalString(String key) throws ConfigException {
        return scalar(key, "a text value").map(ScalarNode::getValue);
    }

    /** A required value, parsed and validated by {@code parser}. */
    <T> T value(String key, ValueParser<T> parser) throws ConfigException {
        return optionalValue(key, parser).orElseThrow(() -> missing(key));
    }

    /** An optional value, parsed and validated by {@code parser}; an empty string is an error. */
    <T> Optional<T> optionalValue(String key, ValueParser<T> parser) throws ConfigException {
        Optional<ScalarNode> scalar = scalar(key, "a text value");
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        if (scalar.get().getValue().isEmpty()) {
            throw keyError(key, pathOf(key) + " must not be empty. Give it a value, or remove the key to use the default.");
        }
        return Optional.of(parsed(pathOf(key), scalar.get(), parser));
    }

    /**
     * An optional list of values ({@code [a, b]} or one {@code - a} line each), each parsed and validated by
     * {@code parser}; absent, empty or {@code []} gives the empty list. Errors point at the offending item.
     */
    <T> List<T> values(String key, ValueParser<T> parser) throws ConfigException {
        Optional<Node> node = optionalNode(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof SequenceNode sequence)) {
            throw typeError(key, node.get(), "a list ([a, b], or one item per line, each starting with '- ')");
        }
        List<T> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String itemPath = pathOf(key) + "[" + values.size() + "]";
            if (!(item instanceof ScalarNode scalar) || isNull(item) || scalar.getValue().isEmpty()) {
                throw file.error(item, itemPath + " must be a text value, but is " + file.describe(item)
                        + ". Write one value per item, or remove the item.");
            }
            values.add(parsed(itemPath, scalar, parser));
        }
        return List.copyOf(values);
    }

    private <T> T parsed(String valuePath, ScalarNode scalar, ValueParser<T> parser) throws ConfigException {
        String text = scalar.getValue();
        try {
            return parser.parse(text);
        } catch (InvalidValue e) {
            String shown = e.showValue() ? ", but is " + file.show(text) : "";
            throw file.error(scalar, valuePath + " " + e.rule() + shown + ". " + e.fix());
        }
    }

    int integer(String key, int defaultValue, int min, int max) throws ConfigException {
        return (int) longInteger(key, defaultValue, min, max);
    }

    /** Like {@link #integer(String, int, int, int)}, with {@code why} explaining the range in its error. */
    int integer(String key, int defaultValue, int min, int max, String why) throws ConfigException {
        return (int) longInteger(key, defaultValue, min, max, why);
    }

    long longInteger(String key, long defaultValue, long min, long max) throws ConfigException {
        return longInteger(key, defaultValue, min, max, "Choose a value in that range.");
    }

    private long longInteger(String key, long defaultValue, long min, long max, String why) throws ConfigException {
        Optional<ScalarNode> scalar = scalar(key, "a whole number " + range(min, max));
        if (scalar.isEmpty()) {
            return defaultValue;
        }
        String text = scalar.get().getValue();
        long value = parseLong(key, scalar.get(), min, max);
        if (value < min || value > max) {
            throw file.error(scalar.get(), pathOf(key) + " must be " + range(min, max) + ", but is " + text + ". " + why);
        }
        return value;
    }

    boolean bool(String key, boolean defaultValue) throws ConfigException {
        Optional<ScalarNode> scalar = scalar(key, "true or false");
        if (scalar.isEmpty()) {
            return defaultValue;
        }
        return switch (scalar.get().getValue().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw typeError(key, scalar.get(), "true or false");
        };
    }

    /** A required choice; {@code choices} maps each documented spelling to its value, matched ignoring case. */
    <T> T choice(String key, Map<String, T> choices) throws ConfigException {
        return optionalChoice(key, choices).orElseThrow(() -> missing(key));
    }

    <T> T choice(String key, Map<String, T> choices, T defaultValue) throws ConfigException {
        return optionalChoice(key, choices).orElse(defaultValue);
    }

    private <T> Optional<T> optionalChoice(String key, Map<String, T> choices) throws ConfigException {
        String allowed = String.join(", ", choices.keySet());
        Optional<ScalarNode> scalar = scalar(key, "one of " + allowed);
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        String text = scalar.get().getValue();
        for (Map.Entry<String, T> choice : choices.entrySet()) {
            if (choice.getKey().equalsIgnoreCase(text)) {
                return Optional.of(choice.getValue());
            }
        }
        throw file.error(scalar.get(), pathOf(key) + " must be one of " + allowed + ", but is " + file.show(text)
                + ". Use one of the allowed values.");
    }

    /** A required nested mapping. */
    YamlSection section(String key, Keys sectionKeys) throws ConfigException {
        Node node = optionalNode(key).orElseThrow(() -> missing(key));
        return asSection(pathOf(key), node, sectionKeys);
    }

    /** An optional nested mapping; absent or empty gives a section with no keys, so defaults apply. */
    YamlSection optionalSection(String key, Keys sectionKeys) throws ConfigException {
        Optional<Node> node = optionalNode(key);
        if (node.isEmpty()) {
            Mark at = entries.containsKey(key) ? entries.get(key).getKeyNode().getStartMark() : mark;
            return empty(file, pathOf(key), at, sectionKeys);
        }
        return asSection(pathOf(key), node.get(), sectionKeys);
    }

    /** A required list of mappings with at least one item. */
    List<YamlSection> list(String key, Keys itemKeys) throws ConfigException {
        Node node = optionalNode(key).orElseThrow(() -> missing(key));
        if (!(node instanceof SequenceNode sequence)) {
            throw typeError(key, node, "a list (one item per line, each starting with '- ')");
        }
        if (sequence.getValue().isEmpty()) {
            throw file.error(node, pathOf(key) + " must contain at least one item. Add an item starting with '- '.");
        }
        List<YamlSection> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(asSection(pathOf(key) + "[" + items.size() + "]", item, itemKeys));
        }
        return List.copyOf(items);
    }

    /** An error at {@code key} itself, e.g. a key that does not belong with another setting. */
    ConfigException keyError(String key, String problem) {
        requireDeclared(key);
        return file.error(entries.get(key).getKeyNode(), problem);
    }

    /** An error at the value of {@code key}, e.g. a value that conflicts with another setting. */
    ConfigException valueError(String key, String problem) {
        requireDeclared(key);
        return file.error(entries.get(key).getValueNode(), problem);
    }

    /** An error at the start of this mapping. */
    ConfigException error(String problem) {
        return file.error(mark, problem);
    }

    /** This mapping's path for messages, e.g. {@code products.cpu.products[0]}; empty at the top level. */
    String path() {
        return path;
    }

    /** The path of one of this mapping's keys, for messages. */
    String pathOf(String key) {
        boolean plain = PLAIN_KEY.matcher(key).matches();
        if (path.isEmpty()) {
            return plain ? key : "\"" + key + "\"";
        }
        return plain ? path + "." + key : path + "[\"" + key + "\"]";
    }

    private YamlSection asSection(String sectionPath, Node node, Keys sectionKeys) throws ConfigException {
        if (!(node instanceof MappingNode mapping)) {
            throw file.error(node, sectionPath + " must be a mapping (indented 'key: value' lines), but is "
                    + file.describe(node) + ". Write its settings as 'key: value' lines indented below it.");
        }
        return of(file, sectionPath, mapping, sectionKeys);
    }

    private long parseLong(String key, ScalarNode scalar, long min, long max) throws ConfigException {
        String text = scalar.getValue();
        if (!INTEGER.matcher(text).matches()) {
            throw typeError(key, scalar, "a whole number " + range(min, max));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw file.error(scalar, pathOf(key) + " must be " + range(min, max) + ", but is " + text
                    + ". Choose a value in that range.");
        }
    }

    private static String range(long min, long max) {
        boolean unbounded = max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
        return unbounded ? "at least " + min : "between " + min + " and " + max;
    }

    private Optional<ScalarNode> scalar(String key, String expected) throws ConfigException {
        Optional<Node> node = optionalNode(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof ScalarNode scalar)) {
            throw typeError(key, node.get(), expected);
        }
        return Optional.of(scalar);
    }

    private Optional<Node> optionalNode(String key) {
        requireDeclared(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private ConfigException typeError(String key, Node node, String expected) {
        return file.error(node, pathOf(key) + " must be " + expected + ", but is " + file.describe(node)
                + ". Write " + expected + " after '" + key + ":'.");
    }

    private ConfigException missing(String key) {
        if (entries.containsKey(key)) {
            return keyError(key, pathOf(key) + " must not be empty. Give it a value.");
        }
        String where = path.isEmpty() ? "at the top level" : "under '" + path + "'";
        return error(pathOf(key) + " is required but missing. Add '" + key + ":' " + where + ".");
    }

    private String keyText(Node keyNode) throws ConfigException {
        if (!(keyNode instanceof ScalarNode scalar)) {
            throw file.error(keyNode, "keys must be plain names, but this key is " + file.describe(keyNode)
                    + ". Write 'name: value'.");
        }
        return scalar.getValue();
    }

    private Optional<ConfigException> refusal(String key, Node keyNode) {
        if (keys.allows(key)) {
            return Optional.empty();
        }
        String where = path.isEmpty() ? "at the top level" : "in '" + path + "'";
        Optional<String> retired = keys.whyRetired(key);
        if (retired.isPresent()) {
            return Optional.of(file.error(keyNode, pathOf(key) + " is no longer a setting: " + retired.get() + "."));
        }
        String shown = file.sensitive() ? "unknown key " : "unknown key " + file.show(key) + " ";
        String fix = Suggestion.closest(key, keys.names())
                .map(known -> "Did you mean '" + known + "'?")
                .orElse("Allowed keys here: " + String.join(", ", keys.names()) + ".");
        return Optional.of(file.error(keyNode, shown + where + ". " + fix));
    }

    private ConfigException duplicate(String key, Node first, Node again) {
        String shown = file.sensitive() ? "" : file.show(key) + " ";
        return file.error(again, "duplicate key " + shown + "(first written at line " + (first.getStartMark().getLine() + 1)
                + ", column " + (first.getStartMark().getColumn() + 1) + "). Keep only one of them.");
    }

    private void requireDeclared(String key) {
        if (!keys.allows(key)) {
            throw new IllegalStateException("bug: key '" + key + "' is not declared for '" + path + "'");
        }
    }
}

package io.kerasish.io.config;

import io.kerasish.InvalidConfigException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Keras config documents as YAML, loaded safely. Keras dropped {@code to_yaml()} because a YAML loader that
 * builds arbitrary objects runs code; this one builds only maps, lists, strings, numbers, booleans and null.
 * The one non-standard tag accepted is {@code !!python/tuple}, which Keras's {@code to_yaml()} wrote for shapes
 * and kernel sizes; it becomes a list. Every other tag is refused, and aliases, nesting and size are limited so
 * that a "billion laughs" document fails fast instead of exhausting memory.
 */
public final class ConfigYaml {
    static final String PYTHON_TUPLE = "tag:yaml.org,2002:python/tuple";
    private static final int MAX_ALIASES = 20;
    private static final int MAX_NESTING = 64;
    private static final int MAX_CODE_POINTS = 16 * 1024 * 1024;

    private ConfigYaml() {
    }

    /** Keras's tuple tag read as a list; everything else as {@link SafeConstructor} does. */
    private static final class KerasConstructor extends SafeConstructor {
        KerasConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag(PYTHON_TUPLE), new ConstructYamlSeq());
        }
    }

    private static Yaml loader() {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(MAX_ALIASES);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(MAX_NESTING);
        o.setCodePointLimit(MAX_CODE_POINTS);
        o.setAllowDuplicateKeys(false);
        o.setTagInspector(tag -> PYTHON_TUPLE.equals(tag.getValue()));
        DumperOptions d = new DumperOptions();
        return new Yaml(new KerasConstructor(o), new Representer(d), d, o);
    }

    /**
     * Parses a YAML document whose top level is a mapping, into the same plain values as {@link ConfigJson#parse}.
     *
     * @throws InvalidConfigException naming the source and the problem (syntax, a refused tag, too many aliases)
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text, String source) {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigException(source + " is empty: expected a Keras YAML document with class_name and config");
        }
        Object value;
        try {
            value = loader().load(text);
        } catch (RuntimeException | StackOverflowError e) {
            String msg = String.valueOf(e.getMessage());
            String hint = msg.contains("tag") || msg.contains("constructor")
                    ? " Only plain YAML and Keras's !!python/tuple tag are accepted: tags that build objects are refused."
                    : msg.contains("alias") ? " Aliases are limited to " + MAX_ALIASES + " (a guard against alias bombs)." : "";
            throw new InvalidConfigException(source + " is not a YAML document kerasish accepts: "
                    + msg.replaceAll("\\s+", " ").trim() + "." + hint);
        }
        Object plain = plain(value, source);
        if (!(plain instanceof Map)) {
            throw new InvalidConfigException(source + " must hold a YAML mapping at the top level, found "
                    + ConfigValues.describe(plain));
        }
        return (Map<String, Object>) plain;
    }

    /** Converts what SnakeYAML built into JSON-like values, refusing the rest (dates, sets, binary). */
    private static Object plain(Object v, String source) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof BigInteger b) {
            throw new InvalidConfigException(source + ": the integer " + b + " is too large");
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new InvalidConfigException(source + ": mapping keys must be strings, found " + e.getKey());
                }
                out.put(k, plain(e.getValue(), source));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(plain(o, source));
            }
            return out;
        }
        throw new InvalidConfigException(source + ": values of type " + v.getClass().getSimpleName()
                + " are not part of a Keras config (only mappings, lists, strings, numbers, booleans and null)");
    }

    /**
     * Writes a document as YAML the way PyYAML's {@code yaml.dump} laid out Keras's {@code to_yaml()}: keys
     * sorted, block style, lists of scalars inline ({@code [null, 784]}). Lists are plain YAML lists (no tuple tags).
     */
    public static String write(Map<String, Object> document) {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        d.setIndent(2);
        d.setWidth(120);
        d.setSplitLines(false);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(d), d).dump(sorted(document));
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ConfigYaml::sorted).toList();
        }
        return v;
    }
}

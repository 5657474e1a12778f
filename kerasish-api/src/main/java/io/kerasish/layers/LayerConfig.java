package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import io.kerasish.initializers.Initializer;
import io.kerasish.initializers.Initializers;
import io.kerasish.io.config.ConfigValues;
import io.kerasish.regularizers.Regularizer;
import io.kerasish.regularizers.Regularizers;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One layer's Keras config ({@code {"units": 64, "activation": "relu", ...}}) as a layer's {@code fromConfig}
 * reads it. Every getter takes the Keras 2 key first and then older spellings (Keras 1's {@code output_dim},
 * {@code nb_filter}, {@code border_mode}, ...), and every error names the layer, the field and what was expected.
 *
 * <pre>{@code
 * static Dense fromConfig(LayerConfig c) {
 *     return new Dense(c.getInt("units", "output_dim")).activation(c.optString("linear", "activation"));
 * }
 * }</pre>
 */
public final class LayerConfig {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LayerConfig.class);
    private final String className;
    private final Map<String, Object> values;

    public LayerConfig(String className, Map<String, Object> values) {
        this.className = className;
        this.values = Objects.requireNonNull(values);
    }

    public String className() {
        return className;
    }

    /** The layer's name from the config, or null. */
    public String layerName() {
        Object n = values.get("name");
        return n instanceof String s ? s : null;
    }

    /** The raw values, for custom layers. */
    public Map<String, Object> values() {
        return values;
    }

    /** True when any of these keys is present (even with a null value). */
    public boolean has(String... keys) {
        for (String k : keys) {
            if (values.containsKey(k)) {
                return true;
            }
        }
        return false;
    }

    /** The value under the first present key, or null. */
    public Object get(String... keys) {
        for (String k : keys) {
            if (values.containsKey(k)) {
                return values.get(k);
            }
        }
        return null;
    }

    private String keyOf(String... keys) {
        for (String k : keys) {
            if (values.containsKey(k)) {
                return k;
            }
        }
        return keys[0];
    }

    // ---------------------------------------------------------------- typed getters

    public int getInt(String... keys) {
        Object v = require(keys, "an integer", "64");
        return toInt(v, keys);
    }

    public int optInt(int defaultValue, String... keys) {
        Object v = get(keys);
        return v == null ? defaultValue : toInt(v, keys);
    }

    public double getDouble(String... keys) {
        return toDouble(require(keys, "a number", "0.5"), keys);
    }

    public double optDouble(double defaultValue, String... keys) {
        Object v = get(keys);
        return v == null ? defaultValue : toDouble(v, keys);
    }

    public boolean optBool(boolean defaultValue, String... keys) {
        Object v = get(keys);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(keys, "true or false", v);
    }

    public String optString(String defaultValue, String... keys) {
        Object v = get(keys);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(keys, "a string", v);
    }

    /** An int or a list of ints ({@code 3} or {@code [3, 3]}), as Keras accepts for sizes and strides. */
    public int[] getInts(int count, String... keys) {
        return toInts(require(keys, count + " integers", "[3, 3]"), count, keys);
    }

    public int[] optInts(int[] defaultValue, int count, String... keys) {
        Object v = get(keys);
        return v == null ? defaultValue : toInts(v, count, keys);
    }

    /** A list of dimensions where {@code null} is unknown ({@link Shape#NONE}). */
    public long[] optShape(String... keys) {
        Object v = get(keys);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw wrongType(keys, "a list of dimensions such as [null, 28, 28, 1]", v);
        }
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            Object d = l.get(i);
            if (d == null) {
                out[i] = Shape.NONE;
            } else if (d instanceof Long || d instanceof Integer) {
                out[i] = ((Number) d).longValue();
                if (out[i] < 1) {
                    throw wrongType(keys, "positive dimensions or null", v);
                }
            } else {
                throw wrongType(keys, "a list of integers or null", v);
            }
        }
        return out;
    }

    public Initializer optInitializer(Initializer defaultValue, String... keys) {
        Object v = get(keys);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Initializers.fromConfig(v);
        } catch (InvalidConfigException e) {
            throw error(keys, e.getMessage());
        }
    }

    public Regularizer optRegularizer(String... keys) {
        Object v = get(keys);
        if (v == null) {
            return null;
        }
        try {
            return Regularizers.fromConfig(v);
        } catch (InvalidConfigException e) {
            throw error(keys, e.getMessage());
        }
    }

    /**
     * Refuses a setting kerasish cannot honour: when the key is present with a value other than the default,
     * loading fails with a message that says so.
     */
    public void unsupported(Object defaultValue, String why, String... keys) {
        Object v = get(keys);
        if (v != null && !sameValue(v, defaultValue)) {
            throw error(keys, "the value " + v + " is not supported (" + why + "); only " + defaultValue + " is");
        }
    }

    /**
     * Accepts a setting that only acts during training and that kerasish does not apply (constraints, activity
     * regularizers, recurrent dropout): predictions are the same as in Keras, and a warning says what is ignored.
     */
    public void ignoredInTraining(String... keys) {
        Object v = get(keys);
        if (v != null && !(v instanceof Number n && n.doubleValue() == 0) && !Boolean.FALSE.equals(v)) {
            LOG.warn("{}'{}' = {} is not applied when training with kerasish; predictions are unaffected", where(), keyOf(keys), v);
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a.equals(b);
    }

    // ---------------------------------------------------------------- errors

    /** An error about one field, naming the layer. */
    public InvalidConfigException error(String key, String message) {
        return error(new String[] {key}, message);
    }

    private InvalidConfigException error(String[] keys, String message) {
        return new InvalidConfigException(where() + "config field '" + keyOf(keys) + "': " + message);
    }

    private String where() {
        String n = layerName();
        return "Layer " + (n == null ? "" : "'" + n + "' ") + "(" + className + "), ";
    }

    private Object require(String[] keys, String what, String example) {
        Object v = get(keys);
        if (v == null) {
            throw new InvalidConfigException(where() + "config field '" + keys[0] + "' is missing"
                    + (keys.length > 1 ? " (also looked for " + String.join(", ", List.of(keys).subList(1, keys.length)) + ")" : "")
                    + ". Keras writes it as " + what + ", e.g. \"" + keys[0] + "\": " + example + ".");
        }
        return v;
    }

    private InvalidConfigException wrongType(String[] keys, String what, Object v) {
        return error(keys, "expected " + what + ", found " + ConfigValues.describe(v));
    }

    private int toInt(Object v, String[] keys) {
        if (v instanceof Long || v instanceof Integer) {
            long l = ((Number) v).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
            return (int) (double) d;
        }
        throw wrongType(keys, "an integer", v);
    }

    private double toDouble(Object v, String[] keys) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(keys, "a number", v);
    }

    private int[] toInts(Object v, int count, String[] keys) {
        if (v instanceof List<?> l) {
            if (l.size() != count) {
                throw wrongType(keys, count + " integers", v);
            }
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = toInt(l.get(i), keys);
            }
            return out;
        }
        int x = toInt(v, keys);
        int[] out = new int[count];
        java.util.Arrays.fill(out, x);
        return out;
    }
}

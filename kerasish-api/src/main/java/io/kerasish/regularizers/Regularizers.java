package io.kerasish.regularizers;

import io.kerasish.UnknownNameException;
import java.util.List;

/** Keras's regularizers: {@code l1(0.01)}, {@code l2(0.01)}, {@code l1L2(0.01, 0.01)}; by name with defaults. */
public final class Regularizers {
    private Regularizers() {
    }

    public static Regularizer l1(double factor) {
        return new Regularizer(factor, 0);
    }

    public static Regularizer l2(double factor) {
        return new Regularizer(0, factor);
    }

    public static Regularizer l1L2(double l1, double l2) {
        return new Regularizer(l1, l2);
    }

    /** {@code "l1"}, {@code "l2"} (factor 0.01, Keras's default) or {@code "l1_l2"} (both 0.01). */
    public static Regularizer get(String name) {
        return switch (name) {
            case "l1" -> l1(0.01);
            case "l2" -> l2(0.01);
            case "l1_l2" -> l1L2(0.01, 0.01);
            default -> throw new UnknownNameException("regularizer", name, List.of("l1", "l2", "l1_l2"),
                    "For other factors use Regularizers.l2(0.001) and the like.");
        };
    }

    /** The config tf.keras 2 writes: {@code {"class_name": "L2", "config": {"l2": 0.01}}} (L1, L2 or L1L2). */
    public static java.util.Map<String, Object> toConfig(Regularizer r) {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        if (!r.className().equals("L2")) {
            config.put("l1", r.l1());
        }
        if (!r.className().equals("L1")) {
            config.put("l2", r.l2());
        }
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("class_name", r.className());
        out.put("config", config);
        return out;
    }

    /**
     * Reads a regularizer as any Keras version wrote it: tf.keras's {@code {"class_name": "L2", "config":
     * {"l2": 0.01}}}, Keras 2's {@code L1L2}, Keras 1's {@code {"name": "L1L2Regularizer", "l1": 0, "l2": 0.01}} (or WeightRegularizer),
     * or an identifier ({@code "l2"}).
     */
    public static Regularizer fromConfig(Object value) {
        if (value instanceof String s) {
            return get(s.toLowerCase(java.util.Locale.ROOT));
        }
        if (value instanceof java.util.Map<?, ?> m) {
            Object cls = m.containsKey("class_name") ? m.get("class_name") : m.get("name");
            java.util.Map<?, ?> config = m.get("config") instanceof java.util.Map<?, ?> c ? c : m;
            if ("L1".equals(cls) || "L2".equals(cls) || "L1L2".equals(cls) || "WeightRegularizer".equals(cls)
                    || "L1L2Regularizer".equals(cls)) {
                return new Regularizer(factor(config, "l1"), factor(config, "l2"));
            }
        }
        throw new io.kerasish.InvalidConfigException("unsupported regularizer " + value
                + "; supported are L1, L2 and L1L2 (Keras 1's L1L2Regularizer and WeightRegularizer too)");
    }

    private static double factor(java.util.Map<?, ?> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new io.kerasish.InvalidConfigException("regularizer factor '" + key + "' must be a number, found " + v);
    }
}

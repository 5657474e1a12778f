package io.kerasish.optimizers;

import io.kerasish.UnknownNameException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Optimizers by Keras name, with Keras's defaults: {@code "sgd"}, {@code "rmsprop"}, {@code "adagrad"},
 * {@code "adadelta"}, {@code "adam"}, {@code "adamax"}, {@code "nadam"}; and static entry points
 * ({@code Optimizers.adam()}).
 */
public final class Optimizers {
    private static final Map<String, Supplier<Optimizer>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("sgd", SGD::new);
        BY_NAME.put("rmsprop", RMSprop::new);
        BY_NAME.put("adagrad", Adagrad::new);
        BY_NAME.put("adadelta", Adadelta::new);
        BY_NAME.put("adam", Adam::new);
        BY_NAME.put("adamax", Adamax::new);
        BY_NAME.put("nadam", Nadam::new);
    }

    private Optimizers() {
    }

    /** A new optimizer for a Keras name (case-insensitive), with Keras's default arguments. */
    public static Optimizer get(String name) {
        Supplier<Optimizer> s = name == null ? null : BY_NAME.get(name.toLowerCase(java.util.Locale.ROOT));
        if (s == null) {
            throw new UnknownNameException("optimizer", String.valueOf(name), BY_NAME.keySet(),
                    "Or pass an instance, e.g. new Adam(0.01).");
        }
        return s.get();
    }

    public static Adam adam() {
        return new Adam();
    }

    public static SGD sgd() {
        return new SGD();
    }

    public static RMSprop rmsprop() {
        return new RMSprop();
    }

    /**
     * An optimizer from Keras's {@code {"class_name": "Adam", "config": {...}}} (training_config's
     * optimizer_config), with Keras 1/2's {@code lr} accepted for {@code learning_rate}.
     */
    public static Optimizer fromConfig(Object value) {
        if (value instanceof String s) {
            return get(s);
        }
        if (!(value instanceof java.util.Map<?, ?> m) || !(m.get("class_name") instanceof String cls)) {
            throw new io.kerasish.InvalidConfigException("optimizer_config must be {\"class_name\": ..., \"config\": {...}}, found "
                    + io.kerasish.io.config.ConfigValues.describe(value));
        }
        java.util.Map<?, ?> config = m.get("config") instanceof java.util.Map<?, ?> c ? c : java.util.Map.of();
        return get(cls.replace("Legacy>", "")).readFullConfig(config);
    }

    /** {@code {"class_name": "Adam", "config": {...}}}. */
    public static java.util.Map<String, Object> toConfig(Optimizer o) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("class_name", o.name());
        out.put("config", o.getConfig());
        return out;
    }
}

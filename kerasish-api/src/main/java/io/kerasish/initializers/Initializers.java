package io.kerasish.initializers;

import io.kerasish.UnknownNameException;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keras's initializers by name and as factories. Strings accepted wherever a layer takes an initializer:
 * {@code glorot_uniform} (Keras's default for kernels), {@code glorot_normal}, {@code he_uniform},
 * {@code he_normal}, {@code lecun_uniform}, {@code lecun_normal}, {@code zeros}, {@code ones},
 * {@code random_normal} (mean 0, stddev 0.05), {@code random_uniform} (-0.05..0.05), {@code truncated_normal},
 * {@code orthogonal}, {@code identity}, and the Keras 1 spellings {@code normal}, {@code uniform}, {@code zero},
 * {@code one}.
 */
public final class Initializers {
    private static final Map<String, Supplier<Initializer>> BY_NAME = new LinkedHashMap<>();

    static {
        for (String n : new String[] {"glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform",
                "lecun_normal", "zeros", "ones", "identity"}) {
            BY_NAME.put(n, () -> new Initializer(n, Map.of()));
        }
        BY_NAME.put("random_normal", () -> randomNormal(0, 0.05));
        BY_NAME.put("random_uniform", () -> randomUniform(-0.05, 0.05));
        BY_NAME.put("truncated_normal", () -> truncatedNormal(0, 0.05));
        BY_NAME.put("orthogonal", () -> orthogonal(1.0));
        BY_NAME.put("normal", BY_NAME.get("random_normal"));
        BY_NAME.put("uniform", BY_NAME.get("random_uniform"));
        BY_NAME.put("zero", () -> new Initializer("zeros", Map.of()));
        BY_NAME.put("one", () -> new Initializer("ones", Map.of()));
    }

    private Initializers() {
    }

    /** The initializer a Keras identifier names, with Keras's default arguments. */
    public static Initializer get(String name) {
        Supplier<Initializer> s = BY_NAME.get(name);
        if (s == null) {
            throw new UnknownNameException("initializer", name, BY_NAME.keySet(),
                    "For arguments use the factories, e.g. Initializers.randomNormal(0, 0.01).");
        }
        return s.get();
    }

    public static Initializer glorotUniform() {
        return get("glorot_uniform");
    }

    public static Initializer zeros() {
        return get("zeros");
    }

    public static Initializer randomNormal(double mean, double stddev) {
        return new Initializer("random_normal", Map.of("mean", mean, "stddev", stddev));
    }

    public static Initializer randomUniform(double minval, double maxval) {
        return new Initializer("random_uniform", Map.of("minval", minval, "maxval", maxval));
    }

    public static Initializer truncatedNormal(double mean, double stddev) {
        return new Initializer("truncated_normal", Map.of("mean", mean, "stddev", stddev));
    }

    public static Initializer orthogonal(double gain) {
        return new Initializer("orthogonal", Map.of("gain", gain));
    }

    public static Initializer constant(double value) {
        return new Initializer("constant", Map.of("value", value));
    }

    // ---------------------------------------------------------------- Keras configs

    /** Keras's class name for each identifier, e.g. {@code glorot_uniform -> GlorotUniform}. */
    private static String className(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("_")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    /**
     * The config Keras writes for an initializer: {@code {"class_name": "GlorotUniform", "config": {"seed": null}}},
     * {@code {"class_name": "RandomNormal", "config": {"mean": 0.0, "stddev": 0.05, "seed": null}}}.
     */
    public static Map<String, Object> toConfig(Initializer init) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String key : new String[] {"mean", "stddev", "minval", "maxval", "gain", "value"}) {
            if (init.params().containsKey(key)) {
                config.put(key, init.params().get(key));
            }
        }
        if (!Set.of("zeros", "ones", "constant", "identity").contains(init.name())) {
            config.put("seed", null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", className(init.name()));
        out.put("config", config);
        return out;
    }

    /**
     * Reads an initializer as any Keras version wrote it: an identifier ({@code "glorot_uniform"}, Keras 1's
     * {@code "uniform"}), or {@code {"class_name": ..., "config": {...}}} with Keras 2/3 class names, including
     * {@code VarianceScaling} with the scale, mode and distribution of a named initializer.
     *
     * @throws InvalidConfigException saying what is not supported
     */
    public static Initializer fromConfig(Object value) {
        if (value instanceof String s) {
            return get(BY_NAME.containsKey(s) ? s : io.kerasish.internal.Names.snakeCase(s));
        }
        if (!(value instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls)) {
            throw new io.kerasish.InvalidConfigException("an initializer must be a name or {\"class_name\": ..., "
                    + "\"config\": {...}}, found " + io.kerasish.io.config.ConfigValues.describe(value));
        }
        Map<?, ?> config = m.get("config") instanceof Map<?, ?> c ? c : Map.of();
        String name = io.kerasish.internal.Names.snakeCase(cls);
        if (name.equals("variance_scaling")) {
            name = varianceScalingName(config);
        }
        if (name.equals("constant")) {
            return constant(number(config, "value", 0.0));
        }
        Initializer base = get(name);
        Map<String, Double> params = new java.util.HashMap<>(base.params());
        for (String key : base.params().keySet()) {
            params.put(key, number(config, key, base.params().get(key)));
        }
        if (name.equals("identity") && number(config, "gain", 1.0) != 1.0) {
            throw new io.kerasish.InvalidConfigException("Identity initializer with gain other than 1 is not supported");
        }
        return new Initializer(base.name(), params);
    }

    private static double number(Map<?, ?> config, String key, double defaultValue) {
        Object v = config.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new io.kerasish.InvalidConfigException("initializer parameter '" + key + "' must be a number, found "
                + io.kerasish.io.config.ConfigValues.describe(v));
    }

    /** The named initializer a VarianceScaling config equals (Keras 2.0-2.3 wrote glorot_uniform this way). */
    private static String varianceScalingName(Map<?, ?> config) {
        double scale = number(config, "scale", 1.0);
        String mode = String.valueOf(config.containsKey("mode") ? config.get("mode") : "fan_in");
        String dist = String.valueOf(config.containsKey("distribution") ? config.get("distribution") : "truncated_normal");
        String kind = dist.equals("uniform") ? "uniform" : "normal"; // Keras 2.0's "normal" is truncated as well
        if (scale == 1.0 && mode.equals("fan_avg")) {
            return "glorot_" + kind;
        }
        if (scale == 2.0 && mode.equals("fan_in")) {
            return "he_" + kind;
        }
        if (scale == 1.0 && mode.equals("fan_in")) {
            return "lecun_" + kind;
        }
        throw new io.kerasish.InvalidConfigException("VarianceScaling(scale=" + scale + ", mode=" + mode + ", distribution="
                + dist + ") is not supported; supported are the glorot, he and lecun variants");
    }
}

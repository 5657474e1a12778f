package io.kerasish.initializers;

import io.kerasish.UnknownNameException;
import java.util.LinkedHashMap;
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
}

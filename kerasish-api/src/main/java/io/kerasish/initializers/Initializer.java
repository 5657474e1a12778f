package io.kerasish.initializers;

import java.util.Map;

/**
 * A weight initializer, as Keras names it: {@code name} is the Keras identifier ({@code "glorot_uniform"},
 * {@code "random_normal"}, ...) and {@code params} its arguments with Keras's keys ({@code mean}, {@code stddev},
 * {@code minval}, {@code maxval}, {@code value}, {@code gain}). Make one with {@link Initializers}.
 */
public record Initializer(String name, Map<String, Double> params) {
    public Initializer {
        params = Map.copyOf(params);
    }

    public double param(String key) {
        Double v = params.get(key);
        if (v == null) {
            throw new io.kerasish.InvalidConfigException("Initializer '" + name + "' has no parameter '" + key + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return params.isEmpty() ? name : name + params;
    }
}

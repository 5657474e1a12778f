package io.kerasish.models;

import io.kerasish.layers.Layers;
import java.util.Map;

/**
 * Options of {@code loadWeights} and {@code Models.loadModel}, as Keras's keyword arguments:
 * {@code model.loadWeights(path, byName(true), skipMismatch(true))}.
 */
public final class Load {
    private Load() {
    }

    /** One option. */
    public interface Option {
        void applyTo(Settings s);
    }

    /** The options' values; defaults as in Keras. */
    public static final class Settings {
        boolean byName;
        boolean skipMismatch;
        boolean compile = true;
        Map<String, Layers.Factory> customObjects = Map.of();

        static Settings of(Option... options) {
            Settings s = new Settings();
            for (Option o : options) {
                o.applyTo(s);
            }
            if (s.skipMismatch && !s.byName) {
                throw new io.kerasish.InvalidConfigException("skip_mismatch only works with by_name: use "
                        + "loadWeights(path, byName(true), skipMismatch(true))");
            }
            return s;
        }
    }

    /** Keras's {@code by_name}: match layers by name instead of by position; layers not in the file keep their weights. */
    public static Option byName(boolean byName) {
        return s -> s.byName = byName;
    }

    /** Keras's {@code skip_mismatch}: with by_name, skip layers whose weight count or shapes differ (a warning names them). */
    public static Option skipMismatch(boolean skip) {
        return s -> s.skipMismatch = skip;
    }

    /** Keras's {@code compile} argument of load_model: false leaves the loaded model uncompiled. */
    public static Option compile(boolean compile) {
        return s -> s.compile = compile;
    }

    /** Keras's {@code custom_objects}: factories for layer class names that kerasish does not have. */
    public static Option customObjects(Map<String, Layers.Factory> factories) {
        Map<String, Layers.Factory> copy = Map.copyOf(factories);
        return s -> s.customObjects = copy;
    }
}

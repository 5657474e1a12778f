package io.kerasish.internal;

import java.util.Locale;

/** Keras's naming rules. */
public final class Names {
    private Names() {
    }

    /** Keras's class-name-to-snake-case rule: {@code MaxPooling2D -> max_pooling2d}, {@code SimpleRNN -> simple_rnn}. */
    public static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

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
}

package io.kerasish.regularizers;

/**
 * A weight penalty added to the loss, as Keras defines it: {@code l1 * sum(|w|) + l2 * sum(w^2)}.
 * Make one with {@link Regularizers}.
 */
public record Regularizer(double l1, double l2) {
    public Regularizer {
        if (l1 < 0 || l2 < 0 || Double.isNaN(l1) || Double.isNaN(l2)) {
            throw new io.kerasish.InvalidConfigException("Regularizer factors must be >= 0, got l1=" + l1 + ", l2=" + l2);
        }
    }

    /** Keras's identifier for this regularizer's class. */
    public String className() {
        return l1 > 0 && l2 > 0 ? "L1L2" : l1 > 0 ? "L1" : "L2";
    }
}

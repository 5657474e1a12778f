package io.kerasish.losses;

import io.kerasish.UnknownNameException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Losses by Keras name, aliases included: {@code mean_squared_error} ({@code mse}), {@code mean_absolute_error}
 * ({@code mae}), {@code binary_crossentropy}, {@code categorical_crossentropy},
 * {@code sparse_categorical_crossentropy}, {@code hinge}, {@code huber} ({@code huber_loss}),
 * {@code kl_divergence} ({@code kld}, {@code kullback_leibler_divergence}).
 */
public final class Losses {
    private static final Map<String, Supplier<Loss>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("mean_squared_error", MeanSquaredError::new);
        BY_NAME.put("mse", MeanSquaredError::new);
        BY_NAME.put("mean_absolute_error", MeanAbsoluteError::new);
        BY_NAME.put("mae", MeanAbsoluteError::new);
        BY_NAME.put("binary_crossentropy", BinaryCrossentropy::new);
        BY_NAME.put("categorical_crossentropy", CategoricalCrossentropy::new);
        BY_NAME.put("sparse_categorical_crossentropy", SparseCategoricalCrossentropy::new);
        BY_NAME.put("hinge", Hinge::new);
        BY_NAME.put("huber", Huber::new);
        BY_NAME.put("huber_loss", Huber::new);
        BY_NAME.put("kl_divergence", KLDivergence::new);
        BY_NAME.put("kld", KLDivergence::new);
        BY_NAME.put("kullback_leibler_divergence", KLDivergence::new);
    }

    private Losses() {
    }

    public static Loss get(String name) {
        Supplier<Loss> s = name == null ? null : BY_NAME.get(name);
        if (s == null) {
            throw new UnknownNameException("loss", String.valueOf(name), BY_NAME.keySet(),
                    "Or pass an instance, e.g. new Huber(2.0).");
        }
        return s.get();
    }

    /** Every name {@link #get} accepts. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }
}

package io.kerasish.models;

import io.kerasish.InvalidConfigException;
import io.kerasish.callbacks.Callback;
import io.kerasish.internal.Data;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's keyword arguments of {@code fit}, {@code evaluate} and {@code predict}, as static factories to import:
 * {@code model.fit(x, y, epochs(10), batchSize(64), validationSplit(0.2), verbose(2))}. Defaults are Keras's:
 * 1 epoch, batch size 32, verbose 1, shuffle on, no validation.
 */
public final class Fit {
    private Fit() {
    }

    /** One keyword argument. */
    @FunctionalInterface
    public interface Option {
        void applyTo(Settings s);
    }

    /** The resolved arguments of one call. */
    public static final class Settings {
        int epochs = 1;
        int batchSize = 32;
        int verbose = 1;
        double validationSplit;
        INDArray validationX;
        INDArray validationY;
        boolean shuffle = true;
        final List<Callback> callbacks = new ArrayList<>();
        int initialEpoch;
        Map<Integer, Double> classWeight;
        final List<String> given = new ArrayList<>();

        static Settings of(Option... options) {
            Settings s = new Settings();
            for (Option o : options) {
                o.applyTo(s);
            }
            return s;
        }

        /** Rejects options that make no sense for {@code evaluate}/{@code predict}. */
        void allowOnly(String method, String... names) {
            List<String> ok = List.of(names);
            for (String g : given) {
                if (!ok.contains(g)) {
                    throw new InvalidConfigException(method + "() does not take " + g + "(...); it takes " + ok);
                }
            }
        }
    }

    private static Option named(String name, Option o) {
        return s -> {
            s.given.add(name);
            o.applyTo(s);
        };
    }

    public static Option epochs(int epochs) {
        if (epochs < 0) {
            throw new InvalidConfigException("epochs must be >= 0, got " + epochs);
        }
        return named("epochs", s -> s.epochs = epochs);
    }

    public static Option batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new InvalidConfigException("batch_size must be >= 1, got " + batchSize);
        }
        return named("batchSize", s -> s.batchSize = batchSize);
    }

    /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
    public static Option verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new InvalidConfigException("verbose must be 0 (silent), 1 (progress bar) or 2 (one line per epoch), got " + verbose);
        }
        return named("verbose", s -> s.verbose = verbose);
    }

    /** Fraction of the data, taken from the end before shuffling (as Keras does), held out for validation. */
    public static Option validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new InvalidConfigException("validation_split must be in [0, 1), got " + fraction);
        }
        return named("validationSplit", s -> s.validationSplit = fraction);
    }

    public static Option validationData(INDArray x, INDArray y) {
        return named("validationData", s -> {
            s.validationX = x;
            s.validationY = y;
        });
    }

    public static Option validationData(double[][] x, double[][] y) {
        return validationData(Data.toArray(x), Data.toArray(y));
    }

    public static Option shuffle(boolean shuffle) {
        return named("shuffle", s -> s.shuffle = shuffle);
    }

    public static Option callbacks(Callback... callbacks) {
        return named("callbacks", s -> s.callbacks.addAll(List.of(callbacks)));
    }

    public static Option callbacks(List<? extends Callback> callbacks) {
        return named("callbacks", s -> s.callbacks.addAll(callbacks));
    }

    /** The epoch to start at (0-based): epochs before it are skipped, as when resuming. */
    public static Option initialEpoch(int epoch) {
        if (epoch < 0) {
            throw new InvalidConfigException("initial_epoch must be >= 0, got " + epoch);
        }
        return named("initialEpoch", s -> s.initialEpoch = epoch);
    }

    /** Weights of each class id in the loss, e.g. {@code Map.of(0, 1.0, 1, 5.0)} to count positives five times. */
    public static Option classWeight(Map<Integer, Double> weights) {
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            if (e.getKey() < 0 || !(e.getValue() >= 0)) {
                throw new InvalidConfigException("class_weight needs class ids >= 0 and weights >= 0, got " + e);
            }
        }
        Map<Integer, Double> copy = new HashMap<>(weights);
        return named("classWeight", s -> s.classWeight = copy);
    }
}

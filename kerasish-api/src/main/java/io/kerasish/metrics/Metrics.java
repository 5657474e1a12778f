package io.kerasish.metrics;

import io.kerasish.UnknownNameException;
import java.util.List;

/**
 * Metrics by Keras name. {@code "accuracy"} (or {@code "acc"}) is resolved as Keras resolves it: binary accuracy
 * for a binary cross-entropy loss or a single output, sparse categorical accuracy for a sparse loss, categorical
 * accuracy otherwise. Others: {@code binary_accuracy}, {@code categorical_accuracy},
 * {@code sparse_categorical_accuracy}, {@code top_k_categorical_accuracy} (k = 5), {@code precision},
 * {@code recall}, {@code auc}, {@code mae}/{@code mean_absolute_error}, {@code mse}/{@code mean_squared_error},
 * {@code binary_crossentropy} (the loss as a metric: without the regularization penalties that {@code loss}
 * includes, so models with and without {@code kernel_regularizer} can be compared).
 */
public final class Metrics {
    private static final List<String> NAMES = List.of("accuracy", "acc", "binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "top_k_categorical_accuracy", "precision", "recall", "auc", "mae",
            "mean_absolute_error", "mse", "mean_squared_error", "binary_crossentropy");

    private Metrics() {
    }

    /** Every name {@link #get} accepts. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * A new metric for a name.
     *
     * @param lossName   the compiled loss's Keras name, used to resolve "accuracy"
     * @param outputSize values per example of the model's output (last axis), used to resolve "accuracy"
     */
    public static Metric get(String name, String lossName, long outputSize) {
        boolean sparse = "sparse_categorical_crossentropy".equals(lossName);
        return switch (name) {
            case "accuracy", "acc" -> sparse ? sparseCategoricalAccuracy(name)
                    : "binary_crossentropy".equals(lossName) || outputSize == 1 ? binaryAccuracy(name)
                    : categoricalAccuracy(name);
            case "binary_accuracy" -> binaryAccuracy(name);
            case "categorical_accuracy" -> categoricalAccuracy(name);
            case "sparse_categorical_accuracy" -> sparseCategoricalAccuracy(name);
            case "top_k_categorical_accuracy" -> topKCategoricalAccuracy(name, 5);
            case "precision" -> new ConfusionMetric(name, ConfusionMetric.Kind.PRECISION);
            case "recall" -> new ConfusionMetric(name, ConfusionMetric.Kind.RECALL);
            case "auc" -> new ConfusionMetric(name, ConfusionMetric.Kind.AUC);
            case "mae", "mean_absolute_error" -> new MeanMetric(name, false, (t, to, p, po, w) -> {
                double s = 0;
                for (int j = 0; j < w; j++) {
                    s += Math.abs(p[po + j] - t[to + j]);
                }
                return s / w;
            });
            case "mse", "mean_squared_error" -> new MeanMetric(name, false, (t, to, p, po, w) -> {
                double s = 0;
                for (int j = 0; j < w; j++) {
                    double d = p[po + j] - t[to + j];
                    s += d * d;
                }
                return s / w;
            });
            case "binary_crossentropy" -> binaryCrossentropy(name);
            default -> throw new UnknownNameException("metric", name, NAMES, null);
        };
    }

    public static Metric binaryAccuracy(String name) {
        return new MeanMetric(name, false, (t, to, p, po, w) -> {
            int hits = 0;
            for (int j = 0; j < w; j++) {
                if ((p[po + j] > 0.5f) == (t[to + j] > 0.5f)) {
                    hits++;
                }
            }
            return (double) hits / w;
        });
    }

    /**
     * Keras's {@code binary_crossentropy} metric: {@code -mean(y log p + (1 - y) log(1 - p))} over the last axis,
     * {@code p} clipped to {@code [1e-7, 1 - 1e-7]} as the loss does.
     */
    public static Metric binaryCrossentropy(String name) {
        return new MeanMetric(name, false, (t, to, p, po, w) -> {
            double s = 0;
            for (int j = 0; j < w; j++) {
                double q = Math.min(Math.max(p[po + j], 1e-7), 1 - 1e-7);
                s -= t[to + j] * Math.log(q) + (1 - t[to + j]) * Math.log(1 - q);
            }
            return s / w;
        });
    }

    public static Metric categoricalAccuracy(String name) {
        return new MeanMetric(name, false, (t, to, p, po, w) ->
                MeanMetric.argmax(t, to, w) == MeanMetric.argmax(p, po, w) ? 1 : 0);
    }

    public static Metric sparseCategoricalAccuracy(String name) {
        return new MeanMetric(name, true, (t, to, p, po, w) -> (int) t[to] == MeanMetric.argmax(p, po, w) ? 1 : 0);
    }

    public static Metric topKCategoricalAccuracy(String name, int k) {
        return new MeanMetric(name, false, (t, to, p, po, w) -> {
            int label = MeanMetric.argmax(t, to, w);
            int higher = 0;
            for (int j = 0; j < w; j++) {
                if (p[po + j] > p[po + label]) {
                    higher++;
                }
            }
            return higher < k ? 1 : 0;
        });
    }

    public static Metric precision() {
        return new ConfusionMetric("precision", ConfusionMetric.Kind.PRECISION);
    }

    public static Metric recall() {
        return new ConfusionMetric("recall", ConfusionMetric.Kind.RECALL);
    }

    public static Metric auc() {
        return new ConfusionMetric("auc", ConfusionMetric.Kind.AUC);
    }
}

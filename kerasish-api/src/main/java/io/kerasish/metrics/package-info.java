/**
 * Keras's metrics by name, as passed to {@code compile}: {@code "accuracy"} (resolved to binary, categorical or
 * sparse accuracy as Keras does), {@code "precision"}, {@code "recall"}, {@code "auc"}, {@code "mae"},
 * {@code "mse"}, {@code "top_k_categorical_accuracy"}. Values are running results over the epoch, as in Keras.
 */
package io.kerasish.metrics;

/**
 * One class per Keras layer, named as Keras names it, with Keras's arguments as fluent setters and Keras's
 * defaults: {@code new Dense(64).activation("relu")}, {@code new Conv2D(32, 3, 3).padding("same")},
 * {@code new LSTM(128).returnSequences(true)}. The first layer of a model declares the example shape with
 * {@code inputShape(...)} (or {@code inputDim(n)}). Shapes print as Keras prints them, {@code (None, 28, 28, 1)}.
 *
 * <p>Adding a layer: subclass {@link io.kerasish.layers.Layer} (or {@link io.kerasish.layers.KernelLayer} for
 * the activation/initializer/regularizer arguments), implement {@code outputShape}, {@code weights} (Keras's
 * weights, shapes and the DL4J parameter each maps to) and {@code toDl4j}.
 */
package io.kerasish.layers;

/**
 * One class per Keras layer, named as Keras names it, with Keras's arguments as fluent setters and Keras's
 * defaults: {@code new Dense(64).activation("relu")}, {@code new Conv2D(32, 3, 3).padding("same")},
 * {@code new LSTM(128).returnSequences(true)}. The first layer of a model declares the example shape with
 * {@code inputShape(...)} (or {@code inputDim(n)}). Shapes print as Keras prints them, {@code (None, 28, 28, 1)}.
 *
 * <p>Adding a layer: subclass {@link io.kerasish.layers.Layer} (or {@link io.kerasish.layers.KernelLayer} for
 * the activation/initializer/regularizer arguments), implement {@code outputShape}, {@code weights} (Keras's
 * weights, shapes and the DL4J parameter each maps to) and {@code toDl4j}; for saving and loading add
 * {@code addConfig} (Keras's {@code get_config} keys) and a static {@code fromConfig(LayerConfig)}, and one line in
 * {@link io.kerasish.layers.Layers}. A layer of your own is loaded by passing its factory, as Keras's
 * {@code custom_objects}: {@code Models.modelFromJson(json, Map.of("MyLayer", MyLayer::fromConfig))}.
 * {@link io.kerasish.layers.LayerConfig} reads Keras 2 keys and their Keras 1 spellings and names the layer and
 * field in every error.
 */
package io.kerasish.layers;

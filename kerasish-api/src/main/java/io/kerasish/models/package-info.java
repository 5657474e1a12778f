/**
 * Models: build a {@link io.kerasish.models.Sequential}, {@code compile} it, {@code fit} it.
 *
 * <pre>{@code
 * import static io.kerasish.models.Fit.*;
 *
 * Sequential model = new Sequential();
 * model.add(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1));
 * model.add(new MaxPooling2D());
 * model.add(new Flatten());
 * model.add(new Dense(10).activation("softmax"));
 * model.compile("adam", "categorical_crossentropy", "accuracy");
 * History h = model.fit(x, y, epochs(5), batchSize(64), validationSplit(0.1));
 * Map<String, Double> test = model.evaluate(xTest, yTest);
 * }</pre>
 *
 * <p>Arrays are in Keras's layouts, batch first; {@link io.kerasish.models.Fit} holds the keyword arguments of
 * {@code fit}, {@code evaluate} and {@code predict}; {@link io.kerasish.models.History} the per-epoch results.
 * {@code model.dl4j()} is the underlying DL4J {@code MultiLayerNetwork} for anything kerasish does not cover.
 *
 * <h2>Saving and loading, in Keras's formats</h2>
 * <pre>{@code
 * String json = model.toJson();                      // Keras's model.to_json()
 * Sequential a = Models.modelFromJson(json);         // or Models.modelFromYaml(model.toYaml())
 * model.saveWeights(Path.of("w.h5"));                // Keras's save_weights layout
 * a.loadWeights(Path.of("w.h5"));                    // by position; or loadWeights(path, byName(true), skipMismatch(true))
 * model.save(Path.of("model.h5"));                   // architecture + weights + training config + optimizer state
 * Sequential c = Models.loadModel(Path.of("model.h5"));  // compiled, ready to predict or to continue fit
 * }</pre>
 * Files are written in tf.keras 2's HDF5 layout (which Keras 2 and Keras 3 load) to a temporary file that is then
 * renamed. Reading accepts files from Keras 1, Keras 2, tf.keras and Keras 3 ({@code .weights.h5}); Functional
 * configs whose layers form one chain load as a Sequential. {@link io.kerasish.models.Load} holds the options.
 */
package io.kerasish.models;

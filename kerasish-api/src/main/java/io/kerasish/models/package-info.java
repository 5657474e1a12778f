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
 */
package io.kerasish.models;

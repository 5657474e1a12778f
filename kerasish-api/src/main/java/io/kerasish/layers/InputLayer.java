package io.kerasish.layers;

import io.kerasish.internal.Translation;

/**
 * Keras's {@code InputLayer(input_shape)}: declares the shape of one example. As in Keras, a Sequential model
 * does not list it in {@code summary()}; {@code new Dense(5).inputShape(2)} is the shorter equivalent.
 */
public class InputLayer extends Layer<InputLayer> {
    public InputLayer(long... shape) {
        inputShape(shape);
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        // nothing to compute: the shape was used when the model was built
    }
}

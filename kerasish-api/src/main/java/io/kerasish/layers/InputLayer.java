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

    /** Keras's InputLayer config: {@code batch_input_shape} (Keras 2), {@code batch_shape} (Keras 3) or {@code input_shape}. */
    public static InputLayer fromConfig(LayerConfig c) {
        long[] batch = c.optShape("batch_input_shape", "batch_shape");
        long[] shape = batch != null ? java.util.Arrays.copyOfRange(batch, 1, batch.length) : c.optShape("input_shape");
        if (shape == null || shape.length == 0) {
            throw c.error("batch_input_shape", "missing; Keras writes the input shape as \"batch_input_shape\": [null, 784]");
        }
        c.unsupported(false, "sparse inputs", "sparse");
        c.unsupported(false, "ragged inputs", "ragged");
        return new InputLayer(shape);
    }
}

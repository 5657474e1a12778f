package io.kerasish.layers;

import io.kerasish.internal.KerasFlattenPreProcessor;
import io.kerasish.internal.Translation;

/**
 * Keras's {@code Flatten()}: each example becomes a vector, in row-major (channels-last) order, so
 * {@code (7, 7, 64)} becomes {@code (3136)} with the same element order as in Keras.
 */
public class Flatten extends Layer<Flatten> {
    @Override
    public Shape outputShape(Shape input) {
        if (!input.isFullyKnown()) {
            throw shapeError("cannot flatten an input with unknown dimensions " + input
                    + "; give the layer before it a fixed input length");
        }
        return Shape.of(input.size());
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        if (input.rank() > 1) {
            t.preprocess(new KerasFlattenPreProcessor(input.dims(), new long[] {input.size()}));
        }
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("data_format", "channels_last");
    }

    public static Flatten fromConfig(LayerConfig c) {
        Padding.readDataFormat(c);
        return new Flatten();
    }
}

package io.kerasish.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/** Keras's {@code MaxPooling2D(pool_size=(2, 2))} on channels-last images. */
public class MaxPooling2D extends Pooling2D<MaxPooling2D> {
    /** @param poolSize one or two integers; none means 2x2 */
    public MaxPooling2D(int... poolSize) {
        super(PoolingType.MAX, poolSize);
    }

    public static MaxPooling2D fromConfig(LayerConfig c) {
        return Pooling2D.fromConfig(c, MaxPooling2D::new);
    }
}

package io.kerasish.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/** Keras's {@code AveragePooling2D(pool_size=(2, 2))} on channels-last images. */
public class AveragePooling2D extends Pooling2D<AveragePooling2D> {
    /** @param poolSize one or two integers; none means 2x2 */
    public AveragePooling2D(int... poolSize) {
        super(PoolingType.AVG, poolSize);
    }

    public static AveragePooling2D fromConfig(LayerConfig c) {
        return Pooling2D.fromConfig(c, AveragePooling2D::new);
    }
}

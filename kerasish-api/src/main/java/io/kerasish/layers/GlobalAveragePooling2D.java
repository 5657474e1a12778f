package io.kerasish.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/** Keras's {@code GlobalAveragePooling2D()}: the mean of each channel over height and width. */
public class GlobalAveragePooling2D extends GlobalPooling2D<GlobalAveragePooling2D> {
    public GlobalAveragePooling2D() {
        super(PoolingType.AVG);
    }

    public static GlobalAveragePooling2D fromConfig(LayerConfig c) {
        return GlobalPooling2D.fromConfig(c, GlobalAveragePooling2D::new);
    }
}

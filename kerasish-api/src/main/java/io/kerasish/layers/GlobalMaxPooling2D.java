package io.kerasish.layers;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/** Keras's {@code GlobalMaxPooling2D()}: the maximum of each channel over height and width. */
public class GlobalMaxPooling2D extends GlobalPooling2D<GlobalMaxPooling2D> {
    public GlobalMaxPooling2D() {
        super(PoolingType.MAX);
    }

    public static GlobalMaxPooling2D fromConfig(LayerConfig c) {
        return GlobalPooling2D.fromConfig(c, GlobalMaxPooling2D::new);
    }
}

package io.kerasish.layers;

import io.kerasish.internal.Translation;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * What GlobalAveragePooling2D and GlobalMaxPooling2D share: one value per channel, {@code (h, w, c) -> (c)}.
 *
 * @param <L> the concrete layer type
 */
public abstract class GlobalPooling2D<L extends GlobalPooling2D<L>> extends Layer<L> {
    private final PoolingType type;

    protected GlobalPooling2D(PoolingType type) {
        this.type = type;
    }

    @Override
    public Shape outputShape(Shape input) {
        requireRank(input, 3);
        return Shape.of(input.dim(2));
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        t.add(new GlobalPoolingLayer.Builder(type).poolingDimensions(1, 2).collapseDimensions(true)
                .name(name()).build());
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("data_format", "channels_last");
        c.put("keepdims", false);
    }

    static <P extends GlobalPooling2D<P>> P fromConfig(LayerConfig c, java.util.function.Supplier<P> create) {
        Padding.readDataFormat(c);
        c.unsupported(false, "keepdims", "keepdims");
        return create.get();
    }
}

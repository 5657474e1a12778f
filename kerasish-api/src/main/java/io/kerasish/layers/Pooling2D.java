package io.kerasish.layers;

import io.kerasish.internal.NativePooling;
import io.kerasish.internal.Translation;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * What MaxPooling2D and AveragePooling2D share: {@code pool_size} (default 2x2), {@code strides} (default: the
 * pool size) and {@code padding} ("valid" or "same"; average pooling leaves padded cells out of the mean).
 *
 * @param <L> the concrete layer type
 */
public abstract class Pooling2D<L extends Pooling2D<L>> extends Layer<L> {
    private final PoolingType type;
    private int[] poolSize = {2, 2};
    private int[] strides;
    private String padding = "valid";

    protected Pooling2D(PoolingType type, int... poolSize) {
        this.type = type;
        if (poolSize.length > 0) {
            this.poolSize = Padding.pair(poolSize, "pool_size", className());
        }
    }

    public L strides(int... strides) {
        this.strides = Padding.pair(strides, "strides", className());
        return self();
    }

    public L padding(String padding) {
        this.padding = Padding.check(padding, className());
        return self();
    }

    /** Only {@code "channels_last"}, Keras's default, is supported. */
    public L dataFormat(String dataFormat) {
        Padding.checkDataFormat(dataFormat, className());
        return self();
    }

    public int[] poolSize() {
        return poolSize.clone();
    }

    public int[] strides() {
        return strides == null ? poolSize.clone() : strides.clone();
    }

    public String padding() {
        return padding;
    }

    @Override
    public Shape outputShape(Shape input) {
        requireRank(input, 3);
        int[] s = strides();
        long h = Padding.outLength(input.dim(0), poolSize[0], s[0], 1, padding);
        long w = Padding.outLength(input.dim(1), poolSize[1], s[1], 1, padding);
        if (h == 0 || w == 0) {
            throw shapeError("pool size " + poolSize[0] + "x" + poolSize[1] + " does not fit input " + input);
        }
        return Shape.of(h, w, input.dim(2));
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        NativePooling pooling = new NativePooling(new SubsamplingLayer.Builder(type)
                .kernelSize(poolSize)
                .stride(strides())
                .convolutionMode(Padding.mode(padding))
                .avgPoolIncludePadInDivisor(false)
                .dataFormat(CNN2DFormat.NHWC)
                .name(name()));
        pooling.setReluAfter(type == PoolingType.MAX && t.takeConvRelu());
        t.add(pooling);
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        int[] s = strides();
        c.put("pool_size", java.util.List.of(poolSize[0], poolSize[1]));
        c.put("padding", padding);
        c.put("strides", java.util.List.of(s[0], s[1]));
        c.put("data_format", "channels_last");
    }

    /** Reads pool_size, strides and padding (Keras 1: border_mode) into a new layer. */
    static <P extends Pooling2D<P>> P fromConfig(LayerConfig c, java.util.function.Function<int[], P> create) {
        P p = create.apply(c.optInts(new int[] {2, 2}, 2, "pool_size"));
        if (c.get("strides") != null) {
            p.strides(c.getInts(2, "strides"));
        }
        Padding.readDataFormat(c);
        return p.padding(c.optString("valid", "padding", "border_mode"));
    }
}

package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import io.kerasish.internal.NativeConv;
import io.kerasish.internal.Translation;
import io.kerasish.internal.Weight;
import io.kerasish.internal.WeightConversions;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * Keras's {@code Conv2D(filters, kernel_size)} on channels-last images {@code (height, width, channels)}.
 * Defaults as in Keras: strides 1, padding "valid", no dilation, linear activation, glorot_uniform kernel.
 * The kernel has Keras's shape {@code (kh, kw, in_channels, filters)}.
 */
public class Conv2D extends KernelLayer<Conv2D> {
    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private int[] dilationRate = {1, 1};
    private String padding = "valid";

    public Conv2D(int filters, int... kernelSize) {
        super("linear");
        if (filters < 1) {
            throw new InvalidConfigException("Conv2D: filters must be >= 1, got " + filters);
        }
        this.filters = filters;
        this.kernelSize = Padding.pair(kernelSize, "kernel_size", "Conv2D");
    }

    public Conv2D strides(int... strides) {
        this.strides = Padding.pair(strides, "strides", "Conv2D");
        return this;
    }

    public Conv2D padding(String padding) {
        this.padding = Padding.check(padding, "Conv2D");
        return this;
    }

    public Conv2D dilationRate(int... rate) {
        this.dilationRate = Padding.pair(rate, "dilation_rate", "Conv2D");
        return this;
    }

    /** Only {@code "channels_last"}, Keras's default, is supported. */
    public Conv2D dataFormat(String dataFormat) {
        Padding.checkDataFormat(dataFormat, "Conv2D");
        return this;
    }

    public int filters() {
        return filters;
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public String padding() {
        return padding;
    }

    public int[] dilationRate() {
        return dilationRate.clone();
    }

    @Override
    public Shape outputShape(Shape input) {
        requireRank(input, 3);
        long h = Padding.outLength(input.dim(0), kernelSize[0], strides[0], dilationRate[0], padding);
        long w = Padding.outLength(input.dim(1), kernelSize[1], strides[1], dilationRate[1], padding);
        if (h == 0 || w == 0) {
            throw shapeError("a " + kernelSize[0] + "x" + kernelSize[1] + " kernel with padding \"valid\" does not fit "
                    + "input " + input + "; use padding(\"same\") or a smaller kernel");
        }
        return Shape.of(h, w, filters);
    }

    @Override
    protected String rankHint() {
        return "Conv2D takes images (batch, height, width, channels): for grayscale add a channels axis of 1, "
                + "e.g. inputShape(28, 28, 1).";
    }

    @Override
    protected List<Weight> weights(Shape input) {
        List<Weight> w = new ArrayList<>();
        w.add(new Weight("kernel", new long[] {kernelSize[0], kernelSize[1], input.dim(2), filters}, true, "W",
                WeightConversions.CONV2D_KERNEL, kernelInitializer()));
        if (useBias()) {
            w.add(new Weight("bias", new long[] {filters}, true, "b", WeightConversions.SAME_ORDER,
                    biasInitializer()));
        }
        return w;
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(kernelSize)
                .stride(strides)
                .dilation(dilationRate)
                .convolutionMode(Padding.mode(padding))
                .dataFormat(CNN2DFormat.NHWC)
                .nIn(input.dim(2))
                .nOut(filters)
                .hasBias(useBias());
        configure(b);
        t.add(new NativeConv(b.name(name())));
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("filters", filters);
        c.put("kernel_size", java.util.List.of(kernelSize[0], kernelSize[1]));
        c.put("strides", java.util.List.of(strides[0], strides[1]));
        c.put("padding", padding);
        c.put("data_format", "channels_last");
        c.put("dilation_rate", java.util.List.of(dilationRate[0], dilationRate[1]));
        c.put("groups", 1);
        addKernelConfig(c);
    }

    /** Keras 2's {@code Conv2D} config, or Keras 1's {@code Convolution2D} ({@code nb_filter}, {@code nb_row}, ...). */
    public static Conv2D fromConfig(LayerConfig c) {
        int[] kernel = c.has("kernel_size") ? c.getInts(2, "kernel_size")
                : new int[] {c.getInt("nb_row"), c.getInt("nb_col")};
        Conv2D conv = new Conv2D(c.getInt("filters", "nb_filter"), kernel)
                .strides(c.optInts(new int[] {1, 1}, 2, "strides", "subsample"))
                .padding(c.optString("valid", "padding", "border_mode"))
                .dilationRate(c.optInts(new int[] {1, 1}, 2, "dilation_rate", "atrous_rate"));
        c.unsupported(1, "grouped convolutions", "groups");
        Padding.readDataFormat(c);
        return conv.readKernelConfig(c);
    }
}

package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import io.kerasish.internal.NativeDense;
import io.kerasish.internal.NativeOutput;
import io.kerasish.internal.Translation;
import io.kerasish.internal.Weight;
import io.kerasish.internal.WeightConversions;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;

/**
 * Keras's {@code Dense(units)}: {@code activation(dot(x, kernel) + bias)}, linear unless told otherwise. On
 * sequences {@code (timesteps, features)} it applies to each time step, as in Keras.
 */
public class Dense extends KernelLayer<Dense> {
    private final int units;

    public Dense(int units) {
        super("linear");
        if (units < 1) {
            throw new InvalidConfigException("Dense: units must be >= 1, got " + units);
        }
        this.units = units;
    }

    public int units() {
        return units;
    }

    /** Keras's {@code supports_masking}: per time step, the mask passes through. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Shape outputShape(Shape input) {
        requireRank(input, 1, 2);
        if (input.dim(-1) == Shape.NONE) {
            throw shapeError("the last dimension of its input must be known, got " + input);
        }
        long[] d = input.dims();
        d[d.length - 1] = units;
        return Shape.of(d);
    }

    @Override
    protected String rankHint() {
        return "Dense takes (batch, features) or (batch, timesteps, features): add Flatten() before it.";
    }

    @Override
    protected List<Weight> weights(Shape input) {
        List<Weight> w = new ArrayList<>();
        w.add(new Weight("kernel", new long[] {input.dim(-1), units}, true, "W", WeightConversions.SAME_ORDER,
                kernelInitializer()));
        if (useBias()) {
            w.add(new Weight("bias", new long[] {units}, true, "b", WeightConversions.SAME_ORDER,
                    biasInitializer()));
        }
        return w;
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        boolean sequence = input.rank() == 2;
        BaseLayer.Builder<?> b;
        if (t.isOutput()) {
            b = sequence
                    ? new RnnOutputLayer.Builder(t.loss()).dataFormat(RNNFormat.NWC).hasBias(useBias())
                    : new OutputLayer.Builder(t.loss()).hasBias(useBias());
        } else {
            b = new DenseLayer.Builder().hasBias(useBias());
            if (sequence) {
                t.preprocess(new RnnToFeedForwardPreProcessor(RNNFormat.NWC));
            }
        }
        ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer.Builder<?>) b).nIn(input.dim(-1)).nOut(units);
        configure(b);
        org.deeplearning4j.nn.conf.layers.Layer built = b.name(name()).build();
        t.add(built instanceof DenseLayer hidden ? NativeDense.of(hidden)
                : built instanceof OutputLayer output && built.getClass() == OutputLayer.class ? NativeOutput.of(output)
                : built);
        if (sequence && !t.isOutput()) {
            t.preprocess(new FeedForwardToRnnPreProcessor(RNNFormat.NWC));
        }
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("units", units);
        addKernelConfig(c);
    }

    /** Keras 2's {@code Dense} config, or Keras 1's ({@code output_dim}, {@code init}, {@code W_regularizer}). */
    public static Dense fromConfig(LayerConfig c) {
        return new Dense(c.getInt("units", "output_dim")).readKernelConfig(c);
    }
}

package io.kerasish.layers;

import io.kerasish.internal.Weight;
import io.kerasish.internal.WeightConversions;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;

/** Keras's {@code SimpleRNN(units)}: {@code h_t = tanh(x_t . kernel + h_{t-1} . recurrent_kernel + bias)}. */
public class SimpleRNN extends RecurrentLayer<SimpleRNN> {
    public SimpleRNN(int units) {
        super(units);
    }

    @Override
    protected List<Weight> weights(Shape input) {
        List<Weight> w = new ArrayList<>();
        w.add(new Weight("kernel", new long[] {input.dim(1), units()}, true, "W", WeightConversions.SAME_ORDER,
                kernelInitializer()));
        w.add(new Weight("recurrent_kernel", new long[] {units(), units()}, true, "RW", WeightConversions.SAME_ORDER,
                recurrentInitializer()));
        if (useBias()) {
            w.add(new Weight("bias", new long[] {units()}, true, "b", WeightConversions.SAME_ORDER,
                    biasInitializer()));
        }
        return w;
    }

    @Override
    protected BaseRecurrentLayer.Builder<?> dl4jBuilder() {
        return new SimpleRnn.Builder().hasLayerNorm(false);
    }

    /** Keras 2's config, or Keras 1's ({@code output_dim}, {@code init}, {@code inner_init}). */
    public static SimpleRNN fromConfig(LayerConfig c) {
        return new SimpleRNN(c.getInt("units", "output_dim")).readRecurrentConfig(c);
    }
}

package io.kerasish.layers;

import io.kerasish.internal.Activations;
import io.kerasish.internal.Weight;
import io.kerasish.internal.WeightConversions;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;

/**
 * Keras's {@code LSTM(units)}, Keras 2 defaults: activation tanh, recurrent_activation sigmoid,
 * unit_forget_bias true (forget-gate bias starts at 1). Weights in Keras's layout and gate order (i, f, c, o):
 * kernel {@code (features, 4*units)}, recurrent_kernel {@code (units, 4*units)}, bias {@code (4*units)}.
 */
public class LSTM extends RecurrentLayer<LSTM> {
    private String recurrentActivation = "sigmoid";
    private boolean unitForgetBias = true;

    public LSTM(int units) {
        super(units);
    }

    public LSTM recurrentActivation(String name) {
        this.recurrentActivation = Activations.check(name);
        return this;
    }

    public String recurrentActivation() {
        return recurrentActivation;
    }

    public LSTM unitForgetBias(boolean unitForgetBias) {
        this.unitForgetBias = unitForgetBias;
        return this;
    }

    @Override
    public LSTM useBias(boolean useBias) {
        if (!useBias) {
            throw new io.kerasish.InvalidConfigException("LSTM: use_bias=false is not supported (DL4J's LSTM always has a bias)");
        }
        return this;
    }

    @Override
    protected List<Weight> weights(Shape input) {
        long u = units();
        return List.of(
                new Weight("kernel", new long[] {input.dim(1), 4 * u}, true, "W", WeightConversions.LSTM_GATES,
                        kernelInitializer()),
                new Weight("recurrent_kernel", new long[] {u, 4 * u}, true, "RW", WeightConversions.LSTM_GATES,
                        recurrentInitializer()),
                new Weight("bias", new long[] {4 * u}, true, "b", WeightConversions.LSTM_GATES));
    }

    @Override
    protected BaseRecurrentLayer.Builder<?> dl4jBuilder() {
        return new org.deeplearning4j.nn.conf.layers.LSTM.Builder()
                .gateActivationFunction(Activations.toDl4j(recurrentActivation))
                .forgetGateBiasInit(unitForgetBias ? 1.0 : 0.0);
    }
}

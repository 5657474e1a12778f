package io.kerasish.layers;

import io.kerasish.internal.Activations;
import io.kerasish.internal.NativeLstm;
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

    /** Only constants ({@code zeros}, {@code ones}, {@code constant}): DL4J sets the LSTM bias with its forget gate. */
    @Override
    public LSTM biasInitializer(io.kerasish.initializers.Initializer init) {
        io.kerasish.internal.Dl4jInit.requireConstant(init, "LSTM");
        return super.biasInitializer(init);
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

    /** The whole sequence in a few native calls each way ({@link io.kerasish.internal.NativeLstm}): 4-8x DL4J's. */
    @Override
    protected org.deeplearning4j.nn.conf.layers.Layer runsOn(org.deeplearning4j.nn.conf.layers.Layer built) {
        return built instanceof org.deeplearning4j.nn.conf.layers.LSTM lstm ? NativeLstm.of(lstm) : built;
    }

    @Override
    protected void addGateConfig(java.util.Map<String, Object> c) {
        c.put("recurrent_activation", recurrentActivation);
    }

    @Override
    protected void addBiasConfig(java.util.Map<String, Object> c) {
        c.put("unit_forget_bias", unitForgetBias);
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        super.addConfig(c);
        c.put("implementation", 2);
    }

    /**
     * Keras 2's config, or Keras 1's ({@code inner_activation}, whose default was hard_sigmoid, and
     * {@code forget_bias_init}: "one" is Keras 2's unit_forget_bias).
     */
    public static LSTM fromConfig(LayerConfig c) {
        LSTM lstm = new LSTM(c.getInt("units", "output_dim"));
        if (c.has("recurrent_activation", "inner_activation")) {
            lstm.recurrentActivation(c.optString("sigmoid", "recurrent_activation", "inner_activation"));
        }
        if (c.has("forget_bias_init")) {
            lstm.unitForgetBias("one".equals(c.optString("one", "forget_bias_init")));
        } else {
            lstm.unitForgetBias(c.optBool(true, "unit_forget_bias"));
        }
        return lstm.readRecurrentConfig(c);
    }
}

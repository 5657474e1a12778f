package io.kerasish.layers;

import io.kerasish.internal.Activations;
import io.kerasish.internal.Translation;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;

/** Keras's {@code Activation("relu")}: applies an activation function; no weights. */
public class Activation extends Layer<Activation> {
    private final String activation;

    public Activation(String activation) {
        this.activation = Activations.check(activation);
    }

    public String activation() {
        return activation;
    }

    @Override
    public String outputActivation() {
        return activation;
    }

    /** Keras's {@code supports_masking}: per time step, the mask passes through. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        if (t.isOutput() && input.rank() <= 2) {
            t.add(input.rank() == 2
                    ? new RnnLossLayer.Builder(t.loss()).dataFormat(RNNFormat.NWC)
                            .activation(Activations.toDl4j(activation)).name(name()).build()
                    : new LossLayer.Builder(t.loss()).activation(Activations.toDl4j(activation)).name(name()).build());
        } else {
            t.add(new ActivationLayer.Builder().activation(Activations.toDl4j(activation)).name(name()).build());
        }
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("activation", activation);
    }

    public static Activation fromConfig(LayerConfig c) {
        return new Activation(c.optString(null, "activation") == null ? missing(c) : c.optString(null, "activation"));
    }

    private static String missing(LayerConfig c) {
        throw c.error("activation", "missing; Keras writes it as a name, e.g. \"activation\": \"relu\"");
    }
}

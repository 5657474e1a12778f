package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import io.kerasish.internal.Translation;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/**
 * Keras's {@code Dropout(rate)}: during training, sets a fraction {@code rate} of its inputs to 0 and scales the
 * rest by {@code 1 / (1 - rate)}; does nothing at inference. (DL4J's own dropout argument is the probability of
 * <em>keeping</em> a value; the conversion happens here.)
 */
public class Dropout extends Layer<Dropout> {
    private final double rate;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidConfigException("Dropout: rate is the fraction of inputs to drop and must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    public double rate() {
        return rate;
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
        DropoutLayer.Builder b = new DropoutLayer.Builder(1.0 - rate);
        if (rate == 0) {
            b.dropOut(null);
        }
        t.add(b.name(name()).build());
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("rate", rate);
        c.put("noise_shape", null);
        c.put("seed", null);
    }

    /** Keras 2's {@code rate} or Keras 1's {@code p}. */
    public static Dropout fromConfig(LayerConfig c) {
        c.unsupported(null, "Dropout's noise_shape", "noise_shape");
        return new Dropout(c.getDouble("rate", "p"));
    }
}

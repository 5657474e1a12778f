package io.kerasish.optimizers;

import org.nd4j.linalg.learning.config.IUpdater;

/** Keras's {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}. */
public class Adam extends AdamFamily<Adam> {
    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        super(learningRate);
    }

    @Override
    protected void readConfig(java.util.Map<?, ?> c) {
        super.readConfig(c);
        if (Boolean.TRUE.equals(c.get("amsgrad"))) {
            throw new io.kerasish.InvalidConfigException("Adam: amsgrad=true is not supported");
        }
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        super.addConfig(c);
        c.put("amsgrad", false);
    }

    @Override
    protected IUpdater updater(double lr) {
        return new io.kerasish.internal.KerasAdam(lr, beta1(), beta2(), epsilon());
    }
}

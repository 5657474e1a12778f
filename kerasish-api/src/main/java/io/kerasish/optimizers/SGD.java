package io.kerasish.optimizers;

import io.kerasish.InvalidConfigException;
import io.kerasish.internal.KerasSgd;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Keras's {@code SGD(learning_rate=0.01, momentum=0.0, nesterov=False)}. With momentum:
 * {@code v = momentum * v - lr * g; w += v} (or {@code w += momentum * v - lr * g} with Nesterov), exactly as Keras.
 */
public class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;

    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        super(learningRate);
    }

    public SGD momentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidConfigException("SGD: momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected IUpdater updater(double lr) {
        return new KerasSgd(lr, momentum, nesterov);
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
    }

    @Override
    protected void readConfig(java.util.Map<?, ?> c) {
        momentum(number(c, 0, "momentum"));
        nesterov(Boolean.TRUE.equals(c.get("nesterov")));
    }
}

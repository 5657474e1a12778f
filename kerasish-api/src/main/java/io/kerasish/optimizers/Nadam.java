package io.kerasish.optimizers;

import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Keras's {@code Nadam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}: Adam with Nesterov momentum
 * and Keras's momentum schedule. (DL4J's Nadam follows another formula and diverged on a one-weight test.)
 */
public class Nadam extends AdamFamily<Nadam> {
    public Nadam() {
        this(0.001);
    }

    public Nadam(double learningRate) {
        super(learningRate);
    }

    @Override
    protected IUpdater updater(double lr) {
        return new io.kerasish.internal.KerasNadam(lr, beta1(), beta2(), epsilon());
    }
}

package io.kerasish.optimizers;

import org.nd4j.linalg.learning.config.IUpdater;

/** Keras's {@code Adamax(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}. */
public class Adamax extends AdamFamily<Adamax> {
    public Adamax() {
        this(0.001);
    }

    public Adamax(double learningRate) {
        super(learningRate);
    }

    @Override
    protected IUpdater updater(double lr) {
        return new org.nd4j.linalg.learning.config.AdaMax(lr, beta1(), beta2(), epsilon());
    }
}

package io.kerasish.optimizers;

import org.nd4j.linalg.learning.config.IUpdater;

/** Keras's {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}. */
public class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        super(learningRate);
    }

    public Adam beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    public Adam beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    public Adam epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected IUpdater updater(double lr) {
        return new org.nd4j.linalg.learning.config.Adam(lr, beta1, beta2, epsilon);
    }
}

package io.kerasish.optimizers;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/** Keras's {@code RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-7)}. */
public class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double epsilon = 1e-7;

    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        super(learningRate);
    }

    public RMSprop rho(double rho) {
        this.rho = rho;
        return this;
    }

    public RMSprop epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected IUpdater updater(double lr) {
        return new RmsProp(lr, rho, epsilon);
    }
}

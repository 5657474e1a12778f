package io.kerasish.optimizers;

import io.kerasish.internal.KerasAdadelta;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Keras's {@code Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-7)}. (DL4J's AdaDelta has no learning rate;
 * Keras scales the Adadelta step by it, and so does this class. Keras 1 used 1.0: pass it to get that.)
 */
public class Adadelta extends Optimizer {
    private double rho = 0.95;
    private double epsilon = 1e-7;

    public Adadelta() {
        this(0.001);
    }

    public Adadelta(double learningRate) {
        super(learningRate);
    }

    public Adadelta rho(double rho) {
        this.rho = rho;
        return this;
    }

    public Adadelta epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected IUpdater updater(double lr) {
        return new KerasAdadelta(lr, rho, epsilon);
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("rho", rho);
        c.put("epsilon", epsilon);
    }

    @Override
    protected void readConfig(java.util.Map<?, ?> c) {
        rho(number(c, 0.95, "rho"));
        epsilon(number(c, 1e-7, "epsilon"));
    }
}

package io.kerasish.optimizers;

import io.kerasish.internal.KerasAdagrad;
import org.nd4j.linalg.learning.config.IUpdater;

/** Keras's {@code Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)}. */
public class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        super(learningRate);
    }

    public Adagrad initialAccumulatorValue(double v) {
        this.initialAccumulatorValue = v;
        return this;
    }

    public Adagrad epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected IUpdater updater(double lr) {
        return new KerasAdagrad(lr, initialAccumulatorValue, epsilon);
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
    }

    @Override
    protected void readConfig(java.util.Map<?, ?> c) {
        initialAccumulatorValue(number(c, 0.1, "initial_accumulator_value"));
        epsilon(number(c, 1e-7, "epsilon"));
    }
}

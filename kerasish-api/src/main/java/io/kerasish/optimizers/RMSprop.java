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

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("rho", rho);
        c.put("momentum", 0.0);
        c.put("epsilon", epsilon);
        c.put("centered", false);
    }

    @Override
    protected void readConfig(java.util.Map<?, ?> c) {
        rho(number(c, 0.9, "rho"));
        epsilon(number(c, 1e-7, "epsilon"));
        if (number(c, 0, "momentum") != 0 || Boolean.TRUE.equals(c.get("centered"))) {
            throw new io.kerasish.InvalidConfigException("RMSprop: momentum and centered=true are not supported");
        }
    }
}

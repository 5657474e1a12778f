package io.kerasish.optimizers;

import java.util.Map;

/**
 * What Adam, Adamax and Nadam share: {@code beta_1} (default 0.9), {@code beta_2} (0.999) and {@code epsilon}
 * (1e-7), Keras's defaults.
 *
 * @param <O> the concrete optimizer, returned by the fluent setters
 */
public abstract class AdamFamily<O extends AdamFamily<O>> extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    protected AdamFamily(double learningRate) {
        super(learningRate);
    }

    @SuppressWarnings("unchecked")
    private O self() {
        return (O) this;
    }

    public O beta1(double beta1) {
        this.beta1 = checkFraction(beta1, "beta_1");
        return self();
    }

    public O beta2(double beta2) {
        this.beta2 = checkFraction(beta2, "beta_2");
        return self();
    }

    public O epsilon(double epsilon) {
        this.epsilon = epsilon;
        return self();
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
    }

    @Override
    protected void readConfig(Map<?, ?> c) {
        beta1(number(c, beta1, "beta_1"));
        beta2(number(c, beta2, "beta_2"));
        epsilon(number(c, epsilon, "epsilon"));
    }

    private double checkFraction(double v, String what) {
        if (!(v >= 0 && v < 1)) {
            throw new io.kerasish.InvalidConfigException(name() + ": " + what + " must be in [0, 1), got " + v);
        }
        return v;
    }
}

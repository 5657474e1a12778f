package io.kerasish.optimizers;

import io.kerasish.InvalidConfigException;
import io.kerasish.internal.FunctionSchedule;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A Keras optimizer. Every optimizer has a {@code learning_rate}, Keras 2's {@code decay}
 * ({@code lr / (1 + decay * step)}) and accepts a {@link LearningRateSchedule} instead of a fixed rate.
 * Make one with {@code new Adam(0.01)} or by name with {@link Optimizers#get(String)}.
 */
public abstract class Optimizer {
    private double learningRate;
    private double decay;
    private LearningRateSchedule schedule;

    protected Optimizer(double learningRate) {
        learningRate(learningRate);
    }

    /** Keras's class name, e.g. {@code "Adam"}. */
    public String name() {
        return getClass().getSimpleName();
    }

    public Optimizer learningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidConfigException(name() + ": learning_rate must be > 0, got " + lr);
        }
        this.learningRate = lr;
        return this;
    }

    public double learningRate() {
        return learningRate;
    }

    /** Keras 2's {@code decay}: the rate at step t is {@code learning_rate / (1 + decay * t)}. */
    public Optimizer decay(double decay) {
        if (!(decay >= 0)) {
            throw new InvalidConfigException(name() + ": decay must be >= 0, got " + decay);
        }
        this.decay = decay;
        return this;
    }

    public double decay() {
        return decay;
    }

    /** Replaces the fixed learning rate by a schedule of the step. */
    public Optimizer schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /** The DL4J schedule for the learning rate, or null when it is constant. */
    protected ISchedule dl4jSchedule() {
        if (schedule != null) {
            return new FunctionSchedule(schedule);
        }
        if (decay > 0) {
            return new InverseSchedule(ScheduleType.ITERATION, learningRate, decay, 1.0);
        }
        return null;
    }

    /** The DL4J updater with this optimizer's settings; for the model, not for users. */
    public final IUpdater toDl4j() {
        IUpdater u = updater(learningRate);
        ISchedule s = dl4jSchedule();
        if (s != null) {
            u.setLrAndSchedule(Double.NaN, s);
        }
        return u;
    }

    /** The DL4J updater for a constant learning rate. */
    protected abstract IUpdater updater(double lr);

    @Override
    public String toString() {
        return name() + "(learning_rate=" + learningRate + (decay > 0 ? ", decay=" + decay : "") + ")";
    }

    // ---------------------------------------------------------------- Keras config

    /**
     * Keras's {@code get_config()} as tf.keras 2 writes it in a model file's training_config:
     * {@code {"name": "Adam", "learning_rate": 0.001, "decay": 0.0, "beta_1": 0.9, ...}}. A schedule cannot be
     * written; the fixed learning rate is.
     */
    public final java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", name());
        c.put("learning_rate", learningRate);
        c.put("decay", decay);
        addConfig(c);
        return c;
    }

    /** Adds this optimizer's own arguments to its config. */
    protected abstract void addConfig(java.util.Map<String, Object> config);

    /** Reads this optimizer's own arguments from a Keras config. */
    protected abstract void readConfig(java.util.Map<?, ?> config);

    /** Reads the learning rate (Keras 2.0-2.3 and Keras 1: {@code lr}) and decay, then the optimizer's own keys. */
    final Optimizer readFullConfig(java.util.Map<?, ?> config) {
        Object lr = config.containsKey("learning_rate") ? config.get("learning_rate") : config.get("lr");
        if (lr instanceof java.util.Map) {
            throw new InvalidConfigException(name() + ": a learning-rate schedule in the config is not supported; "
                    + "load the model with compile disabled and compile it with a LearningRateSchedule");
        }
        learningRate(number(config, learningRate, "learning_rate", "lr"));
        decay(number(config, 0, "decay"));
        readConfig(config);
        return this;
    }

    /** A number from a config, or the default when absent or null. */
    protected final double number(java.util.Map<?, ?> config, double defaultValue, String... keys) {
        for (String k : keys) {
            Object v = config.get(k);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v != null) {
                throw new InvalidConfigException(name() + ": config field '" + k + "' must be a number, found " + v);
            }
        }
        return defaultValue;
    }
}

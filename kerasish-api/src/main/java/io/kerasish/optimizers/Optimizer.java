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
}

package io.kerasish.callbacks;

import io.kerasish.io.config.ConfigJson;
import java.util.Map;

/**
 * Keras's {@code LearningRateScheduler(schedule)}: at the start of each epoch, sets the learning rate to
 * {@code schedule.apply(epoch, currentRate)} (epoch 0-based), and adds {@code lr} to the epoch logs.
 *
 * <pre>{@code
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))
 * }</pre>
 */
public class LearningRateScheduler implements Callback {
    /** Keras's schedule function: (epoch, current learning rate) to the new rate. */
    @FunctionalInterface
    public interface Schedule {
        double apply(int epoch, double lr);
    }

    private final Schedule schedule;
    private int verbose;
    private io.kerasish.models.Model model;

    public LearningRateScheduler(Schedule schedule) {
        this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
    }

    public LearningRateScheduler verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    @Override
    public void setModel(io.kerasish.models.Model model) {
        this.model = model;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        double lr = schedule.apply(epoch, model.learningRate());
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new io.kerasish.InvalidConfigException("LearningRateScheduler: the schedule returned " + lr
                    + " for epoch " + epoch + "; learning rates must be positive numbers");
        }
        model.setLearningRate(lr);
        if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to "
                    + ConfigJson.pythonFloat(lr) + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("lr", model.learningRate());
    }
}

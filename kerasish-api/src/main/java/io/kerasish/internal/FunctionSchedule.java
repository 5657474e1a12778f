package io.kerasish.internal;

import io.kerasish.optimizers.LearningRateSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/** A user's {@link LearningRateSchedule} as a DL4J schedule over iterations (Keras's steps). */
public final class FunctionSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;
    private final LearningRateSchedule schedule;

    public FunctionSchedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return schedule.at(iteration);
    }

    @Override
    public ISchedule clone() {
        return this; // immutable
    }
}

package io.kerasish.optimizers;

import java.io.Serializable;

/**
 * A learning rate as a function of the training step (batch count since training began), as Keras's
 * {@code keras.optimizers.schedules.LearningRateSchedule}. Pass one to an optimizer's {@code schedule(...)}.
 */
@FunctionalInterface
public interface LearningRateSchedule extends Serializable {
    double at(int step);

    /** Keras's {@code ExponentialDecay}: {@code lr * rate^(step / decaySteps)}, floored per interval if staircase. */
    static LearningRateSchedule exponentialDecay(double initial, int decaySteps, double decayRate, boolean staircase) {
        return step -> {
            double p = (double) step / decaySteps;
            return initial * Math.pow(decayRate, staircase ? Math.floor(p) : p);
        };
    }

    /** Keras's {@code InverseTimeDecay}: {@code lr / (1 + rate * step / decaySteps)}. */
    static LearningRateSchedule inverseTimeDecay(double initial, int decaySteps, double decayRate) {
        return step -> initial / (1 + decayRate * step / decaySteps);
    }
}

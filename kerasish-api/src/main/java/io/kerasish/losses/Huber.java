package io.kerasish.losses;

import io.kerasish.InvalidConfigException;
import io.kerasish.internal.KerasElementwiseLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code huber} (delta 1.0 by default): per value {@code 0.5 e^2} where {@code |e| <= delta}, else
 * {@code delta |e| - 0.5 delta^2}, averaged over the last axis.
 */
public class Huber extends Loss {
    private final double delta;

    public Huber() {
        this(1.0);
    }

    public Huber(double delta) {
        if (!(delta > 0)) {
            throw new InvalidConfigException("Huber: delta must be > 0, got " + delta);
        }
        this.delta = delta;
    }

    public double delta() {
        return delta;
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public ILossFunction toDl4j(long nOut) {
        return KerasElementwiseLoss.huber(delta);
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        return meanPerExample(KerasElementwiseLoss.huber(delta).elementLoss(f32(yTrue), f32(yPred)));
    }
}

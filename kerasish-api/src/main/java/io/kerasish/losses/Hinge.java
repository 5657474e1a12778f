package io.kerasish.losses;

import io.kerasish.internal.KerasElementwiseLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's {@code hinge}: {@code mean(max(1 - y p, 0))} over the last axis. Labels are -1/1; labels given as 0/1
 * are converted to -1/1, as Keras does.
 */
public class Hinge extends Loss {
    @Override
    public String name() {
        return "hinge";
    }

    @Override
    public ILossFunction toDl4j(long nOut) {
        return KerasElementwiseLoss.hinge();
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        return meanPerExample(KerasElementwiseLoss.hinge().elementLoss(f32(yTrue), f32(yPred)));
    }
}

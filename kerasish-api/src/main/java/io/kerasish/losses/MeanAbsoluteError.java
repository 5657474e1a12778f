package io.kerasish.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Keras's {@code mean_absolute_error} ({@code mae}): {@code mean(|y - p|)} over the last axis. */
public class MeanAbsoluteError extends Loss {
    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    public ILossFunction toDl4j(long nOut) {
        return new LossMAE();
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        return meanPerExample(Transforms.abs(f32(yPred).sub(f32(yTrue)), false));
    }
}

package io.kerasish.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** Keras's {@code mean_squared_error} ({@code mse}): {@code mean((y - p)^2)} over the last axis. */
public class MeanSquaredError extends Loss {
    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public ILossFunction toDl4j(long nOut) {
        return new LossMSE();
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray d = f32(yPred).sub(f32(yTrue));
        return meanPerExample(d.muli(d));
    }
}

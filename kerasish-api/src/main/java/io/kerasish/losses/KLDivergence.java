package io.kerasish.losses;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Keras's {@code kl_divergence}: {@code sum(y log(y / p))} over the last axis, both clipped to [1e-7, 1]. */
public class KLDivergence extends Loss {
    @Override
    public String name() {
        return "kl_divergence";
    }

    @Override
    public ILossFunction toDl4j(long nOut) {
        return new LossKLD();
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray y = clip(f32(yTrue), EPSILON, 1);
        INDArray p = clip(f32(yPred), EPSILON, 1);
        return sumLastAxisPerExample(y.mul(Transforms.log(y.div(p), false)));
    }

    @Override
    protected Set<String> requiredActivations() {
        return Set.of("softmax", "sigmoid");
    }

    @Override
    protected String activationHint() {
        return "Use activation(\"softmax\") on the last layer so that outputs are a distribution.";
    }
}

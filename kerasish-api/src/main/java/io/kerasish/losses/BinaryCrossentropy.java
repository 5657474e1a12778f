package io.kerasish.losses;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code binary_crossentropy}: {@code -mean(y log p + (1 - y) log(1 - p))} over the last axis, for
 * sigmoid outputs with labels in [0, 1]. (DL4J sums over outputs; the per-output weights 1/n make it a mean.)
 */
public class BinaryCrossentropy extends Loss {
    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public ILossFunction toDl4j(long nOut) {
        return nOut == 1 ? new LossBinaryXENT() : new LossBinaryXENT(meanWeights(nOut));
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray p = clip(f32(yPred), EPSILON, 1 - EPSILON);
        INDArray y = f32(yTrue);
        INDArray l = y.mul(Transforms.log(p, true)).addi(y.rsub(1).muli(Transforms.log(p.rsub(1), false)));
        return meanPerExample(l.negi());
    }

    @Override
    protected Set<String> requiredActivations() {
        return Set.of("sigmoid");
    }

    @Override
    protected String activationHint() {
        return "Use activation(\"sigmoid\") on the last layer (one unit for two classes), or "
                + "categorical_crossentropy with a softmax for one-of-many classes.";
    }
}

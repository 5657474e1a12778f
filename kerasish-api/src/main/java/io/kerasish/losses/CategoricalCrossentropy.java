package io.kerasish.losses;

import io.kerasish.IncompatibleLossException;
import io.kerasish.layers.Shape;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Keras's {@code categorical_crossentropy}: {@code -sum(y log p)} over classes, for softmax outputs and one-hot labels. */
public class CategoricalCrossentropy extends Loss {
    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public ILossFunction toDl4j(long nOut) {
        return new LossMCXENT();
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray p = f32(yPred);
        p = p.div(p.sum(true, p.rank() - 1));
        p = clip(p, EPSILON, 1 - EPSILON);
        return sumLastAxisPerExample(f32(yTrue).mul(Transforms.log(p, false)).negi());
    }

    @Override
    protected Set<String> requiredActivations() {
        return Set.of("softmax");
    }

    @Override
    protected String activationHint() {
        return "Use activation(\"softmax\") on the last layer, or binary_crossentropy with a sigmoid for "
                + "independent yes/no outputs.";
    }

    @Override
    public void checkCompatible(String lastLayer, String activation, Shape output) {
        super.checkCompatible(lastLayer, activation, output);
        if (output.dim(-1) < 2) {
            throw new IncompatibleLossException("Loss '" + name() + "' needs at least 2 classes, but the last layer "
                    + lastLayer + " has 1 output (a softmax over one value is always 1). Use Dense(numClasses) or "
                    + "binary_crossentropy with a sigmoid.");
        }
    }
}

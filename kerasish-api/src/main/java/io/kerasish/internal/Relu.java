package io.kerasish.internal;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's "relu", forward and backward in Java for float32 arrays of up to 131,072 values ({@link JavaFloats}, where
 * its one core beats libnd4j's two); other arrays get DL4J's forward op and a backward pass of two vectorized ops (a
 * 0/1 step, then a multiply). DL4J's own backward op ({@code relu_bp}) calls a {@code std::function} per element:
 * 2.7 ms for 301,056 elements (one LeNet-5 batch after the first convolution) against 0.4-0.7 ms for the two ops,
 * measured on 2 cores. Same values: the gradient passes where the input is above 0 and is 0 elsewhere, 0 included,
 * as in TensorFlow.
 */
public class Relu extends ActivationReLU {
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return JavaFloats.relu(in) ? in : super.getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(gradient(in, epsilon, in), null);
    }

    /** Writes into {@code into} (which may be {@code in}) the gradient: {@code epsilon} where {@code in > 0}, else 0. */
    static INDArray gradient(INDArray in, INDArray epsilon, INDArray into) {
        if (JavaFloats.reluGradient(in, epsilon, into)) {
            return into;
        }
        Nd4j.exec(new Step(in, into, 0.0));
        return into.muli(epsilon);
    }
}

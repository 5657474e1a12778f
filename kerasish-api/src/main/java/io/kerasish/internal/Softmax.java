package io.kerasish.internal;

import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's "softmax": DL4J's, with the forward pass in Java for small float32 arrays ({@link JavaFloats#softmax}):
 * a classifier's [batch, classes] output, where libnd4j's op costs more in the call than in the work.
 */
public class Softmax extends ActivationSoftmax {
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return JavaFloats.softmax(in) ? in : super.getActivation(in, training);
    }
}

package io.kerasish.internal;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's Flatten and Reshape: a row-major reshape of each example to {@code targetShape}. DL4J holds images
 * channels-last as Keras does, so the values keep Keras's order: a Dense layer after Flatten sees features as in
 * Keras and loads Keras weights as they are. (DL4J's own CnnToFeedForwardPreProcessor flattens in channels-first
 * order, which is why it is not used.)
 */
public class KerasFlattenPreProcessor implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private long[] targetShape;
    private long[] inputShape;

    /** For DL4J's JSON (de)serialization. */
    public KerasFlattenPreProcessor() {
    }

    /** @param inputShape example shape in, {@code targetShape} example shape out (both without batch) */
    public KerasFlattenPreProcessor(long[] inputShape, long[] targetShape) {
        this.inputShape = inputShape.clone();
        this.targetShape = targetShape.clone();
    }

    public long[] getTargetShape() {
        return targetShape;
    }

    public void setTargetShape(long[] targetShape) {
        this.targetShape = targetShape;
    }

    public long[] getInputShape() {
        return inputShape;
    }

    public void setInputShape(long[] inputShape) {
        this.inputShape = inputShape;
    }

    private static long[] batch(long mb, long[] shape) {
        long[] r = new long[shape.length + 1];
        r[0] = mb;
        System.arraycopy(shape, 0, r, 1, shape.length);
        return r;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        return mgr.leverageTo(ArrayType.ACTIVATIONS, input.reshape('c', batch(input.size(0), targetShape)));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        if (output == null) { // a first layer that skipped its input gradient (UnusedInputGradient)
            return null;
        }
        return mgr.leverageTo(ArrayType.ACTIVATION_GRAD, output.reshape('c', batch(output.size(0), inputShape)));
    }

    @Override
    public InputPreProcessor clone() {
        return new KerasFlattenPreProcessor(inputShape, targetShape);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return switch (targetShape.length) {
            case 1 -> InputType.feedForward(targetShape[0]);
            case 2 -> InputType.recurrent(targetShape[1], targetShape[0], org.deeplearning4j.nn.conf.RNNFormat.NWC);
            case 3 -> InputType.convolutional(targetShape[0], targetShape[1], targetShape[2],
                    org.deeplearning4j.nn.conf.CNN2DFormat.NHWC);
            default -> throw new IllegalStateException("no DL4J input type of rank " + targetShape.length);
        };
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasFlattenPreProcessor p && Arrays.equals(targetShape, p.targetShape)
                && Arrays.equals(inputShape, p.inputShape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(targetShape) + Arrays.hashCode(inputShape);
    }
}

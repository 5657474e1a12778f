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
 * Images from Keras's channels-last layout to DL4J's channels-first, once, before the first layer that needs it.
 * kerasish runs image layers in NCHW because DL4J M2.1's oneDNN convolution helper fails in NHWC (crash or NaN
 * loss) while NCHW with the helper is about 10x faster than NHWC without it.
 */
public class PermutePreProcessor implements InputPreProcessor {
    private static final long serialVersionUID = 1L;
    /** NHWC to NCHW. */
    public static final int[] TO_CHANNELS_FIRST = {0, 3, 1, 2};
    /** NCHW to NHWC. */
    public static final int[] TO_CHANNELS_LAST = {0, 2, 3, 1};

    private int[] permutation;

    public PermutePreProcessor() {
    }

    public PermutePreProcessor(int[] permutation) {
        this.permutation = permutation.clone();
    }

    public int[] getPermutation() {
        return permutation;
    }

    public void setPermutation(int[] permutation) {
        this.permutation = permutation;
    }

    static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return inv;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        return mgr.dup(ArrayType.ACTIVATIONS, input.permute(permutation), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        if (output == null) { // a first layer that skipped its input gradient (UnusedInputGradient)
            return null;
        }
        return mgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(inverse(permutation)), 'c');
    }

    @Override
    public InputPreProcessor clone() {
        return new PermutePreProcessor(permutation);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return inputType;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PermutePreProcessor p && Arrays.equals(permutation, p.permutation);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(permutation);
    }
}

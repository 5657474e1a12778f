package io.kerasish.internal;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Embedding(mask_zero=True)} on DL4J. Keras skips masked steps: a recurrent layer keeps its state
 * through them and many-to-one returns the state after the last real step. DL4J 1.0.0-M2.1 does not quite (measured
 * in MaskingTest): given a features mask, its LSTM resets the state to zero at masked steps, which equals Keras for
 * padding before or after the real steps but not for masked steps between them; its LastTimeStep throws on a row
 * that is all padding; and a (batch, steps) mask passed through its layers failed after a Dense per time step
 * ("Mismatched shapes"). So each row's real steps are moved to the front, in order, before DL4J sees them
 * ({@code [0, 0, 5, 0, 7]} becomes {@code [5, 7, 0, 0, 0]} with mask {@code [1, 1, 0, 0, 0]}), and only the
 * many-to-one wrapper ({@link MaskedLastStep}) gets the mask, to pick the last real step. The recurrent layers meet
 * the real steps first, from their zero initial state, exactly as Keras's masked loop does, and what follows them
 * is never read. This holds because only layers that work per time step (Dense, Dropout, Activation) may stand
 * between the Embedding and the recurrent layer, which the model checks.
 */
public final class ZeroMask {
    private ZeroMask() {
    }

    /** {ids with each row's non-zero ids moved to the front, the mask (1 for those, 0 after)}; both (batch, steps). */
    public static INDArray[] compact(INDArray ids) {
        int n = (int) ids.size(0);
        int steps = (int) ids.size(1);
        float[] in = ids.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[in.length];
        float[] mask = new float[in.length];
        for (int r = 0; r < n; r++) {
            int k = r * steps;
            for (int t = 0; t < steps; t++) {
                float v = in[r * steps + t];
                if (v != 0) {
                    out[k] = v;
                    mask[k++] = 1;
                }
            }
        }
        return new INDArray[] {Nd4j.createFromArray(out).reshape('c', n, steps),
                Nd4j.createFromArray(mask).reshape('c', n, steps)};
    }

    /** One training step on a batch of ids (batch, steps). */
    public static void fit(MultiLayerNetwork net, INDArray ids, INDArray labels) {
        INDArray[] c = compact(ids);
        MaskedLastStep.Impl last = lastStep(net);
        last.useMask(c[1]);
        try {
            net.fit(c[0], labels);
        } finally {
            last.useMask(null);
        }
    }

    /** The network's output for ids (batch, steps), at inference. */
    public static INDArray output(MultiLayerNetwork net, INDArray ids) {
        INDArray[] c = compact(ids);
        MaskedLastStep.Impl last = lastStep(net);
        last.useMask(c[1]);
        try {
            return net.output(c[0], false);
        } finally {
            last.useMask(null);
        }
    }

    /** The layer that reads the mask: the first many-to-one recurrent layer (possibly frozen). */
    private static MaskedLastStep.Impl lastStep(MultiLayerNetwork net) {
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            while (true) {
                if (l instanceof MaskedLastStep.Impl m) {
                    return m;
                }
                if (!(l instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w)) {
                    break;
                }
                l = w.getUnderlying();
            }
        }
        throw new IllegalStateException("no masked recurrent layer in " + net.getLayerWiseConfigurations());
    }
}

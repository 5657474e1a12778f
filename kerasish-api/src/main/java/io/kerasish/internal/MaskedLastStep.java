package io.kerasish.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.common.primitives.Pair;

/**
 * DL4J's {@link LastTimeStep} for a masked recurrent layer, with Keras's answer for a sequence that is all padding:
 * the initial state, zeros. DL4J's own wrapper picks the output at the last unmasked step (what Keras returns when
 * the padding comes after the real steps, see {@link ZeroMask}) but throws on a row whose mask is all 0.
 */
public class MaskedLastStep extends LastTimeStep {
    public MaskedLastStep(org.deeplearning4j.nn.conf.layers.Layer underlying) {
        super(underlying);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray params, boolean initialize, DataType dataType) {
        LastTimeStepLayer plain = (LastTimeStepLayer) super.instantiate(conf, listeners, index, params, initialize, dataType);
        return new Impl(plain.getUnderlying());
    }

    /**
     * The layer. Its mask comes from {@link #useMask} rather than through DL4J's chain of layers (whose Dropout
     * and Activation layers fail on a (batch, steps) mask for 3-d activations); rows without any real step get
     * step 0 unmasked for DL4J, then a zero output and no gradient.
     */
    static final class Impl extends LastTimeStepLayer {
        private INDArray mask; // (batch, steps), set for one batch by ZeroMask
        private INDArray keep; // (batch, 1): 0 for rows that are all padding; null when every row has a real step

        Impl(Layer underlying) {
            super(underlying);
        }

        /** The mask for the next forward and backward pass, or null afterwards. */
        void useMask(INDArray batchMask) {
            this.mask = batchMask;
            setMaskArray(batchMask);
        }

        @Override
        public void setMaskArray(INDArray ignored) {
            INDArray mask = this.mask;
            keep = null;
            if (mask != null && mask.rank() == 2) {
                INDArray any = mask.max(1).reshape(mask.size(0), 1).castTo(mask.dataType());
                if (any.minNumber().doubleValue() == 0) {
                    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                        keep = any.dup();
                        INDArray fixed = mask.dup();
                        fixed.getColumn(0).assign(fixed.getColumn(0).add(keep.rsub(1).reshape(mask.size(0))));
                        mask = fixed;
                    }
                }
            }
            super.setMaskArray(mask);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            return zeroEmpty(super.activate(training, mgr));
        }

        @Override
        public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr mgr) {
            return zeroEmpty(super.activate(input, training, mgr));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            return super.backpropGradient(keep == null ? epsilon : epsilon.mulColumnVector(keep.castTo(epsilon.dataType())), mgr);
        }

        private INDArray zeroEmpty(INDArray out) {
            return keep == null ? out : out.muliColumnVector(keep.castTo(out.dataType()));
        }
    }
}

package io.kerasish.internal;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J losses for the Keras losses DL4J lacks or computes differently (hinge with 0/1 labels and a mean over
 * outputs; Huber): a per-value loss and its derivative, averaged over the outputs as Keras does.
 */
public abstract class KerasElementwiseLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    /** Loss of each value. */
    public abstract INDArray elementLoss(INDArray labels, INDArray output);

    /** Derivative of {@link #elementLoss} with respect to the output. */
    protected abstract INDArray elementGradient(INDArray labels, INDArray output);

    public static KerasElementwiseLoss hinge() {
        return new Hinge();
    }

    public static KerasElementwiseLoss huber(double delta) {
        return new Huber(delta);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray out = fn.getActivation(preOutput.dup(), true);
        INDArray l = elementLoss(labels, out);
        if (mask != null) {
            LossUtil.applyMask(l, mask);
        }
        return l.mean(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
        double sum = computeScoreArray(labels, preOutput, fn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray out = fn.getActivation(preOutput.dup(), true);
        INDArray dOut = elementGradient(labels, out).divi(labels.size(1));
        if (mask != null) {
            LossUtil.applyMask(dOut, mask);
        }
        return fn.backprop(preOutput.dup(), dOut).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation fn,
            INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, fn, mask, average),
                computeGradient(labels, preOutput, fn, mask));
    }

    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    /** Keras's hinge; labels that are all 0/1 become -1/1. */
    static final class Hinge extends KerasElementwiseLoss {
        private static final long serialVersionUID = 1L;

        private static INDArray signed(INDArray y) {
            boolean binary = BooleanIndexing.and(y.mul(y.rsub(1)), Conditions.equals(0)); // every value 0 or 1
            return binary ? y.mul(2).subi(1) : y;
        }

        @Override
        public INDArray elementLoss(INDArray labels, INDArray output) {
            return Transforms.max(signed(labels).muli(output).rsubi(1), 0, false);
        }

        @Override
        protected INDArray elementGradient(INDArray labels, INDArray output) {
            INDArray y = signed(labels);
            INDArray active = y.mul(output).rsubi(1).gt(0).castTo(output.dataType());
            return y.negi().muli(active);
        }
    }

    /** Keras's Huber loss with threshold {@code delta}. */
    static final class Huber extends KerasElementwiseLoss {
        private static final long serialVersionUID = 1L;
        private final double delta;

        Huber(double delta) {
            this.delta = delta;
        }

        @Override
        public INDArray elementLoss(INDArray labels, INDArray output) {
            INDArray e = output.sub(labels);
            INDArray abs = Transforms.abs(e, true);
            INDArray small = abs.lte(delta).castTo(e.dataType());
            INDArray quadratic = e.mul(e).muli(0.5);
            INDArray linear = abs.mul(delta).subi(0.5 * delta * delta);
            return quadratic.muli(small).addi(linear.muli(small.rsub(1)));
        }

        @Override
        protected INDArray elementGradient(INDArray labels, INDArray output) {
            INDArray e = output.sub(labels);
            return Transforms.min(Transforms.max(e, -delta, false), delta, false);
        }
    }
}

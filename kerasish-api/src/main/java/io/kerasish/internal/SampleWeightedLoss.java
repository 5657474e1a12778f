package io.kerasish.internal;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Keras's sample weights (and so {@code class_weight}): each example's loss and gradient times its weight, the
 * batch loss {@code sum(w * loss) / N}. DL4J has no such input: its labels mask is also multiplied into the
 * output layer's pre-activations, which is right for 0/1 masks only. The fit loop sets the weights of the
 * batch before each step and clears them after; with none set this is the wrapped loss unchanged (for a softmax
 * classifier's categorical crossentropy computed in Java, {@link SoftmaxCrossentropy}).
 */
public final class SampleWeightedLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;
    private final ILossFunction inner;
    private transient INDArray weights;

    public SampleWeightedLoss(ILossFunction inner) {
        this.inner = inner;
    }

    public ILossFunction inner() {
        return inner;
    }

    /** A column of one weight per example of the next batch, or null for none. */
    public void setWeights(INDArray weights) {
        this.weights = weights == null ? null : weights.reshape(weights.length(), 1);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        INDArray s = inner.computeScoreArray(labels, preOutput, fn, mask);
        return weights == null ? s : s.reshape(s.length(), 1).mul(weights);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask, boolean average) {
        if (weights == null) {
            if (SoftmaxCrossentropy.applies(inner, labels, preOutput, fn, mask)) {
                return SoftmaxCrossentropy.score((org.nd4j.linalg.lossfunctions.impl.LossMCXENT) inner, labels,
                        preOutput, average);
            }
            return inner.computeScore(labels, preOutput, fn, mask, average);
        }
        double sum = computeScoreArray(labels, preOutput, fn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation fn, INDArray mask) {
        if (weights == null && SoftmaxCrossentropy.applies(inner, labels, preOutput, fn, mask)) {
            return SoftmaxCrossentropy.gradient(labels, preOutput);
        }
        INDArray g = inner.computeGradient(labels, preOutput, fn, mask);
        return weights == null ? g : g.muliColumnVector(weights.castTo(g.dataType()));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation fn,
            INDArray mask, boolean average) {
        if (weights == null) {
            return inner.computeGradientAndScore(labels, preOutput, fn, mask, average);
        }
        return new Pair<>(computeScore(labels, preOutput, fn, mask, average), computeGradient(labels, preOutput, fn, mask));
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String toString() {
        return "SampleWeighted(" + inner + ")";
    }
}

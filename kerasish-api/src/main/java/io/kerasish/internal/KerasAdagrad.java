package io.kerasish.internal;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Keras's Adagrad: {@code a += g^2; w -= lr * g / (sqrt(a) + eps)}, with {@code a} starting at 0.1. */
public final class KerasAdagrad extends KerasUpdater {
    private static final long serialVersionUID = 1L;
    private static final String[] STATE = {"accumulator"};
    private final double initial;
    private final double epsilon;

    public KerasAdagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super(learningRate);
        this.initial = initialAccumulatorValue;
        this.epsilon = epsilon;
    }

    @Override
    protected String[] stateNames() {
        return STATE;
    }

    @Override
    protected void initState(Map<String, INDArray> state) {
        state.get("accumulator").assign(initial);
    }

    @Override
    protected void apply(INDArray g, Map<String, INDArray> state, double lr, int iteration) {
        INDArray a = state.get("accumulator");
        a.addi(g.mul(g));
        g.muli(lr).divi(Transforms.sqrt(a, true).addi(epsilon));
    }
}

package io.kerasish.internal;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's Adadelta: {@code Eg = rho Eg + (1-rho) g^2; d = g sqrt(Ed + eps) / sqrt(Eg + eps);
 * Ed = rho Ed + (1-rho) d^2; w -= lr * d}. DL4J's AdaDelta is the same with lr fixed at 1.
 */
public final class KerasAdadelta extends KerasUpdater {
    private static final long serialVersionUID = 1L;
    private static final String[] STATE = {"accumulated_grad", "accumulated_delta"};
    private final double rho;
    private final double epsilon;

    public KerasAdadelta(double learningRate, double rho, double epsilon) {
        super(learningRate);
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    protected String[] stateNames() {
        return STATE;
    }

    @Override
    protected void apply(INDArray g, Map<String, INDArray> state, double lr, int iteration) {
        INDArray eg = state.get("accumulated_grad");
        INDArray ed = state.get("accumulated_delta");
        eg.muli(rho).addi(g.mul(g).muli(1 - rho));
        INDArray ratio = Transforms.sqrt(ed.add(epsilon), false).divi(Transforms.sqrt(eg.add(epsilon), false));
        g.muli(ratio);                                  // g := delta
        ed.muli(rho).addi(g.mul(g).muli(1 - rho));
        g.muli(lr);
    }
}

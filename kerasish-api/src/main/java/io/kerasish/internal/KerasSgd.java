package io.kerasish.internal;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's SGD. Plain: {@code w -= lr * g}. Momentum: {@code v = m * v - lr * g; w += v}. Nesterov:
 * {@code v = m * v - lr * g; w += m * v - lr * g}. (DL4J has no classical momentum updater.)
 */
public final class KerasSgd extends KerasUpdater {
    private static final long serialVersionUID = 1L;
    private static final String[] NONE = {};
    private static final String[] VELOCITY = {"velocity"};
    private final double momentum;
    private final boolean nesterov;

    public KerasSgd(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    protected String[] stateNames() {
        return momentum > 0 ? VELOCITY : NONE;
    }

    @Override
    protected void apply(INDArray g, Map<String, INDArray> state, double lr, int iteration) {
        if (momentum == 0) {
            g.muli(lr);
            return;
        }
        INDArray v = state.get("velocity");
        g.muli(lr);                      // g := lr * g
        v.muli(momentum).subi(g);        // v := m * v - lr * g
        if (nesterov) {
            g.subi(v.mul(momentum));     // step = lr * g - m * v, i.e. w += m * v - lr * g
        } else {
            g.assign(v).negi();          // step = -v, i.e. w += v
        }
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && ((KerasSgd) o).momentum == momentum && ((KerasSgd) o).nesterov == nesterov;
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Double.hashCode(momentum) + (nesterov ? 1 : 0);
    }
}

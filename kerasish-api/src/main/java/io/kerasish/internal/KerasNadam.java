package io.kerasish.internal;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's Nadam. At step t (1-based): {@code mu_t = b1 (1 - 0.5 * 0.96^(0.004 t))}, momentum schedule
 * {@code S_t = mu_1 ... mu_t}; {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2};
 * {@code m_bar = (1 - mu_t) g / (1 - S_t) + mu_{t+1} m / (1 - S_{t+1})};
 * {@code w -= lr m_bar / (sqrt(v / (1 - b2^t)) + eps)}.
 */
public final class KerasNadam extends KerasMoments {
    private static final long serialVersionUID = 1L;
    private transient int scheduleSteps;
    private transient double schedule = 1.0;

    public KerasNadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    private double mu(long t) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, 0.004 * t));
    }

    /** S_t, the product of mu_1..mu_t; cached because steps come in order. */
    private double scheduleAt(int t) {
        if (t < scheduleSteps) {
            scheduleSteps = 0;
            schedule = 1.0;
        }
        while (scheduleSteps < t) {
            schedule *= mu(++scheduleSteps);
        }
        return schedule;
    }

    @Override
    protected void apply(INDArray g, Map<String, INDArray> state, double lr, int iteration) {
        int t = iteration + 1;
        double muT = mu(t);
        double muNext = mu(t + 1);
        double sNew = scheduleAt(t);
        double sNext = sNew * muNext;
        INDArray m = state.get("m");
        INDArray v = state.get("v");
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        INDArray mBar = g.mul((1 - muT) / (1 - sNew)).addi(m.mul(muNext / (1 - sNext)));
        INDArray denominator = Transforms.sqrt(v.div(1 - Math.pow(beta2, t)), false).addi(epsilon);
        g.assign(mBar.divi(denominator).muli(lr));
    }
}

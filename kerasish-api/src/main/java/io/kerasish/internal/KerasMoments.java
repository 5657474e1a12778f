package io.kerasish.internal;

/**
 * What Keras's Adam and Nadam updaters share: {@code beta_1}, {@code beta_2}, {@code epsilon} and two state arrays,
 * the first moment {@code m} and the second {@code v}. Configurations with different betas are different (DL4J
 * gives layers with equal configurations one updater block).
 */
public abstract class KerasMoments extends KerasUpdater {
    private static final long serialVersionUID = 1L;
    private static final String[] STATE = {"m", "v"};
    protected final double beta1;
    protected final double beta2;
    protected final double epsilon;

    protected KerasMoments(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected String[] stateNames() {
        return STATE;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && ((KerasMoments) o).beta1 == beta1 && ((KerasMoments) o).beta2 == beta2
                && ((KerasMoments) o).epsilon == epsilon;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), beta1, beta2, epsilon);
    }
}

package io.kerasish.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A metric that is the mean over examples (and time steps) of a value computed row by row: the accuracies,
 * {@code mae}, {@code mse}, top-k accuracy. Create through {@link Metrics}.
 */
public final class MeanMetric extends Metric {
    /** The value of one row: labels from {@code t} at {@code tOff}, predictions from {@code p} at {@code pOff}. */
    @FunctionalInterface
    public interface RowFunction {
        double apply(float[] t, int tOff, float[] p, int pOff, int width);
    }

    private final RowFunction fn;
    private final boolean sparse;
    private double total;
    private long count;

    /** @param sparse labels hold one class id per row instead of a row like the prediction */
    public MeanMetric(String name, boolean sparse, RowFunction fn) {
        super(name);
        this.sparse = sparse;
        this.fn = fn;
    }

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        int width = (int) yPred.size(yPred.rank() - 1);
        float[] p = floats(yPred);
        float[] t = floats(yTrue);
        int rows = p.length / width;
        for (int r = 0; r < rows; r++) {
            total += fn.apply(t, sparse ? r : r * width, p, r * width, width);
        }
        count += rows;
    }

    @Override
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    static int argmax(float[] a, int off, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (a[off + j] > a[off + best]) {
                best = j;
            }
        }
        return best;
    }
}

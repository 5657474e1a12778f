package io.kerasish.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras metric: state accumulated batch by batch ({@link #update}), read with {@link #result}, cleared with
 * {@link #reset} at the start of each epoch and evaluation. The value shown in the progress bar is the result
 * so far, as in Keras.
 */
public abstract class Metric {
    private final String name;

    protected Metric(String name) {
        this.name = name;
    }

    /** The key under which the value appears in logs and History, e.g. {@code "accuracy"}. */
    public String name() {
        return name;
    }

    public abstract void reset();

    /** Adds a batch: labels and predictions, first axis the batch. */
    public abstract void update(INDArray yTrue, INDArray yPred);

    public abstract double result();

    /** The values of an array in row-major order, as floats. */
    protected static float[] floats(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        return f.dup('c').data().asFloat();
    }

    @Override
    public String toString() {
        return name;
    }
}

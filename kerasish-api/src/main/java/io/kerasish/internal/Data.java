package io.kerasish.internal;

import io.kerasish.InvalidDataException;
import io.kerasish.layers.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Conversions of user data to float32 arrays, and the checks that data is usable. */
public final class Data {
    private Data() {
    }

    public static INDArray toArray(double[][] rows) {
        checkRectangular(rows.length, i -> rows[i].length);
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }

    public static INDArray toArray(float[][] rows) {
        checkRectangular(rows.length, i -> rows[i].length);
        return Nd4j.createFromArray(rows);
    }

    private static void checkRectangular(int n, java.util.function.IntUnaryOperator len) {
        if (n == 0) {
            throw new InvalidDataException("The data has no rows");
        }
        int w = len.applyAsInt(0);
        for (int i = 1; i < n; i++) {
            if (len.applyAsInt(i) != w) {
                throw new InvalidDataException("Row " + i + " has " + len.applyAsInt(i) + " values but row 0 has " + w
                        + "; every row must have the same length");
            }
        }
    }

    /** The array as float32 (the network's type); the same array when it already is. */
    public static INDArray floats(INDArray a) {
        return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }

    /**
     * Throws when the array holds NaN or infinite values, naming the argument and the first bad example.
     *
     * @param what e.g. "x" or "validation y"
     */
    public static void checkFinite(INDArray a, String what) {
        if (Double.isFinite(a.sumNumber().doubleValue())) {
            return; // one pass: a NaN or infinity makes the sum non-finite (an overflowing sum is re-checked below)
        }
        if (!BooleanIndexing.or(a, Conditions.isNan()) && !BooleanIndexing.or(a, Conditions.isInfinite())) {
            return;
        }
        INDArray rows = a.reshape('c', a.size(0), -1);
        for (long r = 0; r < rows.size(0); r++) {
            INDArray row = rows.getRow(r);
            if (BooleanIndexing.or(row, Conditions.isNan()) || BooleanIndexing.or(row, Conditions.isInfinite())) {
                throw new InvalidDataException(what + " contains NaN or infinite values (first at example " + r
                        + "). Remove or impute those values before calling fit/evaluate/predict.");
            }
        }
    }

    /** Throws unless {@code x} fits the model's input shape, naming the first layer. */
    public static void checkInput(INDArray x, Shape expected, String firstLayer, String what) {
        if (!expected.accepts(x.shape())) {
            String hint = x.rank() == expected.rank() ? "Pass examples along the first axis: an array of shape (N"
                    + expected.toString().substring(5) + "."
                    : "The array must have rank " + (expected.rank() + 1) + " (batch first), e.g. reshape it to (N"
                    + expected.toString().substring(5) + ".";
            throw new io.kerasish.ShapeMismatchException("Input " + what + " of shape " + Shape.format(x.shape())
                    + " does not fit layer " + firstLayer + ", which expects " + expected + ". " + hint);
        }
    }

    /** Examples {@code [from, to)} of an array, as a view. */
    public static INDArray rows(INDArray a, long from, long to) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
    }

    /**
     * Examples at the given indices, copied into {@code into} (row-major, shape {@code (indices.length, ...)}), which
     * is returned: a training loop reuses one batch buffer instead of leaving a new array per batch for the garbage
     * collector to free (off-heap memory that otherwise piles up between collections).
     */
    public static INDArray gather(INDArray a, int[] indices, INDArray into) {
        Nd4j.pullRows(a.reshape('c', a.size(0), -1), into.reshape('c', indices.length, -1), 1, indices);
        return into;
    }

    /** An uninitialized row-major array for {@code rows} examples shaped as those of {@code like}. */
    public static INDArray batchBuffer(INDArray like, int rows) {
        long[] shape = like.shape().clone();
        shape[0] = rows;
        return Nd4j.createUninitialized(like.dataType(), shape, 'c');
    }
}

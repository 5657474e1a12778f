package io.kerasish.utils;

import io.kerasish.InvalidDataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's {@code keras.utils} helpers that scripts need around {@code fit}. */
public final class Utils {
    private Utils() {
    }

    /**
     * Keras's {@code to_categorical(y, num_classes)}: class ids (any numeric type, shape {@code (n,)} or
     * {@code (n, 1)}) to one-hot float rows {@code (n, numClasses)}.
     *
     * @throws InvalidDataException for an id that is not a whole number in {@code 0..numClasses-1}
     */
    public static INDArray toCategorical(INDArray y, int numClasses) {
        if (y.rank() > 2 || (y.rank() == 2 && y.size(1) != 1)) {
            throw new InvalidDataException("toCategorical: expected class ids of shape (n,) or (n, 1), got "
                    + java.util.Arrays.toString(y.shape()) + "; are these one-hot already?");
        }
        double[] ids = y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
        int[] classes = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            double id = ids[i];
            if (id != Math.rint(id) || id < 0 || id >= numClasses) {
                throw new InvalidDataException("toCategorical: label " + i + " is " + id + ", not a class id in 0.."
                        + (numClasses - 1) + " (num_classes=" + numClasses + ")");
            }
            classes[i] = (int) id;
        }
        return toCategorical(classes, numClasses);
    }

    /** Keras's {@code to_categorical} for an {@code int[]} of class ids. */
    public static INDArray toCategorical(int[] y, int numClasses) {
        if (numClasses < 1) {
            throw new InvalidDataException("toCategorical: num_classes must be >= 1, got " + numClasses);
        }
        float[][] rows = new float[y.length][numClasses];
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= numClasses) {
                throw new InvalidDataException("toCategorical: label " + i + " is " + y[i] + ", not a class id in 0.."
                        + (numClasses - 1) + " (num_classes=" + numClasses + ")");
            }
            rows[i][y[i]] = 1f;
        }
        return y.length == 0 ? Nd4j.create(DataType.FLOAT, 0, numClasses) : Nd4j.createFromArray(rows);
    }
}

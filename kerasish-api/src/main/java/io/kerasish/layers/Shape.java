package io.kerasish.layers;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of one example, without the batch dimension, in Keras's layout: {@code (features)},
 * {@code (timesteps, features)} or {@code (height, width, channels)}. A dimension of {@link #NONE} is unknown
 * (Keras's {@code None}), e.g. the length of variable-length sequences.
 */
public final class Shape {
    /** An unknown dimension. */
    public static final long NONE = -1;

    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims.clone();
    }

    public static Shape of(long... dims) {
        for (long d : dims) {
            if (d < 1 && d != NONE) {
                throw new io.kerasish.InvalidConfigException("Shape dimensions must be positive (or Shape.NONE), got "
                        + Arrays.toString(dims));
            }
        }
        return new Shape(dims);
    }

    /** The shape of one example of an array whose first dimension is the batch. */
    public static Shape ofBatch(long[] batchShape) {
        return of(Arrays.copyOfRange(batchShape, 1, batchShape.length));
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    public long[] dims() {
        return dims.clone();
    }

    /** Number of values in one example, or {@link #NONE} when a dimension is unknown. */
    public long size() {
        long n = 1;
        for (long d : dims) {
            if (d == NONE) {
                return NONE;
            }
            n *= d;
        }
        return n;
    }

    public boolean isFullyKnown() {
        return size() != NONE;
    }

    /** The shape with a leading batch dimension of the given size. */
    public long[] withBatch(long batch) {
        long[] r = new long[dims.length + 1];
        r[0] = batch;
        System.arraycopy(dims, 0, r, 1, dims.length);
        return r;
    }

    /** True when an array of this batch shape fits, unknown dimensions matching anything. */
    public boolean accepts(long[] batchShape) {
        if (batchShape.length != dims.length + 1) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != NONE && dims[i] != batchShape[i + 1]) {
                return false;
            }
        }
        return true;
    }

    /** Keras's printed form, batch included: {@code (None, 28, 28, 1)}. */
    @Override
    public String toString() {
        return "(None" + Arrays.stream(dims).mapToObj(d -> ", " + (d == NONE ? "None" : Long.toString(d)))
                .collect(Collectors.joining()) + ")";
    }

    /** A batch shape printed as Keras prints an array's shape: {@code (4, 3)}. */
    public static String format(long[] batchShape) {
        if (batchShape.length == 1) {
            return "(" + batchShape[0] + ",)";
        }
        return "(" + Arrays.stream(batchShape).mapToObj(Long::toString).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }
}

package io.kerasish.io.hdf5;

import java.util.Arrays;
import java.util.Objects;

/**
 * An HDF5 dataset held in memory: its stored type, its shape and its values in row-major (C) order. A scalar has
 * shape {@code []} and one value. The arrays are not copied; treat them as read-only once handed over.
 *
 * @param type  what the dataset is (or will be) stored as
 * @param shape the dimensions, each {@code >= 0}; at most {@value #MAX_RANK} of them
 * @param data  the values, {@code data.length == product(shape)}; {@link H5Type#INT64} values travel as floats
 *              too (exact up to 2^24, which covers step counters)
 */
public record H5Array(H5Type type, long[] shape, float[] data) {

    /** The largest rank accepted; HDF5 itself allows 32. */
    public static final int MAX_RANK = 32;

    public H5Array {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long product = product(shape);
        if (product != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + product
                    + " values but data has " + data.length);
        }
    }

    /** A {@link H5Type#FLOAT32} array; {@code data.length} must equal the product of {@code shape}. */
    public static H5Array of(float[] data, long... shape) {
        return new H5Array(H5Type.FLOAT32, shape, data);
    }

    /** The number of values, the product of the shape (1 for a scalar). */
    public long size() {
        return data.length;
    }

    /** The product of {@code shape}, checking rank, signs and overflow. */
    static long product(long[] shape) {
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.length + " exceeds " + MAX_RANK);
        }
        long product = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            try {
                product = Math.multiplyExact(product, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large", e);
            }
        }
        return product;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H5Array a && type == a.type && Arrays.equals(shape, a.shape)
                && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        String values = data.length <= 8 ? Arrays.toString(data) : data.length + " values";
        return "H5Array[" + type + " " + Arrays.toString(shape) + ", " + values + "]";
    }
}

package io.kerasish.io.npy;

import io.kerasish.InvalidFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One array read from a {@code .npy} file or a {@code .npz} entry, in C (row-major) order whatever order the file
 * stored it in. Numeric arrays keep their bytes (little-endian) and convert on request; object arrays
 * ({@code |O}) hold one {@code int[]} per element, each a Python list of ints in the file.
 *
 * <p>{@link #dtype()} is numpy's type string with the byte order made little-endian: {@code |u1}, {@code |i1},
 * {@code |b1}, {@code <i2}, {@code <u2}, {@code <i4}, {@code <u4}, {@code <i8}, {@code <u8}, {@code <f4},
 * {@code <f8}, or {@code |O}.
 */
public final class NpyArray {
    private final Path file;
    private final String entry;
    private final String dtype;
    private final long[] shape;
    private final byte[] data;
    private final int[][] lists;

    NpyArray(Path file, String entry, String dtype, long[] shape, byte[] data, int[][] lists) {
        this.file = file;
        this.entry = entry;
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
        this.lists = lists;
    }

    /** numpy's type string, little-endian: {@code <i8}, {@code |u1}, {@code |O}, ... */
    public String dtype() {
        return dtype;
    }

    /** The shape; {@code []} for a scalar. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements (the product of the shape). */
    public int size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return (int) n;
    }

    /** True for an object array ({@code |O}), read with {@link #toIntLists()}. */
    public boolean isObject() {
        return lists != null;
    }

    /** The bytes of a one-byte type ({@code |u1}, {@code |i1}, {@code |b1}), in C order; a copy. */
    public byte[] toByteArray() {
        if (lists != null || itemSize() != 1) {
            throw wrong("bytes (only |u1, |i1 and |b1 arrays are)");
        }
        return data.clone();
    }

    /** The values as ints; an integer or boolean type, each value within int's range. */
    public int[] toIntArray() {
        long[] v = toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != (int) v[i]) {
                throw new InvalidFileException(file, where() + "value " + v[i] + " at index " + i
                        + " does not fit in an int");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /** The values as longs; an integer or boolean type ({@code <u8} values above 2^63-1 are refused). */
    public long[] toLongArray() {
        char kind = kind();
        if (lists != null || (kind != 'i' && kind != 'u' && kind != 'b')) {
            throw wrong("integers");
        }
        ByteBuffer b = buffer();
        int n = size();
        long[] out = new long[n];
        int size = itemSize();
        for (int i = 0; i < n; i++) {
            long v = switch (size) {
                case 1 -> kind == 'i' ? b.get(i) : b.get(i) & 0xffL;
                case 2 -> kind == 'i' ? b.getShort(2 * i) : b.getShort(2 * i) & 0xffffL;
                case 4 -> kind == 'i' ? b.getInt(4 * i) : b.getInt(4 * i) & 0xffffffffL;
                default -> b.getLong(8 * i);
            };
            if (kind == 'u' && size == 8 && v < 0) {
                throw new InvalidFileException(file, where() + "value " + Long.toUnsignedString(v) + " at index " + i
                        + " does not fit in a long");
            }
            out[i] = v;
        }
        return out;
    }

    /** The values as doubles; any numeric type. */
    public double[] toDoubleArray() {
        if (lists != null) {
            throw wrong("numbers");
        }
        int n = size();
        double[] out = new double[n];
        if (kind() == 'f') {
            ByteBuffer b = buffer();
            for (int i = 0; i < n; i++) {
                out[i] = itemSize() == 4 ? b.getFloat(4 * i) : b.getDouble(8 * i);
            }
            return out;
        }
        long[] v = toLongArray();
        for (int i = 0; i < n; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** The values as floats (rounded as numpy's {@code astype('float32')} rounds); any numeric type. */
    public float[] toFloatArray() {
        if (dtype.equals("<f4")) { // straight from the bytes: no double[] of the whole array on the way
            float[] out = new float[size()];
            buffer().asFloatBuffer().get(out);
            return out;
        }
        double[] v = toDoubleArray();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /**
     * The elements of an object array, each a Python list of ints (as in Keras's {@code imdb.npz}), in C order.
     * The outer array is a copy; the inner arrays are shared with this object.
     */
    public int[][] toIntLists() {
        if (lists == null) {
            throw wrong("lists of ints (only object arrays are)");
        }
        return lists.clone();
    }

    @Override
    public String toString() {
        return "NpyArray[" + (entry == null ? "" : entry + ", ") + dtype + ", shape " + Arrays.toString(shape) + "]";
    }

    private char kind() {
        return dtype.charAt(1);
    }

    private int itemSize() {
        return lists != null ? 8 : Integer.parseInt(dtype.substring(2));
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private String where() {
        return entry == null ? "" : "entry '" + entry + "': ";
    }

    private InvalidFileException wrong(String what) {
        return new InvalidFileException(file, where() + "an array of dtype " + dtype + " cannot be read as " + what);
    }
}

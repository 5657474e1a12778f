package io.kerasish.internal;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Element-wise float32 loops in Java, for arrays small enough that libnd4j's per-op cost outweighs the work. On 2
 * cores libnd4j's broadcast bias add took 80-200 us for [256, 120] or [64, 512] (this loop 14-27 us); for 32,768
 * values its ReLU took 17 us and its ReLU gradient (a step op, then a multiply) 35 us, these loops 4 and 9. Each
 * copies a block out of native memory, works on it at one index (so that C2 turns the loop into SIMD code) and
 * copies it back. Every method returns false, touching nothing, for what it does not handle (other types, views,
 * strided arrays, large arrays for the ReLU), and the caller keeps libnd4j's op.
 */
final class JavaFloats {
    /** Floats per block: three blocks stay in L1. */
    private static final int BLOCK = 2048;
    private static final float HUGE = 0x1p127f;
    /**
     * Above this many elements libnd4j's ReLU ops, on both cores, are the faster: measured crossovers near 150,000
     * (one LeNet-5 batch of 64 after its first pooling, 75,264 values: Java 9 us forward and 21 back, libnd4j 18 and
     * 37; at 301,056, Java 41 and 89, libnd4j 29 and 72).
     */
    static final int RELU_MAX_ELEMENTS = 1 << 17;

    private JavaFloats() {
    }

    /**
     * Above this many elements libnd4j's softmax is the faster (Java's exp costs about 5 ns a value; for [64, 10]
     * libnd4j took 20 us, this loop 4).
     */
    static final int SOFTMAX_MAX_ELEMENTS = 1 << 12;

    /**
     * float32, row-major with default strides: its elements lie together in its buffer from {@code offset()} (a
     * view of whole rows qualifies).
     */
    static boolean flat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isEmpty()
                && a.length() < Integer.MAX_VALUE && Shape.hasDefaultStridesForShape(a);
    }

    /** Copies a flat array's values out. */
    static float[] values(INDArray a) {
        float[] v = new float[(int) a.length()];
        a.data().asNioFloat().get((int) a.offset(), v);
        return v;
    }

    /** Writes values into a flat array. */
    static void write(float[] v, INDArray a) {
        a.data().asNioFloat().put((int) a.offset(), v);
    }

    /**
     * The softmax of each row of a [rows, columns] array, in place ({@code exp(x - max) / sum}, as libnd4j computes
     * it); false, touching nothing, for other arrays and above {@link #SOFTMAX_MAX_ELEMENTS}.
     */
    static boolean softmax(INDArray a) {
        if (!flat(a) || a.rank() != 2 || a.length() > SOFTMAX_MAX_ELEMENTS) {
            return false;
        }
        float[] v = values(a);
        softmaxRows(v, (int) a.size(1));
        write(v, a);
        return true;
    }

    /** Softmax of each row of {@code cols} values, in place. */
    static void softmaxRows(float[] v, int cols) {
        for (int from = 0; from < v.length; from += cols) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = from; j < from + cols; j++) {
                max = Math.max(max, v[j]);
            }
            float sum = 0;
            for (int j = from; j < from + cols; j++) {
                float e = (float) Math.exp(v[j] - max);
                v[j] = e;
                sum += e;
            }
            for (int j = from; j < from + cols; j++) {
                v[j] /= sum;
            }
        }
    }

    /** {@code a = max(a, 0)} in place (NaN stays NaN, as in libnd4j). */
    static boolean relu(INDArray a) {
        if (!flat(a) || a.length() > RELU_MAX_ELEMENTS) {
            return false;
        }
        FloatBuffer buf = a.data().asNioFloat();
        int from = (int) a.offset();
        int n = (int) a.length();
        float[] x = new float[Math.min(BLOCK, n)];
        for (int at = 0; at < n; at += BLOCK) {
            int len = Math.min(BLOCK, n - at);
            buf.get(from + at, x, 0, len);
            for (int i = 0; i < len; i++) {
                x[i] = Math.max(x[i], 0f);
            }
            buf.put(from + at, x, 0, len);
        }
        return true;
    }

    /**
     * {@code into = in > 0 ? eps : 0}: the ReLU's gradient, from its input or equally from its output; the gradient
     * is 0 at 0, as in TensorFlow. {@code into} may be {@code in} or {@code eps}.
     */
    static boolean reluGradient(INDArray in, INDArray eps, INDArray into) {
        if (!flat(in) || !flat(eps) || !flat(into) || in.length() != eps.length() || in.length() != into.length()
                || in.length() > RELU_MAX_ELEMENTS) {
            return false;
        }
        FloatBuffer inBuf = in.data().asNioFloat();
        FloatBuffer epsBuf = eps.data().asNioFloat();
        FloatBuffer intoBuf = into.data().asNioFloat();
        int inFrom = (int) in.offset();
        int epsFrom = (int) eps.offset();
        int intoFrom = (int) into.offset();
        int n = (int) in.length();
        float[] x = new float[Math.min(BLOCK, n)];
        float[] g = new float[x.length];
        for (int at = 0; at < n; at += BLOCK) {
            int len = Math.min(BLOCK, n - at);
            inBuf.get(inFrom + at, x, 0, len);
            epsBuf.get(epsFrom + at, g, 0, len);
            for (int i = 0; i < len; i++) {
                // a 0/1 step without a branch, which the JIT vectorizes (a branch per element mispredicts on real
                // data: 4 ns an element): x times 2^254 is at least 1 for every x > 0, the smallest subnormal too
                g[i] *= Math.min(Math.max(x[i] * HUGE * HUGE, 0f), 1f);
            }
            intoBuf.put(intoFrom + at, g, 0, len);
        }
        return true;
    }

    /**
     * {@code into = sum of a's rows}, a [rows, columns] array summed over rows into {@code columns} values (a bias
     * gradient; {@code into} may sit inside DL4J's flat gradient vector but must be contiguous).
     */
    static boolean columnSums(INDArray a, INDArray into) {
        if (!flat(a) || a.rank() != 2 || into.dataType() != DataType.FLOAT || into.length() != a.size(1)
                || (into.length() > 1 && into.elementWiseStride() != 1)) {
            return false;
        }
        int cols = (int) a.size(1);
        float[] sum = new float[cols];
        float[] row = new float[cols];
        FloatBuffer ab = a.data().asNioFloat();
        int from = (int) a.offset();
        for (long r = 0; r < a.size(0); r++) {
            ab.get(from + (int) r * cols, row, 0, cols);
            for (int j = 0; j < cols; j++) {
                sum[j] += row[j];
            }
        }
        into.data().asNioFloat().put((int) into.offset(), sum, 0, cols);
        return true;
    }

    /**
     * {@code z += bias} on each row of a [rows, columns] array, then {@code max(z, 0)} when {@code relu}; the result
     * is also written to {@code copy} unless that is null. The bias may sit inside a larger buffer (DL4J's flat
     * parameter vector) but must be contiguous.
     */
    static boolean addBias(INDArray z, INDArray bias, boolean relu, INDArray copy) {
        if (!flat(z) || z.rank() != 2 || bias.dataType() != DataType.FLOAT || bias.length() != z.size(1)
                || (bias.length() > 1 && bias.elementWiseStride() != 1)
                || (copy != null && (!flat(copy) || copy.length() != z.length()))) {
            return false;
        }
        FloatBuffer cb = copy == null ? null : copy.data().asNioFloat();
        int copyFrom = copy == null ? 0 : (int) copy.offset();
        int cols = (int) z.size(1);
        float[] b = new float[cols];
        bias.data().asNioFloat().get((int) bias.offset(), b, 0, cols);
        float[] row = new float[cols];
        FloatBuffer zb = z.data().asNioFloat();
        int from = (int) z.offset();
        for (long r = 0; r < z.size(0); r++) {
            int at = from + (int) r * cols;
            zb.get(at, row, 0, cols);
            if (relu) {
                for (int j = 0; j < cols; j++) {
                    row[j] = Math.max(row[j] + b[j], 0f);
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    row[j] += b[j];
                }
            }
            zb.put(at, row, 0, cols);
            if (cb != null) {
                cb.put(copyFrom + (int) r * cols, row, 0, cols);
            }
        }
        return true;
    }
}

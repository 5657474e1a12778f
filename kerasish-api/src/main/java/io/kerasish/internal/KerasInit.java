package io.kerasish.internal;

import io.kerasish.InvalidConfigException;
import io.kerasish.initializers.Initializer;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's initializers, drawn in the weight's Keras shape with Keras's fan rules: for shape {@code (a, b)} fan_in
 * is a and fan_out b; for a kernel {@code (kh, kw, in, out)} both are multiplied by {@code kh * kw}. DL4J computes
 * fans per layer type (strided convolutions and LSTMs differ from Keras), so kerasish draws initial weights here.
 */
public final class KerasInit {
    /** Keras's constant: the standard deviation of a unit normal truncated at two standard deviations. */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private KerasInit() {
    }

    public static INDArray sample(Initializer init, long[] shape, Random rnd) {
        long[] fans = fans(shape);
        double fanIn = fans[0];
        double fanOut = fans[1];
        return switch (init.name()) {
            case "glorot_uniform" -> uniform(shape, Math.sqrt(6.0 / (fanIn + fanOut)), rnd);
            case "glorot_normal" -> truncated(shape, 0, Math.sqrt(2.0 / (fanIn + fanOut)) / TRUNCATED_STDDEV, rnd);
            case "he_uniform" -> uniform(shape, Math.sqrt(6.0 / fanIn), rnd);
            case "he_normal" -> truncated(shape, 0, Math.sqrt(2.0 / fanIn) / TRUNCATED_STDDEV, rnd);
            case "lecun_uniform" -> uniform(shape, Math.sqrt(3.0 / fanIn), rnd);
            case "lecun_normal" -> truncated(shape, 0, Math.sqrt(1.0 / fanIn) / TRUNCATED_STDDEV, rnd);
            case "zeros" -> Nd4j.zeros(DataType.FLOAT, shape);
            case "ones" -> Nd4j.ones(DataType.FLOAT, shape);
            case "constant" -> Nd4j.valueArrayOf(shape, (float) init.param("value"));
            case "random_normal" -> fill(shape, () -> init.param("mean") + init.param("stddev") * rnd.nextGaussian());
            case "random_uniform" -> fill(shape, () -> init.param("minval")
                    + (init.param("maxval") - init.param("minval")) * rnd.nextDouble());
            case "truncated_normal" -> truncated(shape, init.param("mean"), init.param("stddev"), rnd);
            case "orthogonal" -> orthogonal(shape, init.param("gain"), rnd);
            case "identity" -> identity(shape);
            default -> throw new InvalidConfigException("Initializer '" + init.name() + "' is not supported");
        };
    }

    /** Keras's {@code _compute_fans}. */
    static long[] fans(long[] shape) {
        if (shape.length == 0) {
            return new long[] {1, 1};
        }
        if (shape.length == 1) {
            return new long[] {shape[0], shape[0]};
        }
        long receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        return new long[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
    }

    /**
     * The values in order, written straight into native memory a block at a time: a whole Java copy of VGG-16's
     * largest kernel (411 MB) took building that model's network to a 1.96 GB peak RSS.
     */
    private static INDArray fill(long[] shape, java.util.function.DoubleSupplier values) {
        int n = (int) product(shape);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        java.nio.FloatBuffer target = out.data().asNioFloat();
        float[] block = new float[Math.min(n, 1 << 16)];
        for (int from = 0; from < n; from += block.length) {
            int len = Math.min(block.length, n - from);
            for (int i = 0; i < len; i++) {
                block[i] = (float) values.getAsDouble();
            }
            target.put((int) out.offset() + from, block, 0, len);
        }
        return out;
    }

    private static INDArray uniform(long[] shape, double limit, Random rnd) {
        return fill(shape, () -> (rnd.nextDouble() * 2 - 1) * limit);
    }

    /** Normal values redrawn until within two standard deviations, as Keras's truncated normal. */
    private static INDArray truncated(long[] shape, double mean, double stddev, Random rnd) {
        return fill(shape, () -> {
            double z;
            do {
                z = rnd.nextGaussian();
            } while (Math.abs(z) > 2);
            return mean + stddev * z;
        });
    }

    /** Keras's Orthogonal: QR of a normal matrix of shape (prod(shape[:-1]), shape[-1]), sign-corrected. */
    private static INDArray orthogonal(long[] shape, double gain, Random rnd) {
        int cols = (int) shape[shape.length - 1];
        int rows = (int) (fans(shape)[0] == 0 ? 1 : product(shape) / cols);
        int big = Math.max(rows, cols);
        int small = Math.min(rows, cols);
        // orthonormal columns of a (big x small) normal matrix by modified Gram-Schmidt (the Q of its QR)
        double[][] q = new double[small][big];
        for (int j = 0; j < small; j++) {
            for (int i = 0; i < big; i++) {
                q[j][i] = rnd.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < big; i++) {
                    dot += q[j][i] * q[k][i];
                }
                for (int i = 0; i < big; i++) {
                    q[j][i] -= dot * q[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < big; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < big; i++) {
                q[j][i] /= norm;
            }
        }
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = (float) (gain * (rows >= cols ? q[c][r] : q[r][c]));
            }
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }

    private static INDArray identity(long[] shape) {
        if (shape.length != 2) {
            throw new InvalidConfigException("The identity initializer needs a 2-D weight, got shape "
                    + java.util.Arrays.toString(shape));
        }
        return Nd4j.eye(Math.max(shape[0], shape[1])).castTo(DataType.FLOAT)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, shape[0]),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, shape[1])).dup('c');
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}

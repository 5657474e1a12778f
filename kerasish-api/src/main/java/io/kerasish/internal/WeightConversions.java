package io.kerasish.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every conversion between a Keras weight layout and DL4J's, in one place. Keras layouts: Dense kernel
 * {@code (in, units)}, bias {@code (units,)}, Conv2D kernel {@code (kh, kw, in, filters)} (HWIO), recurrent
 * kernels with gates in Keras order. The arrays returned never share memory with the network.
 */
public final class WeightConversions {
    /** Turns a DL4J parameter into the Keras weight and back. */
    public interface Conversion {
        INDArray toKeras(INDArray dl4j, long[] kerasShape);

        INDArray toDl4j(INDArray keras, long[] dl4jShape);
    }

    /** Same values in the same order; only the shape differs (e.g. bias {@code [1, n]} vs {@code (n,)}). */
    public static final Conversion SAME_ORDER = new Conversion() {
        @Override
        public INDArray toKeras(INDArray dl4j, long[] kerasShape) {
            return dl4j.dup('c').reshape('c', kerasShape);
        }

        @Override
        public INDArray toDl4j(INDArray keras, long[] dl4jShape) {
            return keras.reshape('c', dl4jShape); // a view of the Keras array where it can be: callers assign it
        }
    };

    /** Conv2D kernel: DL4J {@code [out, in, kh, kw]} (OIHW) vs Keras {@code (kh, kw, in, out)} (HWIO). */
    public static final Conversion CONV2D_KERNEL = new Conversion() {
        @Override
        public INDArray toKeras(INDArray dl4j, long[] kerasShape) {
            return dl4j.permute(2, 3, 1, 0).dup('c');
        }

        @Override
        public INDArray toDl4j(INDArray keras, long[] dl4jShape) {
            return keras.permute(3, 2, 0, 1).dup('c');
        }
    };

    /**
     * LSTM kernels and bias: Keras stacks the gates along the last axis as (i, f, c, o), DL4J as (c, f, o, i).
     * Works for kernel {@code (in, 4u)}, recurrent kernel {@code (u, 4u)} and bias {@code (4u,)}/{@code [1, 4u]}.
     */
    public static final Conversion LSTM_GATES = new Conversion() {
        private final int[] kerasOfDl4j = {2, 1, 3, 0}; // DL4J block j holds Keras block kerasOfDl4j[j]

        @Override
        public INDArray toKeras(INDArray dl4j, long[] kerasShape) {
            INDArray src = dl4j.reshape('c', -1, dl4j.size(-1));
            INDArray out = Nd4j.create(src.dataType(), src.shape());
            long u = src.size(1) / 4;
            for (int j = 0; j < 4; j++) {
                block(out, kerasOfDl4j[j], u).assign(block(src, j, u));
            }
            return out.reshape('c', kerasShape);
        }

        @Override
        public INDArray toDl4j(INDArray keras, long[] dl4jShape) {
            INDArray src = keras.reshape('c', -1, keras.size(-1));
            INDArray out = Nd4j.create(src.dataType(), src.shape());
            long u = src.size(1) / 4;
            for (int j = 0; j < 4; j++) {
                block(out, j, u).assign(block(src, kerasOfDl4j[j], u));
            }
            return out.reshape('c', dl4jShape);
        }

        private INDArray block(INDArray a, int gate, long u) {
            return a.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * u, (gate + 1) * u));
        }
    };

    private WeightConversions() {
    }

    // ---------------------------------------------------------------- files written by older Keras

    /**
     * A Keras 1 Conv2D kernel in Keras 2's HWIO layout, as Keras 2's {@code preprocess_weights_for_loading} does:
     * Theano ordering {@code (filters, in, rows, cols)} is transposed by (2, 3, 1, 0), and kernels from the Theano
     * backend (true convolution) are flipped in both spatial axes. A kernel already in HWIO is kept.
     */
    public static INDArray keras1Conv2DKernel(INDArray kernel, long[] hwio, boolean theanoBackend) {
        INDArray k = kernel;
        if (!java.util.Arrays.equals(k.shape(), hwio) && k.rank() == 4) {
            INDArray t = k.permute(2, 3, 1, 0);
            if (java.util.Arrays.equals(t.shape(), hwio)) {
                k = t;
            }
        }
        return theanoBackend && k.rank() == 4 ? flipSpatial(k) : k.dup('c');
    }

    /** Keras's {@code convert_kernel}: reverses every axis but the last two (in and out channels). */
    static INDArray flipSpatial(INDArray hwio) {
        long[] s = hwio.shape();
        float[] src = hwio.dup('c').data().asFloat();
        float[] dst = new float[src.length];
        int inner = (int) (s[2] * s[3]);
        for (int h = 0; h < s[0]; h++) {
            for (int w = 0; w < s[1]; w++) {
                int from = (int) ((h * s[1] + w) * inner);
                int to = (int) (((s[0] - 1 - h) * s[1] + (s[1] - 1 - w)) * inner);
                System.arraycopy(src, from, dst, to, inner);
            }
        }
        return Nd4j.createFromArray(dst).reshape('c', s);
    }

    /**
     * Keras 1's LSTM weights, twelve arrays {@code W_i, U_i, b_i, W_c, U_c, b_c, W_f, U_f, b_f, W_o, U_o, b_o},
     * as Keras 2's kernel, recurrent kernel and bias with gates stacked (i, f, c, o).
     */
    public static java.util.List<INDArray> keras1Lstm(java.util.List<INDArray> w) {
        int[] order = {0, 2, 1, 3}; // Keras 1 stores gates i, c, f, o
        java.util.List<INDArray> out = new java.util.ArrayList<>();
        for (int part = 0; part < 3; part++) {
            INDArray[] gates = new INDArray[4];
            for (int g = 0; g < 4; g++) {
                gates[g] = w.get(order[g] * 3 + part);
            }
            out.add(Nd4j.concat(gates[0].rank() - 1, gates).dup('c'));
        }
        return out;
    }
}

package io.kerasish.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link NativeLstm}'s passes: an LSTM with sigmoid gates and tanh cell and output activations, Keras's gate order
 * (i, f, c, o), zero initial state, float32, [batch, steps, features].
 *
 * <p>The forward pass keeps the gates and states in Java arrays; the backward pass (backpropagation through time)
 * walks the steps back from them. What does not recur is one product over all the steps (the inputs' projection,
 * the weight gradients, the input gradient); each step adds one [batch, units] x [units, 4 units] product, and the
 * gate arithmetic runs in Java on arrays kept between calls, the activations as loops the JIT vectorizes
 * ({@link FastTanh}). The step's product runs in Java up to {@link #JAVA_PRODUCT_MACS} multiply-adds, on libnd4j
 * above: for the IMDB model's [32, 32] x [32, 128] a libnd4j call (with its copies in and out and, going back, the
 * view of the step) took 20-38 us forward and 64-77 us back, the Java loops 9 and 15 on one core; for the Alice
 * model's [128, 128] x [128, 512] OpenBLAS is the faster. libnd4j's own {@code lstmLayer_bp} computes the same
 * but, in 1.0.0-M2.1, never frees about ten [batch, units] arrays per step: 25 MB per batch for the Alice model
 * (128 x 40 steps, 128 units), which took a training run to 3.5 GB and cost a third of its speed.
 *
 * <p>Where the step product is Java's, the batch's examples, which do not interact, are split into one part per
 * OpenMP thread, each taking its rows through all the steps (one fork and join per pass), when {@link Parallel}
 * says OpenMP's idle threads give the cores back soon enough. The results are the same to the bit.
 *
 * <p>Not thread-safe: one instance per layer.
 */
final class LstmBptt {
    /**
     * The largest step product (batch x units x 4 units multiply-adds) done in Java: at 2^19 (batch 32, 64 units)
     * the Java loops took 24 us forward and 43 back, libnd4j 58 and 65; at 2^20 (batch 256, 32 units) 48 and 105
     * against 50 and 80.
     */
    static final long JAVA_PRODUCT_MACS = 1L << 19;

    /** Parts of at least this many examples each; a smaller batch runs in one. */
    static final int MIN_PART_ROWS = 8;

    private final long javaProductMacs;
    private final int fixedParts;
    private float[][] z = new float[0][]; // per step, [batch, 4 units]: the gates' pre-activations, then activations
    private float[] cell = new float[0]; // c for steps -1 .. T-1 (step -1: zeros)
    private float[] tanhCell = new float[0];
    private float[] h = new float[0]; // h for steps -1 .. T-1 (step -1: zeros)
    private float[] eps = new float[0];
    private float[] scale = new float[0]; // gateScale's, for scaleUnits units
    private int scaleUnits;

    LstmBptt() {
        this(JAVA_PRODUCT_MACS, 0);
    }

    /**
     * With the step products in Java up to {@code javaProductMacs} multiply-adds per part (0: always on libnd4j), and
     * the batch split into {@code fixedParts} parts (at most one per example), or with 0 as {@link Parallel} allows:
     * one per OpenMP thread, each of at least {@link #MIN_PART_ROWS} examples.
     */
    LstmBptt(long javaProductMacs, int fixedParts) {
        this.javaProductMacs = javaProductMacs;
        this.fixedParts = fixedParts;
    }

    /**
     * How many parts the batch's examples are split into for the Java step loops, one thread each; 0 where the
     * step's product is libnd4j's (whose own threads take the cores).
     */
    private int parts(int b, int u) {
        int parts = fixedParts > 0 ? Math.min(fixedParts, b)
                : Math.max(1, Math.min(Parallel.threads(), b / MIN_PART_ROWS));
        return javaProduct(b / parts + (b % parts == 0 ? 0 : 1), u) ? parts : 0;
    }

    private boolean javaProduct(int rows, int u) {
        return (long) rows * u * 4 * u <= javaProductMacs;
    }

    /**
     * The forward pass for input {@code x} [batch, steps, nIn], keeping the gates and states for {@link #backward};
     * writes the output [batch, steps, units] into {@code out} unless it is null.
     */
    void forward(INDArray x, INDArray wx, INDArray wr, INDArray bias, INDArray out) {
        int b = (int) x.size(0);
        int steps = (int) x.size(1);
        int u = (int) wr.size(0);
        int g = 4 * u;
        INDArray zx = Nd4j.createUninitialized(DataType.FLOAT, (long) steps * b, g);
        NativeDense.matmul(timeMajor(x), wx, zx, false, false);
        zx.addiRowVector(bias);
        if (z.length < steps || steps > 0 && z[0].length < b * g) {
            z = new float[steps][b * g];
        }
        FloatBuffer zxBuf = zx.data().asNioFloat();
        for (int t = 0; t < steps; t++) {
            zxBuf.get((int) zx.offset() + t * b * g, z[t], 0, b * g);
        }
        int states = (steps + 1) * b * u;
        if (cell.length < states) {
            cell = new float[states];
            tanhCell = new float[states];
            h = new float[states];
        }
        Arrays.fill(cell, 0, b * u, 0f);
        Arrays.fill(h, 0, b * u, 0f);
        float[] rec = new float[b * g]; // h at step t - 1 times wr
        gateScale(b, u);
        int parts = parts(b, u);
        if (parts > 0) { // the examples are independent: each part takes its rows through all the steps
            float[][] wRows = rows(wr);
            Parallel.rows(b, parts, (r0, r1) -> {
                float[][] recRows = new float[r1 - r0][g];
                for (int t = 0; t < steps; t++) {
                    if (t > 0) {
                        times(h, (t * b + r0) * u, wRows, recRows);
                        flatten(recRows, rec, r0 * g);
                    }
                    forwardStep(t, b, u, rec, r0, r1);
                }
            });
        } else {
            INDArray hPrev = Nd4j.createUninitialized(DataType.FLOAT, b, u);
            FloatBuffer hPrevBuf = hPrev.data().asNioFloat();
            INDArray recurrent = Nd4j.createUninitialized(DataType.FLOAT, b, g);
            for (int t = 0; t < steps; t++) {
                if (t > 0) {
                    hPrevBuf.put(0, h, t * b * u, b * u);
                    NativeDense.matmul(hPrev, wr, recurrent, false, false);
                    recurrent.data().asNioFloat().get(0, rec);
                }
                forwardStep(t, b, u, rec, 0, b);
            }
        }
        if (out != null) {
            INDArray all = Nd4j.createUninitialized(DataType.FLOAT, steps, b, u);
            all.data().asNioFloat().put(0, h, b * u, steps * b * u);
            out.assign(all.permute(1, 0, 2));
        }
    }

    /**
     * Gradients for the output's gradient {@code dh} [batch, steps, units], after {@link #forward} with the same
     * input and weights: writes the input's into {@code dx} (x's shape) and returns {input kernel, recurrent kernel,
     * bias}'s in the weights' shapes ([nIn, 4u], [u, 4u], [4u]).
     */
    INDArray[] backward(INDArray x, INDArray wx, INDArray wr, INDArray dh, INDArray dx) {
        int b = (int) x.size(0);
        int steps = (int) x.size(1);
        int nIn = (int) x.size(2);
        int u = (int) wr.size(0);
        int g = 4 * u;
        int rows = steps * b; // time-major: row t * b + r is example r at step t
        eps = take(timeMajor(dh), rows * u, eps);
        INDArray dz = Nd4j.createUninitialized(DataType.FLOAT, rows, g);
        FloatBuffer dzBuf = dz.data().asNioFloat();
        float[] dhRec = new float[b * u]; // dz at step t + 1 times wr's transpose
        float[] dcNext = new float[b * u]; // the cell gradient carried back from step t + 1
        float[] dzStep = new float[b * g];
        float[] dzSum = new float[b * g]; // dz summed over the steps, for the bias gradient
        int parts = parts(b, u);
        if (parts > 0) { // each part takes its rows back through all the steps (see forward)
            float[][] wColumns = rows(wr.transpose()); // [4u, u]
            Parallel.rows(b, parts, (r0, r1) -> {
                float[][] dhRows = new float[r1 - r0][u];
                FloatBuffer dzPart = dz.data().asNioFloat();
                for (int t = steps - 1; t >= 0; t--) {
                    if (t < steps - 1) {
                        times(dzStep, r0 * g, wColumns, dhRows); // dzStep still holds step t + 1's
                        flatten(dhRows, dhRec, r0 * u);
                    }
                    backStep(t, b, u, dhRec, dcNext, dzStep, r0, r1);
                    dzPart.put((t * b + r0) * g, dzStep, r0 * g, (r1 - r0) * g);
                    addTo(dzSum, dzStep, r0 * g, r1 * g);
                }
            });
        } else {
            INDArray recurrent = Nd4j.createUninitialized(DataType.FLOAT, b, u);
            for (int t = steps - 1; t >= 0; t--) {
                if (t < steps - 1) {
                    NativeDense.matmul(block(dz, t + 1, b), wr, recurrent, false, true);
                    recurrent.data().asNioFloat().get(0, dhRec);
                }
                backStep(t, b, u, dhRec, dcNext, dzStep, 0, b);
                dzBuf.put(t * b * g, dzStep);
                addTo(dzSum, dzStep, 0, b * g);
            }
        }

        INDArray dwx = Nd4j.createUninitialized(DataType.FLOAT, nIn, g);
        // x copied again: the forward pass's copy lived in that pass's workspace
        NativeDense.matmul(timeMajor(x), dz, dwx, true, false);
        INDArray hPrev = Nd4j.createUninitialized(DataType.FLOAT, rows, u); // h at steps -1 .. T-2
        hPrev.data().asNioFloat().put(0, h, 0, rows * u);
        INDArray dwr = Nd4j.createUninitialized(DataType.FLOAT, u, g);
        NativeDense.matmul(hPrev, dz, dwr, true, false);
        float[] biasGrad = new float[g]; // libnd4j's dz.sum(0) took a tenth of the Alice model's training time
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < g; j++) {
                biasGrad[j] += dzSum[r * g + j];
            }
        }
        INDArray db = Nd4j.createFromArray(biasGrad);
        INDArray dxt = Nd4j.createUninitialized(DataType.FLOAT, rows, nIn);
        NativeDense.matmul(dz, wx, dxt, false, true);
        dx.assign(dxt.reshape('c', steps, b, nIn).permute(1, 0, 2));
        return new INDArray[] {dwx, dwr, db};
    }

    /**
     * Step t: the gates from their pre-activations plus {@code rec}, then c, tanh(c) and h. The activations run over
     * the whole step at once, as loops the JIT vectorizes ({@link FastTanh}); a row of one gate (the units, 32 in
     * the IMDB model) is too short for the vector loop to start.
     */
    private void forwardStep(int t, int b, int u, float[] rec, int r0, int r1) {
        int g = 4 * u;
        float[] zt = z[t];
        int next = (t + 1) * b * u;
        FastTanh.gates(zt, rec, scale, r0 * g, r1 * g);
        for (int r = r0; r < r1; r++) {
            int k = r * g; // i at k, f at k + u, c at k + 2u, o at k + 3u
            int m = next + r * u;
            for (int j = 0; j < u; j++) {
                cell[m + j] = zt[k + u + j] * cell[m - b * u + j] + zt[k + j] * zt[k + 2 * u + j];
            }
        }
        FastTanh.tanh(cell, tanhCell, next + r0 * u, (r1 - r0) * u);
        for (int r = r0; r < r1; r++) {
            int k = r * g + 3 * u;
            int m = next + r * u;
            for (int j = 0; j < u; j++) {
                h[m + j] = zt[k + j] * tanhCell[m + j];
            }
        }
    }

    /** For {@link FastTanh#gates}: per row of [b, 4u], 0.5 for the sigmoid gates (i, f, o), 1 for tanh's (c). */
    private float[] gateScale(int b, int u) {
        int n = b * 4 * u;
        if (scale.length != n || scaleUnits != u) {
            scale = new float[n];
            scaleUnits = u;
            Arrays.fill(scale, 0.5f);
            for (int r = 0; r < b; r++) {
                Arrays.fill(scale, r * 4 * u + 2 * u, r * 4 * u + 3 * u, 1f);
            }
        }
        return scale;
    }

    /**
     * Step t's gate gradients for examples {@code [r0, r1)} into {@code dzStep} [b, 4u]; {@code dcNext} becomes the
     * gradient for step t - 1.
     */
    private void backStep(int t, int b, int u, float[] dhRec, float[] dcNext, float[] dzStep, int r0, int r1) {
        int g = 4 * u;
        float[] zt = z[t];
        int et = t * b * u;
        int now = (t + 1) * b * u;
        int prev = t * b * u;
        for (int r = r0; r < r1; r++) {
            for (int j = 0; j < u; j++) {
                int k = r * g + j;
                int m = r * u + j;
                float i = zt[k];
                float f = zt[k + u];
                float c = zt[k + 2 * u];
                float o = zt[k + 3 * u];
                float tc = tanhCell[now + m];
                float dh = eps[et + m] + dhRec[m];
                float dc = dcNext[m] + dh * o * (1 - tc * tc);
                int q = r * g + j;
                dzStep[q] = dc * c * i * (1 - i);
                dzStep[q + u] = dc * cell[prev + m] * f * (1 - f);
                dzStep[q + 2 * u] = dc * i * (1 - c * c);
                dzStep[q + 3 * u] = dh * tc * o * (1 - o);
                dcNext[m] = dc * f;
            }
        }
    }

    /**
     * {@code out = a x m} for {@code a} [out.length, m.length] c-ordered at {@code a[from]}, with {@code m} and
     * {@code out} as rows: the inner loop reads and writes rows at one index, so the JIT vectorizes it (see
     * {@link FastTanh#gates}), and takes four rows of {@code m} at a time, loading and storing each output row a
     * quarter as often (14 against 8 GMAC/s for the IMDB model's forward product).
     */
    static void times(float[] a, int from, float[][] m, float[][] out) {
        int inner = m.length;
        int cols = out.length == 0 ? 0 : out[0].length;
        for (int r = 0; r < out.length; r++) {
            float[] o = out[r];
            Arrays.fill(o, 0f);
            int ar = from + r * inner;
            int k = 0;
            for (; k + 3 < inner; k += 4) {
                float s0 = a[ar + k];
                float s1 = a[ar + k + 1];
                float s2 = a[ar + k + 2];
                float s3 = a[ar + k + 3];
                float[] m0 = m[k];
                float[] m1 = m[k + 1];
                float[] m2 = m[k + 2];
                float[] m3 = m[k + 3];
                for (int j = 0; j < cols; j++) {
                    o[j] += s0 * m0[j] + s1 * m1[j] + s2 * m2[j] + s3 * m3[j];
                }
            }
            for (; k < inner; k++) {
                float s0 = a[ar + k];
                float[] m0 = m[k];
                for (int j = 0; j < cols; j++) {
                    o[j] += s0 * m0[j];
                }
            }
        }
    }

    /** A matrix's rows as Java arrays. */
    private static float[][] rows(INDArray m) {
        int cols = (int) m.size(1);
        float[] all = m.dup('c').data().asFloat();
        float[][] out = new float[(int) m.size(0)][];
        for (int r = 0; r < out.length; r++) {
            out[r] = Arrays.copyOfRange(all, r * cols, (r + 1) * cols);
        }
        return out;
    }

    /** The rows one after the other into {@code into}, from {@code offset}. */
    private static void flatten(float[][] rows, float[] into, int offset) {
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, into, offset + r * rows[r].length, rows[r].length);
        }
    }

    /** {@code sum[q] += add[q]} for q in {@code [from, to)}: one index for both arrays, vectorized (see FastTanh). */
    private static void addTo(float[] sum, float[] add, int from, int to) {
        for (int q = from; q < to; q++) {
            sum[q] += add[q];
        }
    }

    /** [batch, steps, n] as [steps * batch, n], c-ordered. */
    private static INDArray timeMajor(INDArray a) {
        return a.permute(1, 0, 2).dup('c').reshape('c', a.size(0) * a.size(1), a.size(2));
    }

    /** Rows t*b .. (t+1)*b of a time-major [T*b, n] array: step t. */
    private static INDArray block(INDArray a, int t, int b) {
        return a.get(NDArrayIndex.interval((long) t * b, (long) (t + 1) * b), NDArrayIndex.all());
    }

    /** The first {@code n} floats of a c-ordered array, into {@code reuse} when it is big enough. */
    private static float[] take(INDArray a, int n, float[] reuse) {
        float[] out = reuse.length >= n ? reuse : new float[n];
        a.data().asNioFloat().get((int) a.offset(), out, 0, n);
        return out;
    }
}

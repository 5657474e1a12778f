package io.kerasish.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kerasish.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weights a user loads with {@code setWeights(...)} in Keras's layout give the same outputs as Keras: every layer's
 * forward pass is recomputed here in plain Java loops from Keras's definition (channels-last images, Keras's
 * "same" padding with the extra row/column at the bottom/right, (h, w, c) flatten order, LSTM gates i, f, c, o)
 * and compared with {@code predict} to 1e-5. {@code getWeights()} gives back exactly what was set.
 */
class ForwardNumericsTest {
    private static final double TOL = 1e-5;

    /** A float32 array in Keras's layout (row-major), with its values at hand for the reference computations. */
    private record T(float[] v, long... shape) {
        INDArray nd() {
            return Nd4j.createFromArray(v.clone()).reshape('c', shape);
        }

        int dim(int i) {
            return (int) shape[i];
        }
    }

    private final Random rng = new Random(1234);

    private T rand(double scale, long... shape) {
        float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return new T(v, shape);
    }

    private T positive(double lo, double hi, long... shape) {
        float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + rng.nextDouble() * (hi - lo));
        }
        return new T(v, shape);
    }

    // ---------------------------------------------------------------- Dense, Dropout

    @Test
    void denseIsXDotKernelPlusBiasThenActivation() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(5).inputDim(4).activation("tanh"));
        m.add(new Dense(3).activation("softmax"));
        T k1 = rand(0.7, 4, 5);
        T b1 = rand(0.3, 5);
        T k2 = rand(0.7, 5, 3);
        T b2 = rand(0.3, 3);
        setAndRoundTrip(m, k1, b1, k2, b2);
        T x = rand(1, 6, 4);
        double[] h = dense(x.v(), 6, 4, k1, b1, "tanh");
        double[] y = dense(toFloat(h), 6, 5, k2, b2, "softmax");
        assertClose(y, m.predict(x.nd()), 6, 3);
    }

    @Test
    void denseReluAndSigmoidOutput() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(6).inputDim(3).activation("relu"));
        m.add(new Dense(1).activation("sigmoid"));
        T k1 = rand(1, 3, 6);
        T b1 = rand(0.5, 6);
        T k2 = rand(1, 6, 1);
        T b2 = rand(0.5, 1);
        setAndRoundTrip(m, k1, b1, k2, b2);
        T x = rand(1, 5, 3);
        double[] y = dense(toFloat(dense(x.v(), 5, 3, k1, b1, "relu")), 5, 6, k2, b2, "sigmoid");
        assertClose(y, m.predict(x.nd()), 5, 1);
    }

    @Test
    void dropoutDoesNothingAtInference() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(5).inputDim(4).activation("relu"));
        m.add(new Dropout(0.5));
        m.add(new Dense(2));
        T k1 = rand(1, 4, 5);
        T b1 = rand(0.5, 5);
        T k2 = rand(1, 5, 2);
        T b2 = rand(0.5, 2);
        setAndRoundTrip(m, k1, b1, k2, b2);
        T x = rand(1, 4, 4);
        double[] y = dense(toFloat(dense(x.v(), 4, 4, k1, b1, "relu")), 4, 5, k2, b2, "linear");
        assertClose(y, m.predict(x.nd()), 4, 2);
    }

    @Test
    void denseOnSequencesAppliesToEachStep() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(3).inputShape(4, 2).activation("tanh"));
        m.add(new Dense(2));
        T k1 = rand(1, 2, 3);
        T b1 = rand(0.5, 3);
        T k2 = rand(1, 3, 2);
        T b2 = rand(0.5, 2);
        setAndRoundTrip(m, k1, b1, k2, b2);
        T x = rand(1, 3, 4, 2);
        // (N, T, F) row-major is (N*T, F) row-major
        double[] y = dense(toFloat(dense(x.v(), 12, 2, k1, b1, "tanh")), 12, 3, k2, b2, "linear");
        assertClose(y, m.predict(x.nd()), 3, 4, 2);
    }

    // ---------------------------------------------------------------- Conv2D

    @Test
    void conv2dValid() {
        convCase(5, 5, 2, 3, 3, 3, 1, 1, 1, "valid", "linear");
    }

    @Test
    void conv2dSame() {
        convCase(5, 5, 2, 3, 3, 3, 1, 1, 1, "same", "linear");
    }

    @Test
    void conv2dSameEvenKernelPadsBottomRight() {
        // a 2x2 kernel needs one padding row/column: Keras puts it at the bottom/right
        convCase(5, 5, 2, 3, 2, 2, 1, 1, 1, "same", "linear");
    }

    @Test
    void conv2dSameStrideTwoPadsBottomRight() {
        // 6 wide, kernel 3, stride 2: output 3, total padding (3-1)*2+3-6 = 1, all of it at the bottom/right
        convCase(6, 6, 2, 3, 3, 3, 2, 2, 1, "same", "relu");
    }

    @Test
    void conv2dValidStridesNonSquare() {
        convCase(7, 6, 2, 4, 3, 2, 2, 1, 1, "valid", "tanh");
    }

    @Test
    void conv2dValidDilation() {
        convCase(7, 7, 2, 2, 3, 3, 1, 1, 2, "valid", "linear");
    }

    @Test
    void conv2dSameDilation() {
        convCase(6, 6, 2, 2, 3, 3, 1, 1, 2, "same", "linear");
    }

    private void convCase(int h, int w, int c, int filters, int kh, int kw, int sh, int sw, int dil, String padding,
            String activation) {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(filters, kh, kw).strides(sh, sw).dilationRate(dil).padding(padding).activation(activation)
                .inputShape(h, w, c));
        T k = rand(0.5, kh, kw, c, filters);
        T b = rand(0.5, filters);
        setAndRoundTrip(m, k, b);
        T x = rand(1, 2, h, w, c);
        T y = conv2d(x, k, b, sh, sw, dil, padding.equals("same"));
        activate(y.v(), activation);
        assertClose(y, m.predict(x.nd()));
    }

    @Test
    void flattenAfterConv2DUsesKerasOrderForTheDenseKernel() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(3, 3).inputShape(5, 5, 2));
        m.add(new Flatten());
        m.add(new Dense(2));
        T k = rand(0.5, 3, 3, 2, 3);
        T b = rand(0.5, 3);
        T dk = rand(0.5, 27, 2);
        T db = rand(0.5, 2);
        setAndRoundTrip(m, k, b, dk, db);
        T x = rand(1, 3, 5, 5, 2);
        T conv = conv2d(x, k, b, 1, 1, 1, false);
        // Keras flattens (h, w, c) row-major: the conv output's own row-major order, 27 values per example
        double[] y = dense(conv.v(), 3, 27, dk, db, "linear");
        assertClose(y, m.predict(x.nd()), 3, 2);
    }

    @Test
    void reshapeToImageThenConv2D() {
        Sequential m = new Sequential().seed(1);
        m.add(new Reshape(3, 4, 2).inputShape(24));
        m.add(new Conv2D(2, 2));
        T k = rand(0.5, 2, 2, 2, 2);
        T b = rand(0.5, 2);
        setAndRoundTrip(m, k, b);
        T x = rand(1, 2, 24);
        T y = conv2d(new T(x.v(), 2, 3, 4, 2), k, b, 1, 1, 1, false);
        assertClose(y, m.predict(x.nd()));
    }

    // ---------------------------------------------------------------- pooling

    @Test
    void maxPoolingValid() {
        poolCase(new MaxPooling2D(2), 5, 5, 2, 2, 2, 2, 2, false, true);
    }

    @Test
    void maxPoolingSame() {
        poolCase(new MaxPooling2D(2).padding("same"), 5, 5, 2, 2, 2, 2, 2, true, true);
    }

    @Test
    void maxPoolingStrides() {
        poolCase(new MaxPooling2D(3).strides(2), 7, 6, 2, 3, 3, 2, 2, false, true);
    }

    @Test
    void averagePoolingValid() {
        poolCase(new AveragePooling2D(2), 5, 5, 2, 2, 2, 2, 2, false, false);
    }

    @Test
    void averagePoolingSameLeavesPaddingOutOfTheMean() {
        poolCase(new AveragePooling2D(2).padding("same"), 5, 5, 2, 2, 2, 2, 2, true, false);
    }

    @Test
    void averagePoolingSameStrideOne() {
        // pool 3, stride 1: one padding cell on each side; border means are over fewer cells
        poolCase(new AveragePooling2D(3).strides(1).padding("same"), 4, 5, 2, 3, 3, 1, 1, true, false);
    }

    private void poolCase(Pooling2D<?> layer, int h, int w, int c, int ph, int pw, int sh, int sw, boolean same,
            boolean max) {
        Sequential m = new Sequential().seed(1);
        m.add(layer.inputShape(h, w, c));
        m.build();
        T x = rand(1, 3, h, w, c);
        assertClose(pool(x, ph, pw, sh, sw, same, max), m.predict(x.nd()));
    }

    @Test
    void globalAveragePoolingIsTheMeanOfEachChannel() {
        globalCase(new GlobalAveragePooling2D(), false);
    }

    @Test
    void globalMaxPoolingIsTheMaxOfEachChannel() {
        globalCase(new GlobalMaxPooling2D(), true);
    }

    private void globalCase(GlobalPooling2D<?> layer, boolean max) {
        Sequential m = new Sequential().seed(1);
        m.add(layer.inputShape(3, 4, 5));
        m.build();
        T x = rand(1, 2, 3, 4, 5);
        double[] y = new double[2 * 5];
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < 5; ch++) {
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        double v = x.v()[((n * 3 + i) * 4 + j) * 5 + ch];
                        acc = max ? Math.max(acc, v) : acc + v;
                    }
                }
                y[n * 5 + ch] = max ? acc : acc / 12;
            }
        }
        assertClose(y, m.predict(x.nd()), 2, 5);
    }

    @Test
    void globalAveragePoolingAfterConv2DThenDense() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(3, 2).inputShape(4, 4, 2).activation("relu"));
        m.add(new GlobalAveragePooling2D());
        m.add(new Dense(2));
        T k = rand(0.5, 2, 2, 2, 3);
        T b = rand(0.5, 3);
        T dk = rand(0.5, 3, 2);
        T db = rand(0.5, 2);
        setAndRoundTrip(m, k, b, dk, db);
        T x = rand(1, 2, 4, 4, 2);
        T conv = conv2d(x, k, b, 1, 1, 1, false);
        activate(conv.v(), "relu");
        float[] g = new float[2 * 3];
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < 3; ch++) {
                double s = 0;
                for (int p = 0; p < 9; p++) {
                    s += conv.v()[(n * 9 + p) * 3 + ch];
                }
                g[n * 3 + ch] = (float) (s / 9);
            }
        }
        assertClose(dense(g, 2, 3, dk, db, "linear"), m.predict(x.nd()), 2, 2);
    }

    // ---------------------------------------------------------------- Embedding

    @Test
    void embeddingLooksUpRows() {
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(7, 3).inputLength(4));
        T e = rand(1, 7, 3);
        setAndRoundTrip(m, e);
        int[][] ids = {{0, 6, 2, 2}, {5, 1, 3, 4}};
        double[] y = new double[2 * 4 * 3];
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < 4; t++) {
                for (int d = 0; d < 3; d++) {
                    y[(n * 4 + t) * 3 + d] = e.v()[ids[n][t] * 3 + d];
                }
            }
        }
        assertClose(y, m.predict(Nd4j.createFromArray(ids)), 2, 4, 3);
    }

    @Test
    void embeddingThenFlattenThenDense() {
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(5, 2).inputLength(3));
        m.add(new Flatten());
        m.add(new Dense(1));
        T e = rand(1, 5, 2);
        T k = rand(1, 6, 1);
        T b = rand(1, 1);
        setAndRoundTrip(m, e, k, b);
        int[][] ids = {{4, 0, 1}, {2, 2, 3}};
        float[] flat = new float[2 * 6];
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < 3; t++) {
                for (int d = 0; d < 2; d++) {
                    flat[n * 6 + t * 2 + d] = e.v()[ids[n][t] * 2 + d];
                }
            }
        }
        assertClose(dense(flat, 2, 6, k, b, "linear"), m.predict(Nd4j.createFromArray(ids)), 2, 1);
    }

    // ---------------------------------------------------------------- recurrent

    @Test
    void simpleRnnLastStep() {
        rnnCase(false);
    }

    @Test
    void simpleRnnReturnSequences() {
        rnnCase(true);
    }

    private void rnnCase(boolean returnSequences) {
        int n = 2;
        int steps = 5;
        int f = 3;
        int u = 4;
        Sequential m = new Sequential().seed(1);
        m.add(new SimpleRNN(u).returnSequences(returnSequences).inputShape(steps, f));
        T k = rand(0.6, f, u);
        T r = rand(0.6, u, u);
        T b = rand(0.3, u);
        setAndRoundTrip(m, k, r, b);
        T x = rand(1, n, steps, f);
        double[] all = new double[n * steps * u];
        for (int e = 0; e < n; e++) {
            double[] h = new double[u];
            for (int t = 0; t < steps; t++) {
                double[] z = new double[u];
                for (int j = 0; j < u; j++) {
                    double s = b.v()[j];
                    for (int i = 0; i < f; i++) {
                        s += x.v()[(e * steps + t) * f + i] * k.v()[i * u + j];
                    }
                    for (int i = 0; i < u; i++) {
                        s += h[i] * r.v()[i * u + j];
                    }
                    z[j] = Math.tanh(s);
                }
                h = z;
                System.arraycopy(h, 0, all, (e * steps + t) * u, u);
            }
        }
        INDArray out = m.predict(x.nd());
        if (returnSequences) {
            assertClose(all, out, n, steps, u);
        } else {
            assertClose(lastStep(all, n, steps, u), out, n, u);
        }
    }

    @Test
    void lstmLastStepWithKerasGateOrder() {
        lstmCase(false);
    }

    @Test
    void lstmReturnSequencesWithKerasGateOrder() {
        lstmCase(true);
    }

    private void lstmCase(boolean returnSequences) {
        int n = 2;
        int steps = 4;
        int f = 3;
        int u = 3;
        Sequential m = new Sequential().seed(1);
        m.add(new LSTM(u).returnSequences(returnSequences).inputShape(steps, f));
        T k = rand(0.7, f, 4 * u);
        T r = rand(0.7, u, 4 * u);
        T b = rand(0.7, 4 * u);
        setAndRoundTrip(m, k, r, b);
        T x = rand(1, n, steps, f);
        double[] all = lstm(x, k, r, b, u);
        INDArray out = m.predict(x.nd());
        if (returnSequences) {
            assertClose(all, out, n, steps, u);
        } else {
            assertClose(lastStep(all, n, steps, u), out, n, u);
        }
    }

    @Test
    void lstmGatesAreNotInterchangeable() {
        // the same weights with two gate blocks of the kernel swapped must give a different output; otherwise the
        // test above could pass with a wrong gate order
        int u = 2;
        Sequential m = new Sequential().seed(1);
        m.add(new LSTM(u).inputShape(3, 2));
        T k = rand(0.9, 2, 4 * u);
        T r = rand(0.9, u, 4 * u);
        T b = rand(0.9, 4 * u);
        T x = rand(1, 2, 3, 2);
        setAndRoundTrip(m, k, r, b);
        INDArray a = m.predict(x.nd()).dup();
        float[] swapped = k.v().clone();
        for (int row = 0; row < 2; row++) {
            for (int j = 0; j < u; j++) {
                swapped[row * 4 * u + j] = k.v()[row * 4 * u + 3 * u + j]; // i <- o
                swapped[row * 4 * u + 3 * u + j] = k.v()[row * 4 * u + j]; // o <- i
            }
        }
        T k2 = new T(swapped, 2, 4 * u);
        setAndRoundTrip(m, k2, r, b);
        INDArray c = m.predict(x.nd());
        assertClose(lastStep(lstm(x, k2, r, b, u), 2, 3, u), c, 2, u);
        double diff = a.sub(c).amaxNumber().doubleValue();
        assertEquals(true, diff > 1e-3, "swapping the i and o gates changed the output by only " + diff);
    }

    @Test
    void embeddingThenLstmThenDense() {
        int u = 3;
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(6, 2).inputLength(4));
        m.add(new LSTM(u));
        m.add(new Dense(2).activation("softmax"));
        T e = rand(1, 6, 2);
        T k = rand(0.7, 2, 4 * u);
        T r = rand(0.7, u, 4 * u);
        T b = rand(0.7, 4 * u);
        T dk = rand(1, u, 2);
        T db = rand(0.5, 2);
        setAndRoundTrip(m, e, k, r, b, dk, db);
        int[][] ids = {{1, 5, 0, 3}, {2, 2, 4, 1}, {0, 0, 0, 0}};
        float[] emb = new float[3 * 4 * 2];
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 4; t++) {
                System.arraycopy(e.v(), ids[s][t] * 2, emb, (s * 4 + t) * 2, 2);
            }
        }
        double[] h = lastStep(lstm(new T(emb, 3, 4, 2), k, r, b, u), 3, 4, u);
        assertClose(dense(toFloat(h), 3, u, dk, db, "softmax"), m.predict(Nd4j.createFromArray(ids)), 3, 2);
    }

    // ---------------------------------------------------------------- BatchNormalization

    @Test
    void batchNormalizationOnVectorsAtInference() {
        Sequential m = new Sequential().seed(1);
        m.add(new BatchNormalization().inputShape(4));
        T gamma = rand(1.5, 4);
        T beta = rand(1, 4);
        T mean = rand(1, 4);
        T var = positive(0.1, 2, 4);
        setAndRoundTrip(m, gamma, beta, mean, var);
        T x = rand(2, 5, 4);
        assertClose(batchNorm(x, gamma, beta, mean, var, 1e-3), m.predict(x.nd()), 5, 4);
    }

    @Test
    void batchNormalizationOnImagesNormalizesTheLastAxis() {
        Sequential m = new Sequential().seed(1);
        m.add(new BatchNormalization().inputShape(3, 2, 3));
        T gamma = rand(1.5, 3);
        T beta = rand(1, 3);
        T mean = rand(1, 3);
        T var = positive(0.1, 2, 3);
        setAndRoundTrip(m, gamma, beta, mean, var);
        T x = rand(2, 2, 3, 2, 3);
        assertClose(batchNorm(x, gamma, beta, mean, var, 1e-3), m.predict(x.nd()), 2, 3, 2, 3);
    }

    @Test
    void batchNormalizationWithCustomEpsilonAfterDense() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(3).inputDim(2));
        m.add(new BatchNormalization().epsilon(0.5));
        T k = rand(1, 2, 3);
        T kb = rand(1, 3);
        T gamma = rand(1.5, 3);
        T beta = rand(1, 3);
        T mean = rand(1, 3);
        T var = positive(0.01, 0.2, 3);
        setAndRoundTrip(m, k, kb, gamma, beta, mean, var);
        T x = rand(1, 4, 2);
        T h = new T(toFloat(dense(x.v(), 4, 2, k, kb, "linear")), 4, 3);
        assertClose(batchNorm(h, gamma, beta, mean, var, 0.5), m.predict(x.nd()), 4, 3);
    }

    // ---------------------------------------------------------------- round trip of a whole model

    @Test
    void getWeightsReturnsExactlyWhatSetWeightsWasGiven() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(3, 3).inputShape(6, 6, 2));
        m.add(new BatchNormalization());
        m.add(new MaxPooling2D());
        m.add(new Flatten());
        m.add(new Dense(4));
        m.add(new Reshape(2, 2));
        m.add(new LSTM(3).returnSequences(true));
        m.add(new SimpleRNN(2));
        setAndRoundTrip(m, rand(1, 3, 3, 2, 3), rand(1, 3), rand(1, 3), rand(1, 3), rand(1, 3), positive(0.1, 1, 3),
                rand(1, 12, 4), rand(1, 4), rand(1, 2, 12), rand(1, 3, 12), rand(1, 12), rand(1, 3, 2),
                rand(1, 2, 2), rand(1, 2));
    }

    // ---------------------------------------------------------------- reference implementations (Keras's math)

    /** Sets the weights and checks that getWeights() gives back the same shapes and values (max abs diff 0). */
    private static void setAndRoundTrip(Sequential m, T... weights) {
        List<INDArray> given = new ArrayList<>();
        for (T t : weights) {
            given.add(t.nd());
        }
        m.setWeights(given);
        List<INDArray> back = m.getWeights();
        assertEquals(given.size(), back.size(), "number of weight arrays");
        for (int i = 0; i < given.size(); i++) {
            assertArrayEquals(weights[i].shape(), back.get(i).shape(), "weight " + i + " shape");
            assertEquals(DataType.FLOAT, back.get(i).dataType(), "weight " + i + " type");
            float[] got = back.get(i).dup('c').data().asFloat();
            assertArrayEquals(weights[i].v(), got, 0f, "weight " + i + " values");
        }
    }

    private static double[] dense(float[] x, int n, int in, T kernel, T bias, String activation) {
        int units = kernel.dim(1);
        double[] y = new double[n * units];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < units; j++) {
                double s = bias.v()[j];
                for (int i = 0; i < in; i++) {
                    s += x[e * in + i] * (double) kernel.v()[i * units + j];
                }
                y[e * units + j] = s;
            }
            if (activation.equals("softmax")) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < units; j++) {
                    max = Math.max(max, y[e * units + j]);
                }
                double sum = 0;
                for (int j = 0; j < units; j++) {
                    y[e * units + j] = Math.exp(y[e * units + j] - max);
                    sum += y[e * units + j];
                }
                for (int j = 0; j < units; j++) {
                    y[e * units + j] /= sum;
                }
            }
        }
        if (!activation.equals("softmax")) {
            activate(y, activation);
        }
        return y;
    }

    private static void activate(double[] y, String activation) {
        for (int i = 0; i < y.length; i++) {
            y[i] = switch (activation) {
                case "linear" -> y[i];
                case "relu" -> Math.max(0, y[i]);
                case "tanh" -> Math.tanh(y[i]);
                case "sigmoid" -> sigmoid(y[i]);
                default -> throw new IllegalArgumentException(activation);
            };
        }
    }

    private static void activate(float[] y, String activation) {
        double[] d = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            d[i] = y[i];
        }
        activate(d, activation);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) d[i];
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Output length and the padding before the first element, as TensorFlow computes them. */
    private static int[] outAndPad(int in, int kernel, int stride, int dilation, boolean same) {
        int eff = (kernel - 1) * dilation + 1;
        if (same) {
            int out = (in + stride - 1) / stride;
            int total = Math.max((out - 1) * stride + eff - in, 0);
            return new int[] {out, total / 2}; // the odd cell goes after (bottom/right)
        }
        return new int[] {(in - eff) / stride + 1, 0};
    }

    /** Keras Conv2D, channels-last: x (n, h, w, c), kernel (kh, kw, c, f), bias (f). */
    private static T conv2d(T x, T k, T b, int sh, int sw, int dil, boolean same) {
        int n = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        int c = x.dim(3);
        int kh = k.dim(0);
        int kw = k.dim(1);
        int f = k.dim(3);
        int[] oh = outAndPad(h, kh, sh, dil, same);
        int[] ow = outAndPad(w, kw, sw, dil, same);
        float[] y = new float[n * oh[0] * ow[0] * f];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < oh[0]; i++) {
                for (int j = 0; j < ow[0]; j++) {
                    for (int o = 0; o < f; o++) {
                        double s = b.v()[o];
                        for (int a = 0; a < kh; a++) {
                            int r = i * sh - oh[1] + a * dil;
                            for (int q = 0; q < kw; q++) {
                                int col = j * sw - ow[1] + q * dil;
                                if (r < 0 || r >= h || col < 0 || col >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < c; ci++) {
                                    s += x.v()[((e * h + r) * w + col) * c + ci]
                                            * (double) k.v()[((a * kw + q) * c + ci) * f + o];
                                }
                            }
                        }
                        y[((e * oh[0] + i) * ow[0] + j) * f + o] = (float) s;
                    }
                }
            }
        }
        return new T(y, n, oh[0], ow[0], f);
    }

    /** Keras MaxPooling2D / AveragePooling2D; padded cells are left out of both the max and the mean. */
    private static T pool(T x, int ph, int pw, int sh, int sw, boolean same, boolean max) {
        int n = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        int c = x.dim(3);
        int[] oh = outAndPad(h, ph, sh, 1, same);
        int[] ow = outAndPad(w, pw, sw, 1, same);
        float[] y = new float[n * oh[0] * ow[0] * c];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < oh[0]; i++) {
                for (int j = 0; j < ow[0]; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int a = 0; a < ph; a++) {
                            int r = i * sh - oh[1] + a;
                            for (int q = 0; q < pw; q++) {
                                int col = j * sw - ow[1] + q;
                                if (r < 0 || r >= h || col < 0 || col >= w) {
                                    continue;
                                }
                                double v = x.v()[((e * h + r) * w + col) * c + ch];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        y[((e * oh[0] + i) * ow[0] + j) * c + ch] = (float) (max ? acc : acc / count);
                    }
                }
            }
        }
        return new T(y, n, oh[0], ow[0], c);
    }

    /**
     * Keras LSTM over x (n, steps, f), every step's h: gates i, f, c, o in kernel columns [0:u], [u:2u], [2u:3u],
     * [3u:4u]; sigmoid recurrent activation, tanh activation; h_0 = c_0 = 0.
     */
    private static double[] lstm(T x, T k, T r, T b, int u) {
        int n = x.dim(0);
        int steps = x.dim(1);
        int f = x.dim(2);
        double[] all = new double[n * steps * u];
        for (int e = 0; e < n; e++) {
            double[] h = new double[u];
            double[] c = new double[u];
            for (int t = 0; t < steps; t++) {
                double[] z = new double[4 * u];
                for (int j = 0; j < 4 * u; j++) {
                    double s = b.v()[j];
                    for (int i = 0; i < f; i++) {
                        s += x.v()[(e * steps + t) * f + i] * (double) k.v()[i * 4 * u + j];
                    }
                    for (int i = 0; i < u; i++) {
                        s += h[i] * r.v()[i * 4 * u + j];
                    }
                    z[j] = s;
                }
                double[] hn = new double[u];
                for (int j = 0; j < u; j++) {
                    double ig = sigmoid(z[j]);
                    double fg = sigmoid(z[u + j]);
                    double cand = Math.tanh(z[2 * u + j]);
                    double og = sigmoid(z[3 * u + j]);
                    c[j] = fg * c[j] + ig * cand;
                    hn[j] = og * Math.tanh(c[j]);
                }
                h = hn;
                System.arraycopy(h, 0, all, (e * steps + t) * u, u);
            }
        }
        return all;
    }

    private static double[] lastStep(double[] all, int n, int steps, int u) {
        double[] y = new double[n * u];
        for (int e = 0; e < n; e++) {
            System.arraycopy(all, (e * steps + steps - 1) * u, y, e * u, u);
        }
        return y;
    }

    /** Keras BatchNormalization at inference over the last axis. */
    private static double[] batchNorm(T x, T gamma, T beta, T mean, T var, double eps) {
        int c = (int) x.shape()[x.shape().length - 1];
        double[] y = new double[x.v().length];
        for (int i = 0; i < y.length; i++) {
            int ch = i % c;
            y[i] = (x.v()[i] - (double) mean.v()[ch]) / Math.sqrt(var.v()[ch] + eps) * gamma.v()[ch] + beta.v()[ch];
        }
        return y;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static void assertClose(T expected, INDArray actual) {
        double[] d = new double[expected.v().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = expected.v()[i];
        }
        assertClose(d, actual, expected.shape());
    }

    private static void assertClose(double[] expected, INDArray actual, long... shape) {
        assertArrayEquals(shape, actual.shape(), "output shape " + Arrays.toString(actual.shape()));
        float[] got = actual.dup('c').data().asFloat();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - got[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        if (!(worst <= TOL)) {
            throw new AssertionError("max abs diff " + worst + " at flat index " + at + ": expected " + expected[at]
                    + ", got " + got[at] + "\nexpected " + Arrays.toString(expected) + "\nactual   "
                    + Arrays.toString(got));
        }
    }
}

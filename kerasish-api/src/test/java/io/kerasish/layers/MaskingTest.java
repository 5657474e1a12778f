package io.kerasish.layers;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.shuffle;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code Embedding(mask_zero=True)} behaves as in Keras: id 0 is padding, padded steps leave the recurrent state
 * alone and many-to-one returns the state after the last real step, wherever the padding is (pre, post, inside),
 * in predict, evaluate and fit. The reference is Keras's masked recurrent loop written out here in plain Java.
 */
class MaskingTest {
    private static final int V = 6;
    private static final int F = 2;
    private static final int U = 3;
    private static final int[][] IDS = {
        {0, 0, 3, 4, 5}, // pre-padded (Keras's default)
        {3, 4, 5, 0, 0}, // post-padded
        {3, 0, 4, 0, 5}, // masked steps inside
        {1, 2, 3, 4, 5}, // no padding
        {0, 0, 0, 0, 0}, // nothing but padding: Keras returns the initial state, zeros
        {0, 0, 0, 2, 1}};

    private final Random rng = new Random(7);

    private float[] rand(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Keras's masked LSTM (gates i, f, c, o), final h: a masked step keeps h and c as they were. */
    private static double[] kerasMaskedLstm(int[] ids, float[] e, float[] k, float[] r, float[] b) {
        double[] h = new double[U];
        double[] c = new double[U];
        for (int id : ids) {
            if (id == 0) {
                continue;
            }
            double[] z = new double[4 * U];
            for (int j = 0; j < 4 * U; j++) {
                double s = b[j];
                for (int i = 0; i < F; i++) {
                    s += e[id * F + i] * (double) k[i * 4 * U + j];
                }
                for (int i = 0; i < U; i++) {
                    s += h[i] * r[i * 4 * U + j];
                }
                z[j] = s;
            }
            double[] hn = new double[U];
            for (int j = 0; j < U; j++) {
                c[j] = sigmoid(z[U + j]) * c[j] + sigmoid(z[j]) * Math.tanh(z[2 * U + j]);
                hn[j] = sigmoid(z[3 * U + j]) * Math.tanh(c[j]);
            }
            h = hn;
        }
        return h;
    }

    /** Keras's masked SimpleRNN, final h. */
    private static double[] kerasMaskedRnn(int[] ids, float[] e, float[] k, float[] r, float[] b) {
        double[] h = new double[U];
        for (int id : ids) {
            if (id == 0) {
                continue;
            }
            double[] hn = new double[U];
            for (int j = 0; j < U; j++) {
                double s = b[j];
                for (int i = 0; i < F; i++) {
                    s += e[id * F + i] * (double) k[i * U + j];
                }
                for (int i = 0; i < U; i++) {
                    s += h[i] * r[i * U + j];
                }
                hn[j] = Math.tanh(s);
            }
            h = hn;
        }
        return h;
    }

    private static INDArray ids(int[][] ids) {
        return Nd4j.createFromArray(ids).castTo(DataType.FLOAT);
    }

    private static INDArray arr(float[] v, long... shape) {
        return Nd4j.createFromArray(v.clone()).reshape('c', shape);
    }

    private Sequential maskedLstm(float[] e, float[] k, float[] r, float[] b) {
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(V, F).maskZero(true).inputLength(5));
        m.add(new LSTM(U));
        m.build();
        m.setWeights(List.of(arr(e, V, F), arr(k, F, 4 * U), arr(r, U, 4 * U), arr(b, 4 * U)));
        return m;
    }

    private static void assertRows(double[][] want, INDArray got, double tol) {
        for (int n = 0; n < want.length; n++) {
            for (int j = 0; j < want[n].length; j++) {
                assertEquals(want[n][j], got.getDouble(n, j), tol, "row " + n + " unit " + j);
            }
        }
    }

    @Test
    void lstmManyToOneIsKerasMaskedLoopForPrePostAndInnerPadding() {
        float[] e = rand(V * F);
        float[] k = rand(F * 4 * U);
        float[] r = rand(U * 4 * U);
        float[] b = rand(4 * U);
        Sequential m = maskedLstm(e, k, r, b);
        double[][] want = new double[IDS.length][];
        for (int n = 0; n < IDS.length; n++) {
            want[n] = kerasMaskedLstm(IDS[n], e, k, r, b);
        }
        INDArray got = m.predict(ids(IDS));
        assertRows(want, got, 1e-5);
        // the first three rows hold the same real steps 3, 4, 5: the same answer wherever the padding is
        assertEquals(0, got.getRow(0).sub(got.getRow(1)).amaxNumber().doubleValue(), 1e-6);
        assertEquals(0, got.getRow(0).sub(got.getRow(2)).amaxNumber().doubleValue(), 1e-6);
        assertEquals(0, got.getRow(4).amaxNumber().doubleValue(), 0.0, "all padding gives the initial state");
    }

    @Test
    void aFrozenMaskedLstmStillMasks() {
        float[] e = rand(V * F);
        float[] k = rand(F * 4 * U);
        float[] r = rand(U * 4 * U);
        float[] b = rand(4 * U);
        Sequential m = maskedLstm(e, k, r, b);
        m.getLayer("lstm").trainable(false);
        m.compile("adam", "mse");
        double[][] want = new double[IDS.length][];
        for (int n = 0; n < IDS.length; n++) {
            want[n] = kerasMaskedLstm(IDS[n], e, k, r, b);
        }
        assertRows(want, m.predict(ids(IDS)), 1e-5);
    }

    @Test
    void simpleRnnManyToOneIsKerasMaskedLoop() {
        float[] e = rand(V * F);
        float[] k = rand(F * U);
        float[] r = rand(U * U);
        float[] b = rand(U);
        Sequential m = new Sequential().seed(1);
        m.add(new Embedding(V, F).maskZero(true).inputLength(5));
        m.add(new SimpleRNN(U));
        m.build();
        m.setWeights(List.of(arr(e, V, F), arr(k, F, U), arr(r, U, U), arr(b, U)));
        double[][] want = new double[IDS.length][];
        for (int n = 0; n < IDS.length; n++) {
            want[n] = kerasMaskedRnn(IDS[n], e, k, r, b);
        }
        assertRows(want, m.predict(ids(IDS)), 1e-5);
    }

    /**
     * Why kerasish moves the padding itself: DL4J 1.0.0-M2.1 on its own (LastTimeStep and a features mask) resets the
     * LSTM state at masked steps. That is Keras's answer for padding before or after the real steps, not for masked
     * steps between them, where Keras keeps the state. If a DL4J upgrade changes this, this test says so.
     */
    @Test
    void dl4jAloneResetsTheStateAtMaskedStepsBetweenRealOnes() {
        float[] e = rand(V * F);
        float[] k = rand(F * 4 * U);
        float[] r = rand(U * 4 * U);
        float[] b = rand(4 * U);
        Sequential plain = new Sequential().seed(1);
        plain.add(new Embedding(V, F).inputLength(5));
        plain.add(new LSTM(U));
        plain.build();
        plain.setWeights(List.of(arr(e, V, F), arr(k, F, 4 * U), arr(r, U, 4 * U), arr(b, 4 * U)));
        int[][] rows = {{0, 0, 3, 4, 5}, {3, 4, 5, 0, 0}, {3, 0, 4, 0, 5}, {0, 3, 0, 4, 5}};
        INDArray x = ids(rows);
        INDArray raw = plain.dl4j().output(x, false, x.neq(0).castTo(DataType.FLOAT), null);
        double[] diff = new double[rows.length];
        for (int n = 0; n < rows.length; n++) {
            double[] keras = kerasMaskedLstm(rows[n], e, k, r, b);
            for (int j = 0; j < U; j++) {
                diff[n] = Math.max(diff[n], Math.abs(raw.getDouble(n, j) - keras[j]));
            }
        }
        assertEquals(0, diff[0], 1e-5, "pre-padding");
        assertEquals(0, diff[1], 1e-5, "post-padding");
        assertTrue(diff[2] > 1e-3 && diff[3] > 1e-3, "DL4J alone now keeps the state through inner masked steps "
                + "(diffs " + diff[2] + ", " + diff[3] + "): ZeroMask's reordering may be unnecessary");
    }

    @Test
    void maskPassesThroughDenseDropoutAndActivationPerStep() {
        Sequential masked = new Sequential().seed(3);
        masked.add(new Embedding(V, F).maskZero(true).inputLength(6));
        masked.add(new Dense(4).activation("tanh"));
        masked.add(new Dropout(0.3));
        masked.add(new Activation("relu"));
        masked.add(new LSTM(U));
        masked.add(new Dense(1).activation("sigmoid"));
        masked.build();
        // the same weights without padding and without a mask: Keras gives the same answer for the real steps
        Sequential plain = new Sequential().seed(4);
        plain.add(new Embedding(V, F).inputLength(3));
        plain.add(new Dense(4).activation("tanh"));
        plain.add(new Dropout(0.3));
        plain.add(new Activation("relu"));
        plain.add(new LSTM(U));
        plain.add(new Dense(1).activation("sigmoid"));
        plain.build();
        plain.setWeights(masked.getWeights());
        INDArray got = masked.predict(ids(new int[][] {{0, 0, 0, 5, 1, 2}, {5, 0, 1, 0, 2, 0}, {5, 1, 2, 0, 0, 0}}));
        INDArray want = plain.predict(ids(new int[][] {{5, 1, 2}}));
        for (int n = 0; n < 3; n++) {
            assertEquals(want.getDouble(0, 0), got.getDouble(n, 0), 1e-6, "row " + n);
        }
    }

    @Test
    void evaluateUsesTheMask() {
        Sequential m = new Sequential().seed(5);
        m.add(new Embedding(V, F).maskZero(true).inputLength(5));
        m.add(new LSTM(U));
        m.add(new Dense(1).activation("sigmoid"));
        m.compile("adam", "binary_crossentropy", "accuracy");
        INDArray x = ids(IDS);
        INDArray y = Nd4j.createFromArray(new float[] {1, 0, 1, 0, 1, 0}).reshape(6, 1);
        INDArray p = m.predict(x);
        double loss = 0;
        for (int i = 0; i < 6; i++) {
            double q = Math.min(Math.max(p.getDouble(i, 0), 1e-7), 1 - 1e-7);
            loss -= y.getDouble(i, 0) == 1 ? Math.log(q) : Math.log(1 - q);
        }
        assertEquals(loss / 6, m.evaluate(x, y).get("loss"), 1e-5);
    }

    /** With masking, where the padding goes does not matter to training either: both runs end with the same weights. */
    @Test
    void preAndPostPaddedDataTrainTheSameWeights() {
        Random data = new Random(11);
        int n = 48;
        int steps = 8;
        int[][] pre = new int[n][steps];
        int[][] post = new int[n][steps];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int len = 1 + data.nextInt(steps);
            for (int t = 0; t < len; t++) {
                int id = 1 + data.nextInt(V - 1);
                pre[i][steps - len + t] = id;
                post[i][t] = id;
            }
            y[i] = post[i][0] <= 2 ? 1 : 0;
        }
        INDArray labels = Nd4j.createFromArray(y).reshape(n, 1);
        List<INDArray> a = train(ids(pre), labels, 2);
        List<INDArray> b = train(ids(post), labels, 2);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(0, a.get(i).sub(b.get(i)).amaxNumber().doubleValue(), 1e-6, "weight " + i);
        }
    }

    /** A task that needs the first real step of post-padded sequences: the masked model learns it. */
    @Test
    void learnsTheFirstRealStepOfPostPaddedSequences() {
        Random data = new Random(12);
        int n = 128;
        int steps = 12;
        int[][] x = new int[n][steps];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int len = 2 + data.nextInt(5);
            for (int t = 0; t < len; t++) {
                x[i][t] = 1 + data.nextInt(V - 1);
            }
            y[i] = x[i][0] <= 2 ? 1 : 0;
        }
        Sequential m = new Sequential().seed(2);
        m.add(new Embedding(V, 8).maskZero(true).inputLength(steps));
        m.add(new LSTM(8));
        m.add(new Dense(1).activation("sigmoid"));
        m.compile(new io.kerasish.optimizers.Adam(0.02), "binary_crossentropy", "accuracy");
        INDArray labels = Nd4j.createFromArray(y).reshape(n, 1);
        m.fit(ids(x), labels, epochs(60), batchSize(32), verbose(0));
        assertEquals(1.0, m.evaluate(ids(x), labels).get("accuracy"), 1e-9);
    }

    private static List<INDArray> train(INDArray x, INDArray y, int epochs) {
        Sequential m = new Sequential().seed(9);
        m.add(new Embedding(V, 4).maskZero(true).inputLength(x.size(1)));
        m.add(new LSTM(3));
        m.add(new Dense(1).activation("sigmoid"));
        m.compile("adam", "binary_crossentropy");
        m.fit(x, y, epochs(epochs), batchSize(16), shuffle(false), verbose(0));
        return m.getWeights();
    }

    // ---------------------------------------------------------------- Keras's rules

    @Test
    void aLayerThatCannotMaskIsRefusedByName() {
        Sequential m = new Sequential();
        m.add(new Embedding(V, F).maskZero(true).inputLength(5));
        m.add(new Flatten());
        m.add(new Dense(1).activation("sigmoid"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, m::build);
        assertTrue(e.getMessage().contains("'flatten' (Flatten) does not support masking"), e.getMessage());
    }

    @Test
    void aMaskReachingTheOutputIsRefused() {
        Sequential m = new Sequential();
        m.add(new Embedding(V, F).maskZero(true).inputLength(5));
        m.add(new LSTM(U).returnSequences(true));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, m::build);
        assertTrue(e.getMessage().contains("return_sequences=False"), e.getMessage());
        // a second, many-to-one LSTM ends the mask: fine
        m.add(new LSTM(2));
        m.build();
    }

    // ---------------------------------------------------------------- config and files

    @Test
    void maskZeroRoundTripsThroughJsonYamlAndH5(@TempDir Path dir) {
        float[] e = rand(V * F);
        float[] k = rand(F * 4 * U);
        float[] r = rand(U * 4 * U);
        float[] b = rand(4 * U);
        Sequential m = maskedLstm(e, k, r, b);
        assertEquals(true, m.getLayer("embedding").getConfig().get("mask_zero"));
        assertTrue(m.toJson().contains("\"mask_zero\": true"), m.toJson());
        INDArray want = m.predict(ids(IDS));
        for (Sequential back : List.of(Models.modelFromJson(m.toJson()), Models.modelFromYaml(m.toYaml()))) {
            assertTrue(((Embedding) back.layers().get(0)).maskZero());
            back.setWeights(m.getWeights());
            assertEquals(0, back.predict(ids(IDS)).sub(want).amaxNumber().doubleValue(), 1e-6);
        }
        m.compile("adam", "mse");
        Path file = dir.resolve("masked.h5");
        m.save(file);
        Sequential loaded = Models.loadModel(file);
        assertTrue(((Embedding) loaded.layers().get(0)).maskZero());
        assertEquals(0, loaded.predict(ids(IDS)).sub(want).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void kerasConfigWithMaskZeroLoads() {
        String json = """
                {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
                 {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5], "dtype": "float32",
                  "sparse": false, "ragged": false, "name": "embedding_input"}},
                 {"class_name": "Embedding", "config": {"name": "embedding", "trainable": true,
                  "batch_input_shape": [null, 5], "dtype": "float32", "input_dim": 6, "output_dim": 2,
                  "embeddings_initializer": {"class_name": "RandomUniform", "config": {"minval": -0.05,
                  "maxval": 0.05, "seed": null}}, "embeddings_regularizer": null, "activity_regularizer": null,
                  "embeddings_constraint": null, "mask_zero": true, "input_length": 5}},
                 {"class_name": "LSTM", "config": {"name": "lstm", "trainable": true, "dtype": "float32",
                  "return_sequences": false, "return_state": false, "go_backwards": false, "stateful": false,
                  "unroll": false, "time_major": false, "units": 3, "activation": "tanh",
                  "recurrent_activation": "sigmoid", "use_bias": true}}]},
                 "keras_version": "2.11.0", "backend": "tensorflow"}
                """;
        Sequential m = Models.modelFromJson(json);
        assertTrue(((Embedding) m.layers().get(0)).maskZero());
        INDArray p = m.predict(ids(IDS));
        assertEquals(0, p.getRow(0).sub(p.getRow(1)).amaxNumber().doubleValue(), 1e-6);
        assertEquals(0, p.getRow(4).amaxNumber().doubleValue(), 0.0);
    }
}

package io.kerasish.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Metric values equal Keras's on hand-computed examples, and "accuracy" resolves as in Keras. */
class MetricsTest {
    private static double value(Metric m, float[][] y, float[][] p) {
        m.reset();
        m.update(Nd4j.createFromArray(y), Nd4j.createFromArray(p));
        return m.result();
    }

    @Test
    void accuracyIsResolvedFromTheLossAndOutputLikeKeras() {
        float[][] oneHot = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}, {0, 1, 0}};
        float[][] probs = {{.1f, .8f, .1f}, {.3f, .6f, .1f}, {.1f, .1f, .8f}, {.5f, .3f, .2f}};
        assertEquals(0.5, value(Metrics.get("accuracy", "categorical_crossentropy", 3), oneHot, probs), 1e-9);
        INDArray ids = Nd4j.createFromArray(1f, 0f, 2f, 1f).reshape(4, 1);
        Metric sparse = Metrics.get("accuracy", "sparse_categorical_crossentropy", 3);
        sparse.update(ids, Nd4j.createFromArray(probs));
        assertEquals(0.5, sparse.result(), 1e-9);
        assertEquals(0.75, value(Metrics.get("acc", "binary_crossentropy", 1),
                new float[][] {{1}, {0}, {1}, {0}}, new float[][] {{.9f}, {.2f}, {.4f}, {.1f}}), 1e-9);
        assertEquals(1.0, value(Metrics.get("top_k_categorical_accuracy", "categorical_crossentropy", 3), oneHot, probs), 1e-9);
    }

    @Test
    void everyNameWorksInCompileAndFit() {
        for (String name : Metrics.names()) {
            io.kerasish.models.Sequential m = new io.kerasish.models.Sequential().seed(2);
            m.add(new io.kerasish.layers.Dense(3).inputDim(4).activation("softmax"));
            String loss = name.startsWith("sparse") ? "sparse_categorical_crossentropy" : "categorical_crossentropy";
            m.compile("adam", loss, name);
            INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 12, 4);
            INDArray y = loss.startsWith("sparse") ? Nd4j.createFromArray(0f, 1f, 2f, 0f, 1f, 2f, 0f, 1f, 2f, 0f, 1f, 2f)
                    : Nd4j.eye(3).repeat(0, 4).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            double v = m.fit(x, y, io.kerasish.models.Fit.epochs(2), io.kerasish.models.Fit.verbose(0)).get(name).get(1);
            org.junit.jupiter.api.Assertions.assertTrue(Double.isFinite(v) && v >= 0, name + " = " + v);
            org.junit.jupiter.api.Assertions.assertTrue(m.evaluate(x, y).containsKey(name), name);
        }
    }

    @Test
    void valuesAccumulateOverBatchesUntilReset() {
        Metric acc = Metrics.get("accuracy", "categorical_crossentropy", 2);
        acc.update(Nd4j.createFromArray(new float[][] {{1, 0}}), Nd4j.createFromArray(new float[][] {{.9f, .1f}}));
        acc.update(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {0, 1}}),
                Nd4j.createFromArray(new float[][] {{.1f, .9f}, {.1f, .9f}, {.2f, .8f}}));
        assertEquals(0.75, acc.result(), 1e-9);
        acc.reset();
        assertEquals(0.0, acc.result());
    }

    @Test
    void precisionRecallAucMaeMse() {
        float[][] y = {{1}, {0}, {1}, {0}, {1}};
        float[][] p = {{.9f}, {.6f}, {.4f}, {.1f}, {.8f}};
        assertEquals(2.0 / 3, value(Metrics.get("precision", "binary_crossentropy", 1), y, p), 1e-9);
        assertEquals(2.0 / 3, value(Metrics.get("recall", "binary_crossentropy", 1), y, p), 1e-9);
        // positives scored .9 .4 .8, negatives .6 .1: 5 of 6 pairs ordered right
        assertEquals(5.0 / 6, value(Metrics.get("auc", "binary_crossentropy", 1), y, p), 0.01);
        assertEquals(1.0, value(Metrics.auc(), new float[][] {{1}, {0}}, new float[][] {{.7f}, {.3f}}), 1e-9);
        assertEquals(1.5, value(Metrics.get("mae", "mse", 2), new float[][] {{1, 2}}, new float[][] {{2, 4}}), 1e-6);
        assertEquals(2.5, value(Metrics.get("mse", "mse", 2), new float[][] {{1, 2}}, new float[][] {{2, 4}}), 1e-6);
    }

    @Test
    void binaryCrossentropyIsTheLossWithoutTheRegularizationPenalty() {
        // hand-computed: -(log .9 + log(1 - .2) + log .4) / 3, and a 0 clipped to 1e-7
        assertEquals(-(Math.log(.9) + Math.log(.8) + Math.log(.4)) / 3, value(Metrics.get("binary_crossentropy",
                "binary_crossentropy", 1), new float[][] {{1}, {0}, {1}}, new float[][] {{.9f}, {.2f}, {.4f}}), 1e-6);
        assertEquals(-Math.log(1e-7), value(Metrics.binaryCrossentropy("bce"), new float[][] {{1}},
                new float[][] {{0}}), 1e-3);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 3);
        INDArray y = x.sum(1).gt(1.5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(16, 1);
        for (boolean l2 : new boolean[] {false, true}) {
            io.kerasish.models.Sequential m = new io.kerasish.models.Sequential().seed(3);
            io.kerasish.layers.Dense hidden = new io.kerasish.layers.Dense(8).inputDim(3).activation("relu");
            if (l2) {
                hidden.kernelRegularizer(io.kerasish.regularizers.Regularizers.l2(0.01));
            }
            m.add(hidden);
            m.add(new io.kerasish.layers.Dense(1).activation("sigmoid"));
            m.compile("rmsprop", "binary_crossentropy", "binary_crossentropy");
            java.util.Map<String, Double> r = m.evaluate(x, y);
            double penalty = r.get("loss") - r.get("binary_crossentropy");
            if (l2) { // loss = cross-entropy + 0.01 * sum(kernel^2), as in Keras
                double sq = m.getWeights().get(0).norm2Number().doubleValue();
                assertEquals(0.01 * sq * sq, penalty, 1e-4);
                org.junit.jupiter.api.Assertions.assertTrue(penalty > 1e-3, "penalty " + penalty);
            } else {
                assertEquals(0, penalty, 1e-5);
            }
        }
    }
}

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
}

package io.kerasish.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kerasish.layers.Activation;
import io.kerasish.models.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Loss values equal Keras's on hand-computed examples, by every name and alias. */
class LossesTest {
    private static INDArray a(float[][] v) {
        return Nd4j.createFromArray(v);
    }

    private static double mean(String loss, float[][] y, float[][] p) {
        return Losses.get(loss).call(a(y), a(p)).meanNumber().doubleValue();
    }

    @Test
    void valuesMatchKerasFormulas() {
        float[][] oneHot = {{0, 1}, {1, 0}};
        float[][] probs = {{0.2f, 0.8f}, {0.6f, 0.4f}};
        double xent = (-Math.log(0.8) - Math.log(0.6)) / 2;
        assertEquals(xent, mean("categorical_crossentropy", oneHot, probs), 1e-6);
        assertEquals(xent, Losses.get("sparse_categorical_crossentropy")
                .call(Nd4j.createFromArray(1f, 0f), a(probs)).meanNumber().doubleValue(), 1e-6);
        assertEquals(2.5, mean("mse", new float[][] {{1, 2}}, new float[][] {{2, 4}}), 1e-6);
        assertEquals(2.5, mean("mean_squared_error", new float[][] {{1, 2}}, new float[][] {{2, 4}}), 1e-6);
        assertEquals(1.5, mean("mae", new float[][] {{1, 2}}, new float[][] {{2, 4}}), 1e-6);
        assertEquals((-Math.log(0.9) - Math.log(0.8)) / 2,
                mean("binary_crossentropy", new float[][] {{1, 0}}, new float[][] {{0.9f, 0.2f}}), 1e-6);
        assertEquals(1.05, mean("hinge", new float[][] {{1, 0}}, new float[][] {{0.3f, 0.4f}}), 1e-6);
        assertEquals(0.8125, mean("huber", new float[][] {{0, 0}}, new float[][] {{0.5f, 2f}}), 1e-6);
        assertEquals(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3),
                mean("kl_divergence", new float[][] {{0.5f, 0.5f}}, new float[][] {{0.25f, 0.75f}}), 1e-6);
        assertEquals(mean("kl_divergence", new float[][] {{0.5f, 0.5f}}, new float[][] {{0.25f, 0.75f}}),
                mean("kld", new float[][] {{0.5f, 0.5f}}, new float[][] {{0.25f, 0.75f}}), 0);
    }

    @Test
    void evaluateReportsTheKerasLossThroughTheModel() {
        Sequential m = new Sequential();
        m.add(new Activation("softmax").inputShape(2));
        m.compile("sgd", "categorical_crossentropy");
        INDArray logits = Nd4j.createFromArray(new float[][] {{0, (float) Math.log(4)}, {(float) Math.log(1.5), 0}});
        assertEquals((-Math.log(0.8) - Math.log(0.6)) / 2,
                m.evaluate(logits, a(new float[][] {{0, 1}, {1, 0}})).get("loss"), 1e-5);
    }

    @Test
    void everyLossTrainsAModelWithoutNaN() {
        for (String name : Losses.names()) {
            String activation = switch (name) {
                case "categorical_crossentropy", "sparse_categorical_crossentropy", "kl_divergence", "kld",
                        "kullback_leibler_divergence" -> "softmax";
                case "binary_crossentropy" -> "sigmoid";
                default -> "tanh";
            };
            Sequential m = new Sequential().seed(1);
            m.add(new io.kerasish.layers.Dense(3).inputDim(4).activation(activation));
            m.compile("adam", name);
            INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 4);
            INDArray y = name.startsWith("sparse") ? Nd4j.createFromArray(new float[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0})
                    : activation.equals("softmax") ? Nd4j.eye(3).repeat(0, 6).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16))
                    : Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 3).gt(0.5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            double before = m.evaluate(x, y).get("loss");
            m.fit(x, y, io.kerasish.models.Fit.epochs(20), io.kerasish.models.Fit.verbose(0));
            double after = m.evaluate(x, y).get("loss");
            assertEquals(false, Double.isNaN(after), name);
            org.junit.jupiter.api.Assertions.assertTrue(after < before, name + ": loss " + before + " -> " + after);
        }
    }
}

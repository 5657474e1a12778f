package io.kerasish.models;

import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.layers.Dense;
import io.kerasish.optimizers.Adam;
import io.kerasish.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The course's seed examples, written as a Keras user writes them. */
class SeedExamplesTest {
    private static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    @Test
    void xorMlpLearnsAllFourCases() {
        double[][] y = {{1, 0}, {0, 1}, {0, 1}, {1, 0}};
        Sequential model = new Sequential().seed(1);
        model.add(new Dense(5).inputDim(2).kernelInitializer("normal").activation("sigmoid"));
        model.add(new Dense(2).activation("softmax"));
        assertTrue(model.summaryString().contains("Total params: 27"), model.summaryString());
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        History history = model.fit(X, y, epochs(1000), verbose(0));
        INDArray p = model.predict(X);
        assertArrayEquals(new int[] {0, 1, 1, 0}, model.predictClasses(X));
        assertEquals(4, p.size(0));
        Map<String, Double> scores = model.evaluate(X, y);
        assertEquals(List.of("loss", "accuracy"), List.copyOf(scores.keySet()));
        assertEquals(1.0, scores.get("accuracy"), 1e-9);
        List<Double> loss = history.get("loss");
        assertEquals(1000, loss.size());
        assertTrue(loss.get(999) < loss.get(0) / 5, "loss fell from " + loss.get(0) + " to " + loss.get(999));
        assertEquals(history.get("accuracy").get(999), 1.0, 1e-9);
    }

    @Test
    void andGatePerceptronLearnsAndAcceptsHandSetWeights() {
        double[][] y = {{0}, {0}, {0}, {1}};
        Sequential model = new Sequential().seed(3);
        model.add(new Dense(1).inputDim(2).activation("sigmoid"));
        model.compile(new SGD(1.0), "binary_crossentropy", "accuracy");
        model.fit(X, y, epochs(300), verbose(0), Fit.batchSize(4));
        assertArrayEquals(new int[] {0, 0, 0, 1}, model.predictClasses(X));

        // the seeds' hand-trained perceptron: w = (1, 1), b = -1.5 with a step at 0 ~ sigmoid > 0.5
        model.setWeights(List.of(Nd4j.createFromArray(new float[][] {{1}, {1}}), Nd4j.createFromArray(-1.5f)
                .reshape(1)));
        assertArrayEquals(new int[] {0, 0, 0, 1}, model.predictClasses(X));
        assertEquals(1.0, model.evaluate(X, y).get("accuracy"), 1e-9);
    }
}

package io.kerasish.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.ShapeMismatchException;
import io.kerasish.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loading weights of the wrong shape fails with a {@link ShapeMismatchException} that says which layer and which
 * weight, and both shapes in Keras's notation, instead of silently reshaping; a failed load changes nothing.
 */
class SetWeightsErrorsTest {

    private static INDArray zeros(long... shape) {
        return Nd4j.zeros(DataType.FLOAT, shape);
    }

    private static Sequential denseModel() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(3).inputDim(4));
        m.add(new Dense(2).name("head"));
        m.build();
        return m;
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "message should mention " + p + ": " + message);
        }
    }

    @Test
    void transposedDenseKernelNamesLayerWeightAndBothShapes() {
        Sequential m = denseModel();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> m.setWeights(List.of(zeros(3, 4), zeros(3), zeros(3, 2), zeros(2))));
        assertMentions(e.getMessage(), "'dense'", "Dense", "'kernel'", "(4, 3)", "(3, 4)");
    }

    @Test
    void wrongShapeInTheSecondLayerNamesThatLayer() {
        Sequential m = denseModel();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> m.setWeights(List.of(zeros(4, 3), zeros(3), zeros(3, 5), zeros(2))));
        assertMentions(e.getMessage(), "'head'", "'kernel'", "(3, 2)", "(3, 5)");
    }

    @Test
    void wrongBiasShapeNamesTheBias() {
        Sequential m = denseModel();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> m.layers().get(0).setWeights(List.of(zeros(4, 3), zeros(1, 3))));
        assertMentions(e.getMessage(), "'dense'", "'bias'", "(3,)", "(1, 3)");
    }

    @Test
    void conv2dKernelInDl4jLayoutIsRejected() {
        Sequential m = new Sequential().seed(1);
        m.add(new Conv2D(4, 3, 2).inputShape(6, 6, 2));
        m.build();
        // DL4J's own layout (out, in, kh, kw) is not Keras's (kh, kw, in, out)
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> m.setWeights(List.of(zeros(4, 2, 3, 2), zeros(4))));
        assertMentions(e.getMessage(), "'conv2d'", "Conv2D", "'kernel'", "(3, 2, 2, 4)", "(4, 2, 3, 2)");
    }

    @Test
    void lstmRecurrentKernelShapeIsChecked() {
        Sequential m = new Sequential().seed(1);
        m.add(new LSTM(2).inputShape(5, 3));
        m.build();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> m.setWeights(List.of(zeros(3, 8), zeros(8, 2), zeros(8))));
        assertMentions(e.getMessage(), "'lstm'", "'recurrent_kernel'", "(2, 8)", "(8, 2)");
    }

    @Test
    void sameSizeButDifferentShapeIsStillAnError() {
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(6).inputDim(2));
        m.build();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> m.setWeights(List.of(zeros(12), zeros(6))));
        assertMentions(e.getMessage(), "'kernel'", "(2, 6)", "(12,)");
    }

    @Test
    void wrongNumberOfArraysSaysHowMany() {
        Sequential m = denseModel();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> m.setWeights(List.of(zeros(4, 3), zeros(3))));
        assertMentions(e.getMessage(), "4", "2");
        ShapeMismatchException e2 = assertThrows(ShapeMismatchException.class,
                () -> m.layers().get(1).setWeights(List.of(zeros(3, 2))));
        assertMentions(e2.getMessage(), "'head'", "kernel", "bias");
    }

    @Test
    void aRejectedLayerLoadChangesNothing() {
        Sequential m = denseModel();
        List<INDArray> before = m.getWeights();
        assertThrows(ShapeMismatchException.class,
                () -> m.layers().get(0).setWeights(List.of(Nd4j.ones(DataType.FLOAT, 4, 3), zeros(4))));
        assertWeightsEqual(before, m.getWeights());
    }

    @Test
    void aRejectedModelLoadChangesNothing() {
        // Keras checks every array before assigning any, so a failed set_weights leaves the whole model as it was
        Sequential m = denseModel();
        List<INDArray> before = m.getWeights();
        assertThrows(ShapeMismatchException.class, () -> m.setWeights(List.of(Nd4j.ones(DataType.FLOAT, 4, 3),
                Nd4j.ones(DataType.FLOAT, 3), zeros(2, 3), zeros(2))));
        assertWeightsEqual(before, m.getWeights());
    }

    private static void assertWeightsEqual(List<INDArray> expected, List<INDArray> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "weight " + i + " changed");
        }
    }
}

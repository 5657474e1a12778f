package io.kerasish.models;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.layers.Conv2D;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.Layer;
import io.kerasish.optimizers.Adam;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** freeze/unfreeze: frozen weights do not move at all through fit, the others do, wherever the frozen layer sits. */
class FreezeTest {
    private static Sequential model() {
        Sequential m = new Sequential().seed(3);
        m.add(new Conv2D(4, 3, 3).activation("relu").inputShape(8, 8, 1));
        m.add(new Conv2D(4, 3, 3).activation("relu"));
        m.add(new Flatten());
        m.add(new Dense(3).activation("softmax"));
        return m;
    }

    /** Max |after - before| per layer name after a few epochs of Adam. */
    private static java.util.Map<String, Double> movement(Sequential m) {
        m.compile(new Adam(0.01), "categorical_crossentropy");
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 8, 8, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 3);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 3, 1);
        }
        java.util.Map<Layer<?>, List<INDArray>> before = new java.util.HashMap<>();
        m.layers().forEach(l -> before.put(l, l.getWeights()));
        m.fit(x, y, epochs(3), batchSize(8), verbose(0));
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (Layer<?> l : m.layers()) {
            List<INDArray> after = l.getWeights();
            double d = 0;
            for (int i = 0; i < after.size(); i++) {
                d = Math.max(d, after.get(i).sub(before.get(l).get(i)).amaxNumber().doubleValue());
            }
            if (!after.isEmpty()) {
                out.put(l.name(), d);
            }
        }
        return out;
    }

    @Test
    void frozenBaseKeepsItsWeightsExactlyAndTheRestLearns() {
        Sequential m = model().freeze("conv2d");
        var moved = movement(m);
        assertEquals(0.0, moved.get("conv2d"), "frozen base moved: " + moved);
        assertTrue(moved.get("conv2d_1") > 0 && moved.get("dense") > 0, moved.toString());
    }

    @Test
    void aFrozenLayerBetweenTrainableOnesStillPassesGradientsDown() {
        Sequential m = model();
        m.getLayer("conv2d_1").trainable(false);
        var moved = movement(m);
        assertEquals(0.0, moved.get("conv2d_1"), moved.toString());
        assertTrue(moved.get("conv2d") > 0 && moved.get("dense") > 0, moved.toString());
    }

    @Test
    void summaryCountsFrozenWeightsAndUnfreezeUndoesIt() {
        Sequential m = model();
        m.freeze("conv2d_1");
        String s = m.summaryString();
        assertTrue(s.contains("Trainable params: 195"), s); // dense 64*3+3
        assertTrue(s.contains("Non-trainable params: 188"), s); // 40 + 148
        m.unfreeze("conv2d_1");
        assertTrue(m.getLayer("conv2d_1").isTrainable());
        assertFalse(m.getLayer("conv2d").isTrainable());
        m.unfreeze();
        assertTrue(m.summaryString().contains("Non-trainable params: 0"));
        m.freeze();
        assertTrue(m.summaryString().contains("Trainable params: 0"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> m.freeze("block5_pool"));
        assertTrue(e.getMessage().contains("conv2d_1"), e.getMessage());
    }

    @Test
    void unfreezingAfterTrainingTrainsTheLayerAgainWithoutRecompiling() {
        Sequential m = model().freeze("conv2d_1");
        var first = movement(m);
        assertEquals(0.0, first.get("conv2d_1"));
        m.unfreeze("conv2d_1");
        var second = movement(m); // compiles again, as Keras's fine-tuning recipe does
        assertTrue(second.get("conv2d_1") > 0, second.toString());
        assertEquals(0.0, second.get("conv2d"), second.toString());
    }
}

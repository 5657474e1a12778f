package io.kerasish.callbacks;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.shuffle;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** TerminateOnNaN stops a diverging fit at the first batch whose loss is NaN or infinite, as Keras does. */
class TerminateOnNaNTest {
    private static final int EPOCHS = 20;

    /** A regression that SGD with learning rate 1e10 blows up: the loss is infinite by the second batch. */
    private static Sequential diverging() {
        Sequential m = new Sequential(List.of(new Dense(8).inputDim(3).activation("relu"), new Dense(1))).seed(1);
        m.compile(new SGD(1e10), "mse");
        return m;
    }

    private static INDArray[] data() {
        float[][] x = new float[64][3];
        float[][] y = new float[64][1];
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (i * 7 + j * 13) % 10;
            }
            y[i][0] = 100 * x[i][0];
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }

    @Test
    void stopsDivergingTrainingAtTheFirstInvalidLoss() {
        INDArray[] d = data();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TerminateOnNaN nan = new TerminateOnNaN(new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<Double> batchLosses = new ArrayList<>();
        LambdaCallback record = LambdaCallback.builder().onBatchEnd((b, logs) -> batchLosses.add(logs.get("loss"))).build();
        Sequential m = diverging();
        History h = m.fit(d[0], d[1], epochs(EPOCHS), batchSize(16), shuffle(false), verbose(0), callbacks(nan, record));

        assertTrue(h.epoch().size() < EPOCHS, "training should stop early, ran " + h.epoch());
        assertEquals(List.of(0), h.epoch(), "the loss is already infinite in the first epoch");
        double last = h.get("loss").get(h.get("loss").size() - 1);
        assertFalse(Double.isFinite(last), "the epoch's loss is " + last);
        // it stopped right after the first invalid batch: every earlier batch loss was finite
        int bad = nan.terminatedAtBatch();
        assertEquals(bad + 1, batchLosses.size(), "no batch may run after the invalid one: " + batchLosses);
        for (int b = 0; b < bad; b++) {
            assertTrue(Double.isFinite(batchLosses.get(b)), batchLosses.toString());
        }
        assertFalse(Double.isFinite(batchLosses.get(bad)));
        assertEquals("Batch " + bad + ": Invalid loss, terminating training" + System.lineSeparator(),
                buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutTheCallbackTheSameFitRunsEveryEpoch() {
        INDArray[] d = data();
        History h = diverging().fit(d[0], d[1], epochs(EPOCHS), batchSize(16), shuffle(false), verbose(0));
        assertEquals(EPOCHS, h.epoch().size());
        assertTrue(Double.isNaN(h.get("loss").get(EPOCHS - 1)));
    }

    @Test
    void checksNaNAndBothInfinitiesAndIgnoresFiniteOrAbsentLoss() {
        for (double invalid : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Sequential m = diverging();
            m.stopTraining(false);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            TerminateOnNaN nan = new TerminateOnNaN(new PrintStream(buf, true, StandardCharsets.UTF_8));
            nan.setModel(m);
            nan.onTrainBegin(Map.of());
            nan.onTrainBatchEnd(0, Map.of("loss", 1e30));
            nan.onTrainBatchEnd(1, Map.of("mae", Double.NaN)); // only the loss counts
            nan.onTrainBatchEnd(2, new HashMap<>());
            assertFalse(m.stopTraining());
            assertNull(nan.terminatedAtBatch());
            assertEquals("", buf.toString(StandardCharsets.UTF_8));
            nan.onTrainBatchEnd(3, Map.of("loss", invalid));
            assertTrue(m.stopTraining(), "loss " + invalid);
            assertEquals(3, nan.terminatedAtBatch());
            assertEquals("Batch 3: Invalid loss, terminating training" + System.lineSeparator(),
                    buf.toString(StandardCharsets.UTF_8));
        }
    }
}

package io.kerasish.callbacks;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** LambdaCallback calls its functions at Keras's hooks, in Keras's order, with Keras's arguments. */
class LambdaCallbackTest {
    private static Sequential model() {
        Sequential m = new Sequential(List.of(new Dense(4).inputDim(3).activation("relu"), new Dense(1))).seed(3);
        m.compile(new SGD(0.01), "mse", "mae");
        return m;
    }

    private static INDArray[] data(int n) {
        float[][] x = new float[n][3];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = ((i * 5 + j * 3) % 7) / 7f;
            }
            y[i][0] = x[i][0] - x[i][2];
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }

    @Test
    void hooksRunInKerasOrderWithZeroBasedEpochsAndBatches() {
        List<String> events = new ArrayList<>();
        List<Map<String, Double>> epochEndLogs = new ArrayList<>();
        List<Map<String, Double>> trainEndLogs = new ArrayList<>();
        LambdaCallback cb = LambdaCallback.builder()
                .onTrainBegin(logs -> events.add("train_begin"))
                .onEpochBegin((epoch, logs) -> events.add("epoch_begin " + epoch))
                .onBatchBegin((batch, logs) -> events.add("batch_begin " + batch))
                .onBatchEnd((batch, logs) -> events.add("batch_end " + batch + (logs.containsKey("loss") ? " loss" : "")))
                .onEpochEnd((epoch, logs) -> {
                    events.add("epoch_end " + epoch);
                    epochEndLogs.add(Map.copyOf(logs));
                })
                .onTrainEnd(logs -> {
                    events.add("train_end");
                    trainEndLogs.add(Map.copyOf(logs));
                })
                .build();
        INDArray[] d = data(15); // validation_split 0.2 leaves 12 training rows: 3 batches of 4
        History h = model().fit(d[0], d[1], epochs(2), batchSize(4), validationSplit(0.2), verbose(0), callbacks(cb));

        List<String> expected = new ArrayList<>(List.of("train_begin"));
        for (int e = 0; e < 2; e++) {
            expected.add("epoch_begin " + e);
            for (int b = 0; b < 3; b++) {
                expected.add("batch_begin " + b);
                expected.add("batch_end " + b + " loss");
            }
            expected.add("epoch_end " + e);
        }
        expected.add("train_end");
        assertEquals(expected, events);

        assertEquals(2, epochEndLogs.size());
        for (int e = 0; e < 2; e++) {
            Map<String, Double> logs = epochEndLogs.get(e);
            assertEquals(java.util.Set.of("loss", "mae", "val_loss", "val_mae"), logs.keySet());
            assertEquals(h.get("loss").get(e), logs.get("loss"));
            assertEquals(h.get("val_mae").get(e), logs.get("val_mae"));
        }
        assertEquals(epochEndLogs.get(1), trainEndLogs.get(0), "on_train_end gets the last epoch's logs");
    }

    @Test
    void unsetHooksDoNothingAndALambdaCanStopTraining() {
        Sequential m = model();
        List<Integer> seen = new ArrayList<>();
        LambdaCallback stopAtSecond = LambdaCallback.builder()
                .onEpochEnd((epoch, logs) -> {
                    seen.add(epoch);
                    if (epoch == 1) {
                        m.stopTraining(true);
                    }
                })
                .build();
        INDArray[] d = data(8);
        History h = m.fit(d[0], d[1], epochs(10), batchSize(4), verbose(0), callbacks(stopAtSecond));
        assertEquals(List.of(0, 1), seen);
        assertEquals(List.of(0, 1), h.epoch());

        LambdaCallback empty = LambdaCallback.builder().build();
        History h2 = model().fit(d[0], d[1], epochs(2), batchSize(4), verbose(0), callbacks(empty));
        assertEquals(List.of(0, 1), h2.epoch());
        assertTrue(Double.isFinite(h2.get("loss").get(1)));
    }

    @Test
    void laterSetterReplacesEarlierAndEpochsContinueFromInitialEpoch() {
        List<String> events = new ArrayList<>();
        LambdaCallback cb = LambdaCallback.builder()
                .onEpochBegin((epoch, logs) -> events.add("first " + epoch))
                .onEpochBegin((epoch, logs) -> events.add("begin " + epoch))
                .build();
        INDArray[] d = data(8);
        model().fit(d[0], d[1], epochs(4), io.kerasish.models.Fit.initialEpoch(2), batchSize(8), verbose(0),
                callbacks(cb));
        assertEquals(List.of("begin 2", "begin 3"), events);
    }
}

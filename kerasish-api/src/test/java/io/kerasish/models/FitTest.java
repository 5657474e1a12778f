package io.kerasish.models;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.classWeight;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.initialEpoch;
import static io.kerasish.models.Fit.shuffle;
import static io.kerasish.models.Fit.validationData;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.callbacks.Callback;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** fit() behaves as Keras's: validation split, callbacks, stopping, history, class weights, seeds. */
class FitTest {
    private static final INDArray X;
    private static final INDArray Y;

    static {
        Nd4j.getRandom().setSeed(11);
        X = Nd4j.rand(DataType.FLOAT, 100, 4);
        INDArray cls = X.getColumn(0).add(X.getColumn(1)).gt(1.0).castTo(DataType.FLOAT).reshape(100, 1);
        Y = Nd4j.hstack(cls.rsub(1), cls);
    }

    private static Sequential model(long seed) {
        return model(seed, 0.2);
    }

    private static Sequential model(long seed, double dropout) {
        Sequential m = new Sequential().seed(seed);
        m.add(new Dense(8).inputDim(4).activation("relu"));
        m.add(new Dropout(dropout));
        m.add(new Dense(2).activation("softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void validationSplitHoldsOutTheLastExamplesAndReportsValKeys() {
        Sequential m = model(1);
        History h = m.fit(X, Y, epochs(2), validationSplit(0.2), verbose(0));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(h.history().keySet()));
        Map<String, Double> last20 = m.evaluate(X.get(NDArrayIndex.interval(80, 100)), Y.get(NDArrayIndex.interval(80, 100)));
        assertEquals(last20.get("loss"), h.get("val_loss").get(1), 1e-6);
        assertEquals(last20.get("accuracy"), h.get("val_accuracy").get(1), 1e-9);
        assertEquals(List.of(0, 1), h.epoch());
        assertEquals(h.get("val_accuracy").get(1), h.last("val_accuracy"));
        History h2 = m.fit(X, Y, epochs(1), validationData(X, Y), verbose(0));
        assertEquals(m.evaluate(X, Y).get("loss"), h2.get("val_loss").get(0), 1e-6);
    }

    @Test
    void callbacksSeeKerasOrderParamsAndLogs() {
        List<String> events = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void setParams(Map<String, Object> params) {
                events.add("params " + params.get("epochs") + " " + params.get("steps"));
            }

            @Override
            public void onTrainBegin(Map<String, Double> logs) {
                events.add("train_begin");
            }

            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                events.add("epoch_begin " + epoch);
            }

            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                events.add("batch_end " + batch + " " + logs.keySet());
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                events.add("epoch_end " + epoch + " " + logs.keySet());
            }

            @Override
            public void onTrainEnd(Map<String, Double> logs) {
                events.add("train_end");
            }
        };
        model(2).fit(X, Y, epochs(2), batchSize(40), callbacks(recorder), verbose(0));
        assertEquals(List.of("params 2 3", "train_begin", "epoch_begin 0", "batch_end 0 [loss, accuracy]",
                "batch_end 1 [loss, accuracy]", "batch_end 2 [loss, accuracy]", "epoch_end 0 [loss, accuracy]",
                "epoch_begin 1", "batch_end 0 [loss, accuracy]", "batch_end 1 [loss, accuracy]",
                "batch_end 2 [loss, accuracy]", "epoch_end 1 [loss, accuracy]", "train_end"), events);
    }

    @Test
    void stopTrainingFromACallbackEndsFitAndInitialEpochSkips() {
        Sequential m = model(3);
        Callback stopAtThird = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (epoch == 2) {
                    m.stopTraining(true);
                }
            }
        };
        assertEquals(List.of(0, 1, 2), m.fit(X, Y, epochs(10), callbacks(stopAtThird), verbose(0)).epoch());
        List<Integer> batches = new ArrayList<>();
        Callback stopAfterBatch = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                batches.add(batch);
                m.stopTraining(true);
            }
        };
        m.fit(X, Y, epochs(5), callbacks(stopAfterBatch), verbose(0));
        assertEquals(List.of(0), batches);
        assertEquals(List.of(3, 4), m.fit(X, Y, epochs(5), initialEpoch(3), verbose(0)).epoch());
    }

    @Test
    void classWeightsScaleEachExamplesLoss() {
        Sequential plain = model(4, 0);   // without dropout the forward pass is deterministic
        Sequential doubled = model(4, 0);
        double l1 = plain.fit(X, Y, epochs(1), batchSize(100), verbose(0)).get("loss").get(0);
        double l2 = doubled.fit(X, Y, epochs(1), batchSize(100), classWeight(Map.of(0, 2.0, 1, 2.0)), verbose(0))
                .get("loss").get(0);
        assertEquals(2 * l1, l2, 1e-5 * l1);
        Sequential frozen = model(4);
        List<INDArray> before = frozen.getWeights();
        frozen.fit(X, Y, epochs(2), classWeight(Map.of(0, 0.0, 1, 0.0)), verbose(0));
        List<INDArray> after = frozen.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), "weight " + i + " must not move when every class weighs 0");
        }
    }

    @Test
    void popAndAddKeepTheTrainedLayersWeightsAsInKeras() {
        Sequential m = model(9);
        m.fit(X, Y, epochs(2), verbose(0));
        INDArray firstKernel = m.layers().get(0).getWeights().get(0);
        m.pop();
        m.add(new Dense(2).activation("softmax").name("new_head"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        assertEquals(firstKernel, m.layers().get(0).getWeights().get(0));
        m.fit(X, Y, epochs(1), verbose(0));
        assertNotEquals(firstKernel, m.layers().get(0).getWeights().get(0));
    }

    @Test
    void aSeedMakesRunsRepeatExactly() {
        Sequential a = model(5);
        Sequential b = model(5);
        Sequential c = model(6);
        a.fit(X, Y, epochs(3), verbose(0));
        b.fit(X, Y, epochs(3), verbose(0));
        c.fit(X, Y, epochs(3), verbose(0));
        assertEquals(a.getWeights(), b.getWeights());
        assertNotEquals(a.getWeights(), c.getWeights());
    }

    @Test
    void fitsFromADl4jIteratorAndWithoutShuffling() {
        Sequential m = model(7);
        List<DataSet> batches = new DataSet(X, Y).batchBy(25);
        History h = m.fit(new ListDataSetIterator<>(batches), epochs(3), verbose(0));
        assertEquals(3, h.get("loss").size());
        Sequential s = model(7);
        History unshuffled = s.fit(X, Y, epochs(2), shuffle(false), verbose(0));
        assertTrue(unshuffled.get("loss").get(1) < unshuffled.get("loss").get(0) + 0.05);
        assertTrue(m.evaluate(new ListDataSetIterator<>(batches)).containsKey("accuracy"));
    }

    @Test
    void verbosePrintsKerasEpochLines() {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            model(8).fit(X, Y, epochs(2), batchSize(50), validationSplit(0.2), verbose(1));
            model(8).fit(X, Y, epochs(1), batchSize(50), verbose(2));
        } finally {
            System.setOut(old);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("Epoch 1/2", lines.get(0));
        assertTrue(lines.get(1).matches("2/2 \\[=+\\] - \\d+s \\d+[mu]?s/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
                + " - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}"), lines.get(1));
        assertEquals("Epoch 2/2", lines.get(2));
        assertEquals("Epoch 1/1", lines.get(4));
        assertTrue(lines.get(5).matches("2/2 - \\d+s - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4} - \\d+[mu]?s/step"), lines.get(5));
    }

    /**
     * Shuffled batches come from a copy in the epoch's order or from buffers reused from batch to batch: either way,
     * training on them equals training on the same batches built one by one (a fresh array each), short last batch
     * included.
     */
    @Test
    void shuffledBatchesTrainAsFreshArrays() {
        long limit = Batches.epochCopyLimit;
        try {
            for (long l : new long[] {limit, 0}) { // one shuffled copy per epoch; batch-by-batch into reused buffers
                Batches.epochCopyLimit = l;
                shuffledBatchesTrainAsFreshArrays(30); // 100 examples: three full batches and one of 10
            }
        } finally {
            Batches.epochCopyLimit = limit;
        }
    }

    private void shuffledBatchesTrainAsFreshArrays(int batch) {
        Sequential a = model(21, 0);
        a.fit(X, Y, epochs(2), batchSize(batch), verbose(0));
        Sequential b = model(21, 0);
        List<DataSet> epochs = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            int[] order = new int[100];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.List<Integer> idx = new ArrayList<>();
            for (int i : order) {
                idx.add(i);
            }
            java.util.Collections.shuffle(idx, new java.util.Random(Batches.epochSeed(21, e)));
            for (int from = 0; from < 100; from += batch) {
                int[] rows = idx.subList(from, Math.min(100, from + batch)).stream().mapToInt(Integer::intValue).toArray();
                epochs.add(new DataSet(Nd4j.pullRows(X, 1, rows), Nd4j.pullRows(Y, 1, rows)));
            }
        }
        b.fit(new ListDataSetIterator<>(epochs, 1), epochs(1), verbose(0)); // the same 8 batches in one pass
        assertEquals(a.getWeights(), b.getWeights());
    }

    /** An iterator that supports it is prefetched on a background thread: same batches, same weights, thread stopped. */
    @Test
    void asyncIteratorsArePrefetchedAndStopped() throws InterruptedException {
        List<DataSet> batches = new DataSet(X, Y).batchBy(25);
        Sequential plain = model(9, 0);
        plain.fit(new ListDataSetIterator<>(batches, 1) {
            @Override
            public boolean asyncSupported() {
                return false;
            }
        }, epochs(2), verbose(0));
        List<String> threads = new ArrayList<>();
        Sequential prefetched = model(9, 0);
        ListDataSetIterator<DataSet> async = new ListDataSetIterator<>(batches, 1) { // one batch of 25 per next()
            @Override
            public DataSet next() {
                threads.add(Thread.currentThread().getName());
                return super.next();
            }

            @Override
            public boolean asyncSupported() {
                return true;
            }
        };
        prefetched.fit(async, epochs(2), verbose(0));
        assertEquals(plain.getWeights(), prefetched.getWeights());
        assertEquals(8, threads.size());
        assertTrue(threads.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())),
                "batches are read on the prefetch thread: " + threads);
        Thread.sleep(200);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && threads.contains(t.getName()) && t != Thread.currentThread()),
                "the prefetch thread is stopped after fit");
    }
}

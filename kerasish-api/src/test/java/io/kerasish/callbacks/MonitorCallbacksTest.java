package io.kerasish.callbacks;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** EarlyStopping, ModelCheckpoint and ReduceLROnPlateau reproduce Keras's documented behaviour. */
class MonitorCallbacksTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        Sequential m = new Sequential(List.of(new Dense(4).inputDim(3).activation("relu"), new Dense(1))).seed(1);
        m.compile(new SGD(0.01), "mse", "mae");
        return m;
    }

    /** Feeds a callback epoch logs with these monitored values; returns how many epochs ran. */
    private static int drive(Callback c, Sequential m, String key, double... values) {
        m.stopTraining(false);
        c.setModel(m);
        c.setParams(Map.of("metrics", List.of("loss", "val_loss", "val_accuracy")));
        c.onTrainBegin(Map.of());
        int epochs = 0;
        for (int e = 0; e < values.length && !m.stopTraining(); e++) {
            c.onEpochBegin(e, Map.of());
            Map<String, Double> logs = new HashMap<>(Map.of("loss", 1.0, key, values[e]));
            c.onEpochEnd(e, logs);
            epochs++;
        }
        c.onTrainEnd(Map.of());
        return epochs;
    }

    @Test
    void earlyStoppingCountsPatienceAsKeras() {
        EarlyStopping es = new EarlyStopping().patience(2);
        assertEquals(4, drive(es, model(), "val_loss", 1.0, 0.9, 0.95, 0.96, 0.97, 0.98));
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        // patience 0: the first epoch without improvement stops (never the first epoch)
        assertEquals(2, drive(new EarlyStopping(), model(), "val_loss", 1.0, 1.0, 0.5));
    }

    @Test
    void earlyStoppingMinDeltaAndMaxMode() {
        assertEquals(2, drive(new EarlyStopping().minDelta(1e-4).patience(1), model(), "val_loss", 1.0, 0.99995, 0.5));
        assertEquals(3, drive(new EarlyStopping().patience(1), model(), "val_loss", 1.0, 0.99995, 0.99995, 0.5));
        // auto mode maximizes accuracy: a falling accuracy is no improvement
        assertEquals(3, drive(new EarlyStopping().monitor("val_accuracy").patience(1), model(), "val_accuracy",
                0.5, 0.6, 0.55, 0.9));
        assertEquals(2, drive(new EarlyStopping().monitor("val_accuracy").mode("min").patience(1), model(),
                "val_accuracy", 0.5, 0.6, 0.55));
    }

    @Test
    void earlyStoppingBaselineNeverReachedStopsAfterPatience() {
        EarlyStopping es = new EarlyStopping().baseline(0.1).patience(3);
        assertEquals(3, drive(es, model(), "val_loss", 0.9, 0.8, 0.7, 0.6, 0.5));
        // epochs above the baseline count even when they improve; beating it restarts the count
        assertEquals(2, drive(new EarlyStopping().baseline(0.75).patience(2), model(), "val_loss", 0.9, 0.8, 0.7));
        assertEquals(6, drive(new EarlyStopping().baseline(0.75).patience(3), model(), "val_loss", 0.9, 0.8, 0.7, 0.71,
                0.72, 0.73, 0.74));
    }

    @Test
    void earlyStoppingStartFromEpochIgnoresTheWarmUp() {
        assertEquals(5, drive(new EarlyStopping().startFromEpoch(2).patience(1), model(), "val_loss",
                1.0, 2.0, 3.0, 2.5, 2.6, 2.7));
    }

    @Test
    void restoreBestWeightsAlsoWhenTheLastEpochIsReached() {
        Sequential m = model();
        INDArray x = Nd4j.rand(32, 3);
        INDArray y = x.sum(1).reshape(32, 1);
        // a patient callback that never stops training: the best epoch's weights must still come back
        List<List<INDArray>> weightsAtEpochEnd = new java.util.ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                weightsAtEpochEnd.add(m.getWeights());
            }
        };
        EarlyStopping es = new EarlyStopping().monitor("loss").patience(100).restoreBestWeights(true);
        History h = m.fit(x, y, epochs(6), batchSize(8), verbose(0), callbacks(recorder, es));
        assertEquals(6, h.get("loss").size());
        assertEquals(0, es.stoppedEpoch());
        List<Double> loss = h.get("loss");
        int best = loss.indexOf(loss.stream().min(Double::compare).orElseThrow());
        assertEquals(best, es.bestEpoch());
        assertEquals(weightsAtEpochEnd.get(best), m.getWeights());
    }

    @Test
    void earlyStoppingStopsARealFitAndWarnsAboutMissingKeys() {
        Sequential m = model();
        INDArray x = Nd4j.rand(40, 3);
        INDArray y = Nd4j.rand(40, 1).mul(100); // noise: validation loss soon stops improving
        History h = m.fit(x, y, epochs(200), validationSplit(0.25), verbose(0),
                callbacks(new EarlyStopping().patience(3)));
        assertTrue(h.get("loss").size() < 200);
        // a key the logs do not have: training goes on (Keras only warns)
        History h2 = m.fit(x, y, epochs(3), verbose(0), callbacks(new EarlyStopping().monitor("val_nope")));
        assertEquals(3, h2.get("loss").size());
    }

    @Test
    void modelCheckpointFormatsPathsAsPython() {
        FilepathTemplate t = new FilepathTemplate("ckpt/weights.{epoch:02d}-{val_loss:.2f}.h5");
        assertEquals("ckpt/weights.07-0.12.h5", t.format(Map.of("epoch", 7, "val_loss", 0.1234)));
        assertEquals(List.of("epoch", "val_loss"), List.copyOf(t.names()));
        assertEquals("e3_0.5_1.0000e-03_12.5%_{x}", new FilepathTemplate("e{epoch}_{loss}_{lr:.4e}_{acc:.1%}_{{x}}")
                .format(Map.of("epoch", 3, "loss", 0.5, "lr", 0.001, "acc", 0.125)));
        assertEquals("0.000123|1.5e+07|  3", new FilepathTemplate("{a:g}|{b:g}|{c:3d}")
                .format(Map.of("a", 0.000123, "b", 1.5e7, "c", 3)));
        assertThrows(InvalidConfigException.class, () -> new FilepathTemplate("w.{epoch"));
        assertThrows(InvalidConfigException.class, () -> new FilepathTemplate("w.{epoch:q}"));
    }

    @Test
    void modelCheckpointChecksPlaceholdersWhenFitStarts() {
        Sequential m = model();
        INDArray x = Nd4j.rand(16, 3);
        INDArray y = Nd4j.rand(16, 1);
        ModelCheckpoint bad = new ModelCheckpoint(dir.resolve("w.{epoch:02d}-{val_loss:.2f}.h5").toString());
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> m.fit(x, y, epochs(2), verbose(0), callbacks(bad)));
        assertTrue(e.getMessage().contains("[val_loss]") && e.getMessage().contains("validation data"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("w.01-0.00.h5")));
    }

    @Test
    void modelCheckpointSavesEveryEpochOrOnlyTheBestInMaxMode() throws Exception {
        Sequential m = model();
        INDArray x = Nd4j.rand(32, 3);
        INDArray y = x.sum(1).reshape(32, 1);
        m.fit(x, y, epochs(3), validationSplit(0.25), verbose(0),
                callbacks(new ModelCheckpoint(dir.resolve("all/m.{epoch:02d}-{val_loss:.3f}.h5").toString())));
        try (var files = Files.list(dir.resolve("all"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(3, names.size(), names.toString());
            assertTrue(names.get(0).startsWith("m.01-") && names.get(2).startsWith("m.03-"), names.toString());
        }

        // save_best_only on a max-mode metric: save when it grows, not when it falls
        ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best/w.{epoch:02d}.h5").toString()).monitor("val_score")
                .saveBestOnly(true).saveWeightsOnly(true);
        assertFalse(best.maximizes(), "'score' is not accuracy-like: auto mode minimizes it");
        best.mode("max");
        Sequential m2 = model();
        m2.build();
        best.setModel(m2);
        best.setParams(Map.of("metrics", List.of("loss", "val_score")));
        best.onTrainBegin(Map.of());
        double[] scores = {0.5, 0.7, 0.6, 0.8, 0.75};
        for (int e = 0; e < scores.length; e++) {
            best.onEpochBegin(e, Map.of());
            best.onEpochEnd(e, new HashMap<>(Map.of("loss", 1.0, "val_score", scores[e])));
        }
        try (var files = Files.list(dir.resolve("best"))) {
            assertEquals(List.of("w.01.h5", "w.02.h5", "w.04.h5"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Sequential loaded = model();
        loaded.loadWeights(dir.resolve("best/w.04.h5"));
        assertEquals(m2.getWeights(), loaded.getWeights());

        // initial_value_threshold: nothing below it is saved
        ModelCheckpoint threshold = new ModelCheckpoint(dir.resolve("t/w.{epoch}.h5").toString()).monitor("val_score")
                .mode("max").saveBestOnly(true).initialValueThreshold(0.75);
        threshold.setModel(m2);
        threshold.setParams(Map.of("metrics", List.of("loss", "val_score")));
        threshold.onTrainBegin(Map.of());
        for (int e = 0; e < scores.length; e++) {
            threshold.onEpochBegin(e, Map.of());
            threshold.onEpochEnd(e, new HashMap<>(Map.of("loss", 1.0, "val_score", scores[e])));
        }
        try (var files = Files.list(dir.resolve("t"))) {
            assertEquals(List.of("w.4.h5"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void modelCheckpointEveryNBatches() throws Exception {
        Sequential m = model();
        INDArray x = Nd4j.rand(32, 3);
        INDArray y = x.sum(1).reshape(32, 1);
        m.fit(x, y, epochs(2), batchSize(8), verbose(0), // 4 batches per epoch: saves after batches 3 and 6 (= epoch 2, batch 2)
                callbacks(new ModelCheckpoint(dir.resolve("b/w.{epoch}-{batch}.h5").toString()).saveFreq(3)));
        try (var files = Files.list(dir.resolve("b"))) {
            assertEquals(List.of("w.1-3.h5", "w.2-2.h5"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void checkpointReloadsAndPredictsIdentically() {
        Sequential m = model();
        INDArray x = Nd4j.rand(32, 3);
        INDArray y = x.sum(1).reshape(32, 1);
        ModelCheckpoint ckpt = new ModelCheckpoint(dir.resolve("ck.h5").toString()).monitor("val_loss").saveBestOnly(true);
        m.fit(x, y, epochs(5), validationSplit(0.25), verbose(0), callbacks(ckpt));
        Sequential loaded = Models.loadModel(dir.resolve("ck.h5"));
        assertTrue(loaded.isCompiled());
        assertEquals(0.0, loaded.predict(x).sub(Models.loadModel(dir.resolve("ck.h5")).predict(x)).amaxNumber().doubleValue());
    }

    @Test
    void reduceLrOnPlateauReducesAfterPatienceThenCoolsDown() {
        Sequential m = model();
        m.build();
        ReduceLROnPlateau r = new ReduceLROnPlateau().patience(2).factor(0.5).cooldown(1).minLr(0.002);
        r.setModel(m);
        r.setParams(Map.of());
        r.onTrainBegin(Map.of());
        double[] values = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        // Keras: reduce when wait reaches patience; the cooldown epoch resets wait, then counting resumes
        double[] expectedLr = {0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025, 0.002, 0.002};
        for (int e = 0; e < values.length; e++) {
            Map<String, Double> logs = new HashMap<>(Map.of("val_loss", values[e]));
            r.onEpochEnd(e, logs);
            assertEquals(expectedLr[e], m.learningRate(), 1e-12, "epoch " + e);
            assertEquals(e == 0 ? 0.01 : expectedLr[e - 1], logs.get("lr"), 1e-12, "logs hold the epoch's rate, epoch " + e);
        }
        // floor at min_lr
        for (int e = 8; e < 20; e++) {
            r.onEpochEnd(e, new HashMap<>(Map.of("val_loss", 1.0)));
        }
        assertEquals(0.002, m.learningRate(), 1e-12);
        assertThrows(InvalidConfigException.class, () -> new ReduceLROnPlateau().factor(1.0));
    }

    @Test
    void learningRateChangesReallyChangeTheSteps() {
        // the same data and weights: a rate of 0 would leave the weights, a larger one moves them further
        Sequential a = model();
        Sequential b = model();
        INDArray x = Nd4j.rand(16, 3);
        INDArray y = x.sum(1).reshape(16, 1);
        b.setWeights(a.getWeights());
        List<INDArray> start = a.getWeights();
        a.fit(x, y, epochs(1), batchSize(16), verbose(0));
        b.fit(x, y, epochs(1), batchSize(16), verbose(0),
                callbacks(new LearningRateScheduler((epoch, lr) -> lr * 10)));
        double stepA = a.getWeights().get(0).sub(start.get(0)).amaxNumber().doubleValue();
        double stepB = b.getWeights().get(0).sub(start.get(0)).amaxNumber().doubleValue();
        assertEquals(10.0, stepB / stepA, 1e-3);
        assertEquals(0.1, b.learningRate(), 1e-12);
    }
}

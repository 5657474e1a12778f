package io.kerasish.callbacks;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.initialEpoch;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.KerasishException;
import io.kerasish.io.config.ConfigJson;
import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.SGD;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** CSVLogger writes the file Keras's CSVLogger writes: header, 0-based epochs, Python floats, NA, append mode. */
class CSVLoggerTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        Sequential m = new Sequential(List.of(new Dense(4).inputDim(3).activation("relu"), new Dense(1))).seed(7);
        m.compile(new SGD(0.05), "mse", "mae");
        return m;
    }

    private static INDArray[] data() {
        float[][] x = new float[20][3];
        float[][] y = new float[20][1];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = ((i * 3 + j * 5) % 11) / 11f;
            }
            y[i][0] = 2 * x[i][1] - x[i][0];
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Keras writes for these epochs of this history, in this key order, with this separator. */
    private static String rows(History h, List<Integer> epochs, List<String> keys, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < epochs.size(); i++) {
            sb.append(epochs.get(i));
            for (String k : keys) {
                sb.append(sep).append(ConfigJson.pythonFloat(h.get(k).get(i)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void writesSortedHeaderAndOneRowPerEpochFromZero() {
        Path f = dir.resolve("training.log");
        INDArray[] d = data();
        History h = model().fit(d[0], d[1], epochs(3), batchSize(5), verbose(0), callbacks(new CSVLogger(f.toString())));
        assertEquals("epoch,loss,mae\r\n" + rows(h, List.of(0, 1, 2), List.of("loss", "mae"), ","), read(f));
    }

    @Test
    void validationColumnsAndSeparator() {
        Path f = dir.resolve("val.csv");
        INDArray[] d = data();
        History h = model().fit(d[0], d[1], epochs(2), batchSize(4), validationSplit(0.2), verbose(0),
                callbacks(new CSVLogger(f.toString()).separator(";")));
        List<String> keys = List.of("loss", "mae", "val_loss", "val_mae");
        assertEquals("epoch;loss;mae;val_loss;val_mae\r\n" + rows(h, List.of(0, 1), keys, ";"), read(f));
    }

    @Test
    void appendAddsRowsWithoutASecondHeaderAndOverwriteStartsAgain() {
        Path f = dir.resolve("resume.csv");
        INDArray[] d = data();
        Sequential m = model();
        CSVLogger log = new CSVLogger(f.toString()).append(true);
        History first = m.fit(d[0], d[1], epochs(2), batchSize(5), verbose(0), callbacks(log));
        History second = m.fit(d[0], d[1], epochs(4), initialEpoch(2), batchSize(5), verbose(0), callbacks(log));
        List<String> keys = List.of("loss", "mae");
        String expected = "epoch,loss,mae\r\n" + rows(first, List.of(0, 1), keys, ",") + rows(second, List.of(2, 3), keys, ",");
        assertEquals(expected, read(f));

        // an empty existing file still gets its header in append mode
        Path empty = dir.resolve("empty.csv");
        write(empty, "");
        History h = model().fit(d[0], d[1], epochs(1), batchSize(5), verbose(0),
                callbacks(new CSVLogger(empty.toString()).append(true)));
        assertEquals("epoch,loss,mae\r\n" + rows(h, List.of(0), keys, ","), read(empty));

        // append(false), the default, overwrites
        History again = m.fit(d[0], d[1], epochs(1), batchSize(5), verbose(0), callbacks(new CSVLogger(f.toString())));
        assertEquals("epoch,loss,mae\r\n" + rows(again, List.of(0), keys, ","), read(f));
    }

    @Test
    void missingKeysAreNAAndValuesPrintAsPythonFloats() {
        Path f = dir.resolve("na.csv");
        CSVLogger log = new CSVLogger(f);
        log.setParams(Map.of("epochs", 3, "metrics", List.of("loss", "accuracy", "val_loss", "val_accuracy")));
        log.onTrainBegin(Map.of());
        Map<String, Double> e0 = new LinkedHashMap<>(); // training stopped before validation: no val_* yet
        e0.put("loss", 0.5);
        e0.put("accuracy", 0.25);
        log.onEpochEnd(0, e0);
        Map<String, Double> e1 = new LinkedHashMap<>();
        e1.put("val_loss", 1e-5);
        e1.put("loss", Double.NaN);
        e1.put("accuracy", 1.0);
        e1.put("val_accuracy", 123456789.0);
        e1.put("lr", 0.01); // not in the header: left out, as Keras's DictWriter row only has the header's keys
        log.onEpochEnd(1, e1);
        log.onEpochEnd(2, Map.of("loss", Double.POSITIVE_INFINITY, "accuracy", Double.NEGATIVE_INFINITY,
                "val_loss", 1e16, "val_accuracy", 0.0001));
        log.onTrainEnd(Map.of());
        assertEquals("epoch,accuracy,loss,val_accuracy,val_loss\r\n"
                + "0,0.25,0.5,NA,NA\r\n"
                + "1,1.0,nan,123456789.0,1e-05\r\n"
                + "2,-inf,inf,0.0001,1e+16\r\n", read(f));
    }

    @Test
    void headerIsTheFirstLogsKeysWhenParamsAnnounceNone() {
        Path f = dir.resolve("plain.csv");
        CSVLogger log = new CSVLogger(f).separator("\t");
        log.onTrainBegin(Map.of());
        log.onEpochEnd(0, Map.of("loss", 2.0, "mae", 1.5));
        log.onEpochEnd(1, Map.of("loss", 1.0));
        log.onTrainEnd(Map.of());
        assertEquals("epoch\tloss\tmae\r\n0\t2.0\t1.5\r\n1\t1.0\tNA\r\n", read(f));
    }

    @Test
    void eachEpochIsFlushedSoACrashKeepsTheRows() {
        Path f = dir.resolve("flush.csv");
        List<String> seen = new ArrayList<>();
        LambdaCallback peek = LambdaCallback.builder().onEpochEnd((epoch, logs) -> seen.add(read(f))).build();
        INDArray[] d = data();
        model().fit(d[0], d[1], epochs(2), batchSize(10), verbose(0), callbacks(new CSVLogger(f.toString()), peek));
        assertEquals(2, seen.size());
        assertEquals(2, seen.get(0).split("\r\n").length, "header and epoch 0 are on disk during epoch 0: " + seen);
        assertTrue(seen.get(1).startsWith(seen.get(0)));
        assertEquals(3, seen.get(1).split("\r\n").length);
    }

    @Test
    void missingFolderIsAClearError() {
        Path f = dir.resolve("no-such-folder").resolve("log.csv");
        INDArray[] d = data();
        KerasishException e = assertThrows(KerasishException.class, () -> model().fit(d[0], d[1], epochs(1),
                verbose(0), callbacks(new CSVLogger(f.toString()))));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void badArgumentsAreConfigErrors() {
        assertThrows(InvalidConfigException.class, () -> new CSVLogger("x.csv").separator("::"));
        assertThrows(InvalidConfigException.class, () -> new CSVLogger("x.csv").separator(""));
        assertThrows(InvalidConfigException.class, () -> new CSVLogger(" "));
        CSVLogger defaults = new CSVLogger("x.csv");
        assertEquals(",", defaults.separator());
        assertEquals(false, defaults.append());
    }

    private static void write(Path f, String s) {
        try {
            Files.writeString(f, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

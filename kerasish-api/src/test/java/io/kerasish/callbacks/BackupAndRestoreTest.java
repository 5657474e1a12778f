package io.kerasish.callbacks;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.models.History;
import io.kerasish.models.Model;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** BackupAndRestore in one JVM: crashes simulated by exceptions from callbacks. */
class BackupAndRestoreTest {
    private static final int EPOCHS = 8;
    private static final INDArray X;
    private static final INDArray Y;

    static {
        Nd4j.getRandom().setSeed(5);
        X = Nd4j.rand(DataType.FLOAT, 40, 3);
        Y = X.sum(true, 1).reshape(40, 1);
    }

    @TempDir
    Path tmp;

    private static Sequential model() {
        Sequential m = new Sequential(List.of(new Dense(8).inputDim(3).activation("relu"), new Dropout(0.2),
                new Dense(1))).seed(1);
        m.compile(new Adam(0.01), "mse");
        return m;
    }

    private static History fit(Model m, Callback... cbs) {
        return m.fit(X, Y, epochs(EPOCHS), batchSize(8), verbose(0), callbacks(cbs));
    }

    /** Throws at the given (epoch, batch) end, or at the epoch's start when batch is -1. */
    private static final class Crash implements Callback {
        private final int epoch;
        private final int batch;
        private int current;

        Crash(int epoch, int batch) {
            this.epoch = epoch;
            this.batch = batch;
        }

        @Override
        public void onEpochBegin(int e, Map<String, Double> logs) {
            current = e;
            if (e == epoch && batch < 0) {
                throw new IllegalStateException("crash at the start of epoch " + e);
            }
        }

        @Override
        public void onTrainBatchEnd(int b, Map<String, Double> logs) {
            if (current == epoch && b == batch) {
                throw new IllegalStateException("crash in epoch " + current + " batch " + b);
            }
        }
    }

    private static List<INDArray> reference(Path dir) {
        Sequential m = model();
        fit(m, new BackupAndRestore(dir));
        return m.getWeights();
    }

    static void assertSameWeights(List<INDArray> expected, List<INDArray> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i).ravel().toFloatVector();
            float[] a = actual.get(i).ravel().toFloatVector();
            double maxDiff = 0;
            for (int j = 0; j < e.length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(e[j] - a[j]));
            }
            assertTrue(java.util.Arrays.equals(e, a), "weight " + i + " differs, max abs diff " + maxDiff);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void resumingAfterACrashInANewModelGivesTheWeightsOfAnUninterruptedRun() {
        List<INDArray> expected = reference(tmp.resolve("a"));
        Path dir = tmp.resolve("b");
        assertThrows(IllegalStateException.class, () -> fit(model(), new BackupAndRestore(dir), new Crash(4, -1)));
        assertEquals(List.of("backup-000004-epoch-000004.h5"), assertDoesNotThrowNames(dir));
        Sequential fresh = model(); // as after a restart: new weights, new optimizer state
        History h = fit(fresh, new BackupAndRestore(dir));
        assertEquals(List.of(4, 5, 6, 7), h.epoch());
        assertSameWeights(expected, fresh.getWeights());
        assertFalse(Files.exists(dir), "the backup is deleted after training finishes");
    }

    @Test
    void resumingTheSameModelAfterACrashMidEpochRestoresTheBackedUpState() {
        List<INDArray> expected = reference(tmp.resolve("a"));
        Path dir = tmp.resolve("b");
        Sequential m = model();
        BackupAndRestore backup = new BackupAndRestore(dir);
        // the model has trained two batches of epoch 5 past the backup taken after epoch 5 (index 4)
        assertThrows(IllegalStateException.class, () -> fit(m, backup, new Crash(5, 1)));
        assertEquals("backup-000005-epoch-000005.h5", backup.latestBackup().getFileName().toString());
        History h = fit(m, backup);
        assertEquals(List.of(5, 6, 7), h.epoch());
        assertSameWeights(expected, m.getWeights());
    }

    @Test
    void crashesOverAndOverStillEndWithTheSameWeights() {
        List<INDArray> expected = reference(tmp.resolve("a"));
        Path dir = tmp.resolve("b");
        int[][] crashes = {{1, 0}, {1, 4}, {3, -1}, {6, 2}};
        for (int[] c : crashes) {
            assertThrows(IllegalStateException.class, () -> fit(model(), new BackupAndRestore(dir), new Crash(c[0], c[1])));
        }
        Sequential m = model();
        fit(m, new BackupAndRestore(dir));
        assertSameWeights(expected, m.getWeights());
    }

    @Test
    void aCrashBeforeTheFirstBackupStartsFromTheBeginning() {
        List<INDArray> expected = reference(tmp.resolve("a"));
        Path dir = tmp.resolve("b");
        assertThrows(IllegalStateException.class, () -> fit(model(), new BackupAndRestore(dir), new Crash(0, 2)));
        assertTrue(Files.isDirectory(dir), "the directory is created when training starts");
        assertEquals(List.of(), assertDoesNotThrowNames(dir));
        Sequential m = model();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), fit(m, new BackupAndRestore(dir)).epoch());
        assertSameWeights(expected, m.getWeights());
    }

    @Test
    void theBackupIsDeletedAfterTrainingButOtherFilesAndTheirDirectoryStay() throws IOException {
        Path dir = tmp.resolve("nested/dir");
        List<String> seen = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                seen.add(String.join(",", assertDoesNotThrowNames(dir)));
            }
        };
        fit(model(), new BackupAndRestore(dir), spy);
        assertEquals("backup-000001-epoch-000001.h5", seen.get(0), "one backup at a time");
        assertEquals("backup-000008-epoch-000008.h5", seen.get(7));
        assertFalse(Files.exists(dir), "an empty backup directory is removed");

        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        fit(model(), new BackupAndRestore(dir));
        assertEquals(List.of("notes.txt"), names(dir));
    }

    @Test
    void deleteCheckpointFalseKeepsTheLastBackupAndAnotherFitResumesFromIt() throws IOException {
        Path dir = tmp.resolve("b");
        Sequential m = model();
        BackupAndRestore backup = new BackupAndRestore(dir).deleteCheckpoint(false);
        fit(m, backup);
        assertEquals(List.of("backup-000008-epoch-000008.h5"), names(dir));
        List<INDArray> trained = m.getWeights();

        Sequential other = model();
        History h = fit(other, new BackupAndRestore(dir).deleteCheckpoint(false));
        assertEquals(List.of(), h.epoch(), "all epochs were done");
        assertSameWeights(trained, other.getWeights());
        assertEquals(List.of("backup-000008-epoch-000008.h5"), names(dir));
    }

    @Test
    void aCorruptNewestBackupFallsBackToTheOlderOneAndAnOnlyCorruptBackupFails() throws IOException {
        List<INDArray> expected = reference(tmp.resolve("a"));
        Path dir = tmp.resolve("b");
        assertThrows(IllegalStateException.class, () -> fit(model(), new BackupAndRestore(dir), new Crash(3, -1)));
        Path good = dir.resolve("backup-000003-epoch-000003.h5");
        assertTrue(Files.exists(good));
        // a newer backup that is damaged (not something the callback itself can leave behind)
        byte[] bytes = Files.readAllBytes(good);
        Files.write(dir.resolve("backup-000004-epoch-000004.h5"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // and a temporary file from a killed save
        Path temp = dir.resolve(".backup-000005-epoch-000005.h5.1234abcd.tmp");
        Files.write(temp, new byte[] {1, 2, 3});
        Sequential m = model();
        History h = fit(m, new BackupAndRestore(dir).deleteCheckpoint(false), new Callback() {
            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                assertFalse(Files.exists(temp), "leftover temporary files are removed");
            }
        });
        assertEquals(List.of(3, 4, 5, 6, 7), h.epoch());
        assertSameWeights(expected, m.getWeights());
        assertEquals(List.of("backup-000009-epoch-000008.h5"), names(dir), "numbered after the damaged one");

        Path only = tmp.resolve("c");
        Files.createDirectories(only);
        Files.write(only.resolve("backup-000002-epoch-000002.h5"), java.util.Arrays.copyOf(bytes, 100));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> fit(model(), new BackupAndRestore(only)));
        assertTrue(e.getMessage().contains("delete the directory"), e.getMessage());
        assertTrue(Files.exists(only.resolve("backup-000002-epoch-000002.h5")), "nothing is deleted");
    }

    @Test
    void batchSaveFreqBacksUpMidEpochAndRestartsTheInterruptedEpoch() {
        Path dir = tmp.resolve("b");
        BackupAndRestore backup = new BackupAndRestore(dir).saveFreq(3); // 5 batches per epoch
        List<String> saved = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                Path latest = backup.latestBackup();
                saved.add(latest == null ? "-" : latest.getFileName().toString());
            }
        };
        assertThrows(IllegalStateException.class, () -> fit(model(), backup, spy, new Crash(1, 3)));
        // saves after global batches 3, 6 and 9 (epoch 0 batch 2, epoch 1 batches 0 and 3, then the crash)
        assertEquals(List.of("-", "-", "backup-000001-epoch-000000.h5", "backup-000001-epoch-000000.h5",
                "backup-000001-epoch-000000.h5", "backup-000002-epoch-000001.h5", "backup-000002-epoch-000001.h5",
                "backup-000002-epoch-000001.h5", "backup-000003-epoch-000001.h5"), saved);
        Sequential m = model();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), fit(m, new BackupAndRestore(dir).saveFreq(3)).epoch());
        assertFalse(Files.exists(dir));
    }

    @Test
    void rejectsBadSettings() throws IOException {
        assertThrows(InvalidConfigException.class, () -> new BackupAndRestore(""));
        assertThrows(InvalidConfigException.class, () -> new BackupAndRestore(tmp).saveFreq("batch"));
        assertThrows(InvalidConfigException.class, () -> new BackupAndRestore(tmp).saveFreq(0));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(InvalidConfigException.class, () -> fit(model(), new BackupAndRestore(file)));
        assertNull(new BackupAndRestore(tmp.resolve("none")).latestBackup());
        assertNotNull(new BackupAndRestore(tmp).saveFreq("epoch"));
    }

    private static List<String> assertDoesNotThrowNames(Path dir) {
        try {
            return names(dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

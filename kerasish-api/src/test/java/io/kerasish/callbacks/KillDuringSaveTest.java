package io.kerasish.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The acceptance test for crash-safe checkpoints: a training JVM ({@link TrainingChild}) is killed with SIGKILL at
 * random points of its training, which is mostly spent writing checkpoints. After every kill each checkpoint file
 * left under its name still loads, and restarting the child until it finishes gives exactly the weights of a run
 * that was never interrupted.
 */
class KillDuringSaveTest {
    /**
     * Kills to aim for, and the time after which no new chain of kills starts; until a kill has hit a write, chains
     * go on up to the hard limit.
     */
    private static final int KILLS = 25;
    private static final long BUDGET_MS = 45_000;
    private static final long HARD_LIMIT_MS = 80_000;

    @TempDir
    Path tmp;

    private record Run(boolean completed, long trainingMs) {
    }

    @Test
    void killedTrainingLeavesLoadableCheckpointsAndResumesToTheSameFinalWeights() throws Exception {
        long start = System.currentTimeMillis();
        Path a = tmp.resolve("a");
        Run reference = runChild(a, tmp.resolve("a.final.h5"), -1);
        assertTrue(reference.completed());
        assertFalse(Files.exists(a.resolve("backup")), "the backup is deleted after training finishes");
        List<INDArray> expected = finalWeights(tmp.resolve("a.final.h5"));
        long window = Math.max(50, reference.trainingMs());

        Random random = new Random(42);
        int kills = 0;
        int killsWithTempFile = 0;
        int killsWithTwoBackups = 0;
        int killsBeforeFirstCheckpoint = 0;
        int chains = 0;
        int filesLoaded = 0;
        while (killsWithTempFile == 0 ? System.currentTimeMillis() - start < HARD_LIMIT_MS
                : kills < KILLS && System.currentTimeMillis() - start < BUDGET_MS) {
            Path b = tmp.resolve("b" + chains);
            Path finalFile = tmp.resolve("b" + chains + ".final.h5");
            int killsInChain = 0;
            while (true) {
                // a resumed run has less left to do, so the delays are drawn from the first 60% of a whole run's
                // time: more kills per chain, still at every point of training over the chain; a run that outlives
                // its delay completes
                boolean kill = killsInChain < 8;
                Run run = runChild(b, finalFile, kill ? random.nextInt((int) (window * 0.6) + 1) : -1);
                if (run.completed()) {
                    break;
                }
                kills++;
                killsInChain++;
                List<Path> temps = files(b, n -> n.endsWith(".tmp"));
                if (!temps.isEmpty()) {
                    killsWithTempFile++;
                }
                List<Path> backups = files(b.resolve("backup"), n -> BackupAndRestore.BACKUP.matcher(n).matches());
                assertTrue(backups.size() <= 2, "at most the new and the previous backup: " + backups);
                if (backups.size() == 2) {
                    killsWithTwoBackups++;
                }
                List<Path> checkpoints = files(b, n -> n.endsWith(".h5"));
                if (checkpoints.isEmpty()) {
                    killsBeforeFirstCheckpoint++;
                }
                for (Path h5 : checkpoints) { // the previous checkpoint still loads
                    Sequential m = Models.loadModel(h5);
                    assertEquals(TrainingChild.model().countParams(), m.countParams(), h5.toString());
                    filesLoaded++;
                }
            }
            List<INDArray> actual = finalWeights(finalFile);
            BackupAndRestoreTest.assertSameWeights(expected, actual);
            assertFalse(Files.exists(b.resolve("backup")), "the backup is deleted after training finishes");
            chains++;
        }
        System.out.printf("KillDuringSaveTest: %d kills in %d chains (uninterrupted training %d ms), %d left a "
                        + "temporary file (killed while writing), %d left two backups (killed between writing the new "
                        + "backup and deleting the old), %d before the first checkpoint; %d checkpoint files loaded; "
                        + "%d ms%n", kills, chains, reference.trainingMs(), killsWithTempFile, killsWithTwoBackups,
                killsBeforeFirstCheckpoint, filesLoaded, System.currentTimeMillis() - start);
        assertTrue(kills >= 10, "too few kills within the time budget: " + kills);
        assertTrue(killsWithTempFile > 0, "no kill landed while a checkpoint was being written");
    }

    private static List<INDArray> finalWeights(Path file) {
        Sequential m = TrainingChild.model();
        m.loadWeights(file);
        return m.getWeights();
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<String> name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> name.test(p.getFileName().toString()))
                    .sorted().toList();
        }
    }

    /**
     * Runs {@link TrainingChild} into {@code dir}; with {@code killAfterMs >= 0} kills it (SIGKILL) that long after it
     * started training unless it has finished by then.
     */
    private Run runChild(Path dir, Path finalFile, long killAfterMs) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2G",
                "-cp", System.getProperty("java.class.path"),
                TrainingChild.class.getName(), dir.toString(), finalFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Path err = tmp.resolve("child.err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("TRAINING")) {
                // startup output
            }
            if (line == null) {
                p.waitFor(30, TimeUnit.SECONDS);
                fail("the child stopped before training: exit " + p.exitValue() + "\n" + Files.readString(err));
            }
            if (killAfterMs >= 0 && !p.waitFor(killAfterMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed child did not end");
                return new Run(false, -1);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the child did not finish within 60 s");
            }
            assertEquals(0, p.exitValue(), () -> "child failed:\n" + readQuietly(err));
            while ((line = out.readLine()) != null && !line.startsWith("DONE ")) {
                // other output
            }
            assertTrue(line != null, () -> "the child exited 0 without DONE:\n" + readQuietly(err));
            return new Run(true, Long.parseLong(line.substring(5).trim()));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}

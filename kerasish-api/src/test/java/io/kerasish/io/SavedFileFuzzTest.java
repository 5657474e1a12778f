package io.kerasish.io;

import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kerasish.KerasishException;
import io.kerasish.io.hdf5.H5Group;
import io.kerasish.io.hdf5.Hdf5;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saved model files, damaged 600 ways (truncated, bits flipped, attributes, datasets and groups deleted): loading
 * either works or throws a KerasishException, never anything else, and never hangs.
 */
class SavedFileFuzzTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void damagedFilesFailOnlyWithKerasishExceptions() throws Exception {
        Sequential m = new Sequential(List.of(new Dense(5).inputDim(4).activation("relu"), new Dropout(0.1),
                new Dense(3).activation("softmax"))).seed(1);
        m.compile("adam", "categorical_crossentropy", "accuracy");
        m.fit(Nd4j.rand(8, 4), Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1), epochs(1), verbose(0));
        Path good = dir.resolve("good.h5");
        m.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Random rnd = new Random(42);
        int failures = 0;
        int loaded = 0;
        List<String> kinds = List.of("truncate", "flip", "overwrite", "delete");
        for (int i = 0; i < 600; i++) {
            String kind = kinds.get(i % kinds.size());
            Path bad = dir.resolve("bad" + i + ".h5");
            switch (kind) {
                case "truncate" -> Files.write(bad, java.util.Arrays.copyOf(bytes, rnd.nextInt(bytes.length)));
                case "flip" -> {
                    byte[] b = bytes.clone();
                    for (int k = 1 + rnd.nextInt(20); k > 0; k--) {
                        int at = rnd.nextInt(b.length);
                        b[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    Files.write(bad, b);
                }
                case "overwrite" -> {
                    byte[] b = bytes.clone();
                    int at = rnd.nextInt(b.length);
                    for (int k = at; k < Math.min(b.length, at + 1 + rnd.nextInt(64)); k++) {
                        b[k] = (byte) rnd.nextInt(256);
                    }
                    Files.write(bad, b);
                }
                default -> {
                    Hdf5.write(bad, deleteSomething(Hdf5.read(good), rnd));
                }
            }
            try {
                Models.loadModel(bad).predict(Nd4j.rand(2, 4));
                loaded++;
            } catch (KerasishException e) {
                failures++;
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), kind + " #" + i);
            } catch (Throwable t) {
                fail(kind + " #" + i + ": expected a KerasishException, got " + t, t);
            }
            try {
                new Sequential(List.of(new Dense(5).inputDim(4), new Dropout(0.1), new Dense(3))).loadWeights(bad);
            } catch (KerasishException e) {
                // expected for most
            } catch (Throwable t) {
                fail(kind + " #" + i + " (loadWeights): expected a KerasishException, got " + t, t);
            }
            Files.delete(bad);
        }
        System.out.println("fuzz: 600 damaged files, " + failures + " refused with KerasishException, " + loaded + " loaded");
        assertTrue(failures > 300, "most damaged files must be refused, got " + failures);
    }

    /** Removes one random attribute, dataset or group anywhere in the tree (a copy without it). */
    private static H5Group deleteSomething(H5Group root, Random rnd) {
        int[] count = {0};
        copy(root, new H5Group(), -1, count);
        int target = rnd.nextInt(count[0]);
        H5Group out = new H5Group();
        copy(root, out, target, new int[] {0});
        return out;
    }

    /** Copies g into out, skipping the item numbered skip (attributes, datasets and groups counted in order). */
    private static void copy(H5Group g, H5Group out, int skip, int[] counter) {
        g.attrs().forEach((k, v) -> {
            if (counter[0]++ != skip) {
                out.attrs().put(k, v);
            }
        });
        g.datasets().forEach((k, v) -> {
            if (counter[0]++ != skip) {
                out.putDataset(k, v);
            }
        });
        g.groups().forEach((k, v) -> {
            if (counter[0]++ != skip) {
                copy(v, out.putGroup(k), skip, counter);
            } else {
                copy(v, new H5Group(), skip, counter); // keep the numbering of what follows
            }
        });
    }
}

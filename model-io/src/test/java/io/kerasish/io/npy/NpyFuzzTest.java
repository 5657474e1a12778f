package io.kerasish.io.npy;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged .npy and .npz files (truncated, bits flipped, bytes overwritten, length fields set to extremes): reading
 * and converting either succeeds or throws InvalidFileException naming the file; never another exception, an
 * Error (OutOfMemoryError included) or a hang.
 */
class NpyFuzzTest {
    private static final long SEED = 20240605L;
    private static final int PER_BASE = 90;

    @TempDir
    Path dir;

    @Test
    void damagedFilesGiveInvalidFileExceptionOrAnArray() throws IOException {
        List<String> bases = List.of("obj.npy", "obj_np2.npy", "obj_protocol2.npy", "u1.npy", "f8_fortran.npy",
                "i2_be_fortran.npy", "stored.npz", "deflated.npz");
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(SEED);
            for (String base : bases) {
                byte[] good = Files.readAllBytes(NpyTest.fixture(base));
                for (int k = 0; k < PER_BASE; k++) {
                    byte[] bad = mutate(good, k, random);
                    Path f = dir.resolve(k + "-" + base);
                    Files.write(f, bad);
                    try {
                        if (base.endsWith(".npz")) {
                            Npz.read(f).arrays().values().forEach(NpyFuzzTest::touch);
                        } else {
                            touch(Npy.read(f));
                        }
                        outcomes.merge("read", 1, Integer::sum);
                    } catch (InvalidFileException e) {
                        outcomes.merge("InvalidFileException", 1, Integer::sum);
                        if (!e.getMessage().contains(f.toString())) {
                            failures.add(base + " #" + k + ": message without the file name: " + e.getMessage());
                        }
                    } catch (Throwable t) {
                        failures.add(base + " #" + k + " (mutation " + k % 4 + "): " + t);
                    }
                    Files.delete(f);
                }
            }
        });
        System.out.println("NpyFuzzTest: " + bases.size() * PER_BASE + " damaged files: " + outcomes);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        assertTrue(outcomes.getOrDefault("InvalidFileException", 0) > bases.size() * PER_BASE / 4,
                "most damage should be detected: " + outcomes);
    }

    /** Reads everything a caller could ask for, so lazy failures show. */
    private static void touch(NpyArray a) {
        try {
            if (a.isObject()) {
                a.toIntLists();
            } else {
                a.toDoubleArray();
                a.toLongArray();
            }
        } catch (InvalidFileException e) {
            if (!a.isObject() && a.dtype().contains("f")) {
                return; // floats are not integers: a refusal, as intended
            }
            throw e;
        }
    }

    private static byte[] mutate(byte[] good, int k, Random r) {
        byte[] b = good.clone();
        switch (k % 4) {
            case 0 -> b = java.util.Arrays.copyOf(good, r.nextInt(good.length)); // truncated
            case 1 -> { // 1 to 4 bit flips
                for (int n = 1 + r.nextInt(4); n > 0; n--) {
                    int i = r.nextInt(b.length);
                    b[i] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 2 -> { // a random byte overwritten, biased to the header and pickle start
                int i = r.nextInt(Math.min(b.length, r.nextBoolean() ? 200 : b.length));
                b[i] = (byte) r.nextInt(256);
            }
            default -> { // a 4-byte span set to 0xff or 0x7f (huge lengths)
                int i = r.nextInt(Math.max(1, b.length - 4));
                byte v = r.nextBoolean() ? (byte) 0xff : (byte) 0x7f;
                for (int j = i; j < Math.min(b.length, i + 4); j++) {
                    b[j] = v;
                }
            }
        }
        return b;
    }
}

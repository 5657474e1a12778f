package io.kerasish.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kerasish.InvalidFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: whatever the damage, reading either succeeds or throws InvalidFileException naming the file,
 * within a few seconds; never another exception, an Error, or a hang.
 */
class Hdf5FuzzTest {
    private static final long SEED = 0x6b657261736973L;
    private static final Duration PER_FILE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> outcomes = new LinkedHashMap<>();

    @Test
    void damagedFilesNeverEscapeInvalidFileException() throws IOException {
        Map<String, byte[]> bases = new LinkedHashMap<>();
        Path ours = dir.resolve("ours.h5");
        H5Group tree = Trees.kerasWeights();
        tree.attrs().put("model_config", "{\"class_name\": \"Sequential\", \"config\": {\"layers\": []}}");
        Hdf5.write(ours, tree);
        bases.put("jhdf-written", Files.readAllBytes(ours));
        try (InputStream in = Hdf5FuzzTest.class.getResourceAsStream("/hdf5/keras2_h5py.h5")) {
            bases.put("h5py-written", in.readAllBytes());
        }
        if (Python.hasH5py()) { // HDF5 1.8+ structures: v2 object headers, fractal heaps, v2 B-trees, dense storage
            Path latest = dir.resolve("latest.h5");
            Python.run(WRITE_LATEST, latest.toString());
            bases.put("h5py-latest", Files.readAllBytes(latest));
        }
        Path target = dir.resolve("damaged.h5");
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(150), () -> {
            Random random = new Random(SEED);
            for (Map.Entry<String, byte[]> base : bases.entrySet()) {
                mutate(base.getKey(), base.getValue(), target, random);
            }
        });
        if (Python.hasH5py()) {
            h5pyDeletions(target);
        } else {
            System.out.println("skipped h5py deletions: /usr/bin/python3 with h5py not found");
        }
        int total = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("fuzz: %d damaged files in %.1f s: %s%n", total, (System.nanoTime() - start) / 1e9, outcomes);
        assertTrue(total >= 600, "only " + total + " mutations");
        if (!failures.isEmpty()) {
            fail(failures.size() + " damaged files escaped:\n" + String.join("\n", failures.subList(0,
                    Math.min(10, failures.size()))));
        }
    }

    private void mutate(String name, byte[] base, Path target, Random random) throws IOException {
        int n = base.length;
        List<Integer> lengths = new ArrayList<>(List.of(0, 1, 4, 7, 8, 9, 16, 48, n / 2, n - 8, n - 2, n - 1));
        for (int i = 0; i < 60; i++) {
            lengths.add(random.nextInt(n));
        }
        for (int length : lengths) {
            byte[] b = java.util.Arrays.copyOf(base, length);
            check(name + " truncated to " + length, b, target, true);
        }
        for (int i = 0; i < 160; i++) {
            byte[] b = base.clone();
            int flips = 1 + random.nextInt(20);
            for (int f = 0; f < flips; f++) {
                int bit = random.nextInt(n * 8);
                b[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            check(name + " with " + flips + " bit flips #" + i, b, target, false);
        }
        for (int i = 0; i < 60; i++) { // plausible-looking sizes and addresses where they do not belong
            byte[] b = base.clone();
            int at = random.nextInt(n - 8);
            long[] values = {0xFFFF_FFFFL, Integer.MAX_VALUE, -1L, n, n + 1, 1L << 40, 0, 0xFFFF, 1};
            long v = values[random.nextInt(values.length)];
            int width = 1 << random.nextInt(4);
            for (int k = 0; k < width; k++) {
                b[at + k] = (byte) (v >>> (8 * k));
            }
            check(name + " with " + v + " planted at " + at + " in " + width + " bytes", b, target, false);
        }
        for (int i = 0; i < 100; i++) {
            byte[] b = base.clone();
            int from = random.nextInt(n);
            int length = 1 + random.nextInt(Math.min(64, n - from));
            int style = random.nextInt(3);
            for (int k = from; k < from + length; k++) {
                b[k] = style == 0 ? 0 : style == 1 ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            check(name + " overwritten at " + from + "+" + length + " style " + style, b, target, false);
        }
    }

    private static final String WRITE_LATEST = """
            import h5py, sys
            import numpy as np
            with h5py.File(sys.argv[1], 'w', libver='latest') as f:
                f.attrs['keras_version'] = '2.3.1'
                f.attrs['names'] = np.array(['a', 'bb', 'ccc'], dtype=h5py.string_dtype())
                g = f.create_group('dense')
                for i in range(12):   # more than 8: dense attribute storage
                    g.attrs['a%d' % i] = np.arange(i + 1)
                g.create_dataset('gz', data=np.arange(60, dtype=np.float32).reshape(6, 10), chunks=(4, 3),
                                 compression='gzip', shuffle=True)
                g.create_dataset('grow', data=np.arange(30.0).reshape(3, 10), chunks=(1, 10), maxshape=(None, 10))
                many = f.create_group('many')
                for i in range(20):   # more than 8: dense link storage
                    many.create_dataset('d%02d' % i, data=np.float32(i))
            """;

    private void h5pyDeletions(Path target) throws IOException {
        Path source = dir.resolve("source.h5");
        try (InputStream in = Hdf5FuzzTest.class.getResourceAsStream("/hdf5/keras2_h5py.h5")) {
            Files.write(source, in.readAllBytes());
        }
        String[] deletions = {"attrs:/:model_config", "attrs:/model_weights:layer_names",
            "attrs:/model_weights/dense_1:weight_names", "attrs:/model_weights/dropout_1:weight_names",
            "node:/model_weights/dense_1/dense_1/kernel:0", "node:/model_weights/dense_1", "node:/optimizer_weights"};
        String script = """
                import h5py, shutil, sys
                for i, spec in enumerate(sys.argv[3:]):
                    out = sys.argv[2] + str(i)
                    shutil.copy(sys.argv[1], out)
                    kind, path, *rest = spec.split(':', 2)
                    with h5py.File(out, 'r+') as f:
                        if kind == 'attrs':
                            del f[path].attrs[rest[0]]
                        else:
                            del f[path + (':' + rest[0] if rest else '')]
                """;
        List<String> args = new ArrayList<>(List.of(source.toString(), dir.resolve("deleted").toString()));
        args.addAll(List.of(deletions));
        Python.run(script, args.toArray(new String[0]));
        for (int i = 0; i < deletions.length; i++) {
            byte[] b = Files.readAllBytes(dir.resolve("deleted" + i));
            check("h5py deleted " + deletions[i], b, target, false);
            // the freed space keeps stale bytes: damage the edited file too
            Random random = new Random(SEED + i);
            for (int k = 0; k < 10; k++) {
                byte[] c = b.clone();
                c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
                check("h5py deleted " + deletions[i] + " then 1 bit flip #" + k, c, target, false);
            }
        }
    }

    private void check(String what, byte[] content, Path target, boolean mustFail) throws IOException {
        Files.write(target, content);
        long t0 = System.nanoTime();
        String outcome;
        try {
            H5Group tree = Hdf5.read(target, PER_FILE);
            outcome = "read";
            if (mustFail) {
                failures.add(what + ": read a truncated file without complaint: " + tree);
            }
        } catch (InvalidFileException e) {
            outcome = e.getMessage().contains("not an HDF5 file") ? "not HDF5" : "rejected";
            if (!e.getMessage().contains(target.getFileName().toString())) {
                failures.add(what + ": message does not name the file: " + e.getMessage());
            }
            if (e.getMessage().contains("did not finish")) {
                failures.add(what + ": hang: " + e.getMessage());
            }
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            failures.add(what + ": " + trace);
            outcome = "escaped";
            Files.copy(target, dir.resolve("escaped-" + failures.size() + ".h5"));
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (millis > PER_FILE.toMillis() + 1000) {
            failures.add(what + ": took " + millis + " ms");
        }
        outcomes.merge(outcome, 1, Integer::sum);
    }

    @Test
    void damagedFilesInTheDirectoryAreNotLeftOpen() throws IOException {
        // every read closes its file: the directory can be emptied right away (matters on Windows)
        Path file = dir.resolve("x.h5");
        Hdf5.write(file, Trees.kerasWeights());
        Hdf5.read(file);
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
        try {
            Hdf5.read(file);
        } catch (InvalidFileException expected) {
            // fine
        }
        Files.delete(file);
        assertEquals(0, Files.list(dir).count());
    }
}

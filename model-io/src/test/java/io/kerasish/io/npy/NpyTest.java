package io.kerasish.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidFileException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Npy and Npz read what numpy writes (fixtures from src/test/resources/npy/make_npy.py) and refuse the rest. */
class NpyTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unsignedBytesInCOrder() {
        NpyArray a = Npy.read(fixture("u1.npy"));
        assertEquals("|u1", a.dtype());
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        int[] v = a.toIntArray();
        assertEquals(24, v.length);
        assertEquals(200, v[0]);
        assertEquals(223, v[23]); // above 127: read unsigned
        assertEquals((byte) 223, a.toByteArray()[23]);
        assertFalse(a.isObject());
    }

    @Test
    void bigEndianFortranOrderComesBackInCOrder() {
        NpyArray a = Npy.read(fixture("i2_be_fortran.npy"));
        assertEquals("<i2", a.dtype());
        assertArrayEquals(new long[] {3, 4}, a.shape());
        assertArrayEquals(new int[] {-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5}, a.toIntArray());
    }

    @Test
    void float64FortranRank3() {
        NpyArray a = Npy.read(fixture("f8_fortran.npy"));
        double[] v = a.toDoubleArray();
        for (int i = 0; i < 24; i++) {
            assertEquals(-1 + 2.0 * i / 23, v[i], 1e-12, "element " + i);
        }
        assertEquals((float) v[5], a.toFloatArray()[5]);
    }

    @Test
    void scalarsBoolsEmptyArrays() {
        NpyArray s = Npy.read(fixture("f4_scalar.npy"));
        assertArrayEquals(new long[0], s.shape());
        assertArrayEquals(new float[] {3.25f}, s.toFloatArray());
        assertArrayEquals(new int[] {1, 0, 1}, Npy.read(fixture("b1.npy")).toIntArray());
        NpyArray e = Npy.read(fixture("i8_empty.npy"));
        assertArrayEquals(new long[] {0, 5}, e.shape());
        assertEquals(0, e.toLongArray().length);
    }

    @Test
    void valuesThatDoNotFitAreRefusedNotWrapped() {
        NpyArray u = Npy.read(fixture("u8_big.npy"));
        InvalidFileException e = assertThrows(InvalidFileException.class, u::toLongArray);
        assertTrue(e.getMessage().contains("18446744073709551615"), e.getMessage());
        assertThrows(InvalidFileException.class, Npy.read(fixture("f8_fortran.npy"))::toIntArray);
    }

    @Test
    void unsupportedDtypeIsNamed() {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Npy.read(fixture("c8.npy")));
        assertTrue(e.getMessage().contains("'<c8' is not supported"), e.getMessage());
    }

    @Test
    void objectArraysOfIntListsFromNumpy1Numpy2AndProtocol2() {
        for (String f : List.of("obj.npy", "obj_np2.npy")) {
            NpyArray a = Npy.read(fixture(f));
            assertTrue(a.isObject(), f);
            assertEquals("|O", a.dtype());
            int[][] v = a.toIntLists();
            assertEquals(3, v.length, f);
            assertArrayEquals(new int[] {1, 14, 22}, v[0], f);
            assertArrayEquals(new int[0], v[1], f);
            assertArrayEquals(new int[] {70000, -5}, v[2], f);
        }
        int[][] p2 = Npy.read(fixture("obj_protocol2.npy")).toIntLists();
        assertArrayEquals(new int[][] {{5, 6}, {7}}, p2);
        assertThrows(InvalidFileException.class, Npy.read(fixture("obj.npy"))::toIntArray);
    }

    @Test
    void anythingButListsOfIntsIsRefusedWithFileAndOpcode() {
        InvalidFileException evil = assertThrows(InvalidFileException.class, () -> Npy.read(fixture("evil_global.npy")));
        assertTrue(evil.getMessage().contains("evil_global.npy"), evil.getMessage());
        assertTrue(evil.getMessage().contains("GLOBAL") && evil.getMessage().contains("os.system"), evil.getMessage());
        InvalidFileException dict = assertThrows(InvalidFileException.class, () -> Npy.read(fixture("obj_dict.npy")));
        assertTrue(dict.getMessage().contains("EMPTY_DICT"), dict.getMessage());
        InvalidFileException str = assertThrows(InvalidFileException.class, () -> Npy.read(fixture("obj_str.npy")));
        assertTrue(str.getMessage().contains("the string 'two'"), str.getMessage());
        InvalidFileException big = assertThrows(InvalidFileException.class, () -> Npy.read(fixture("obj_long.npy")));
        assertTrue(big.getMessage().contains("1099511627776"), big.getMessage());
    }

    @Test
    void npzStoredAndDeflated() {
        Npz stored = Npz.read(fixture("stored.npz"));
        assertEquals(List.of("x", "y", "s"), stored.keys());
        assertArrayEquals(new long[] {2, 3}, stored.get("x").shape());
        assertArrayEquals(new long[] {0, 1}, stored.get("y").toLongArray());
        assertArrayEquals(new int[][] {{1, 2, 3}, {4}}, stored.get("s").toIntLists());
        Npz deflated = Npz.read(fixture("deflated.npz"));
        assertEquals(List.of("arr_0", "arr_1"), deflated.keys());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, deflated.get("arr_0").toFloatArray());
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> deflated.get("x_train"));
        assertTrue(e.getMessage().contains("[arr_0, arr_1]"), e.getMessage());
    }

    @Test
    void notAnArchiveOrMissingFileIsInvalidFile() throws IOException {
        Path text = Files.writeString(dir.resolve("a.npz"), "hello");
        assertThrows(InvalidFileException.class, () -> Npz.read(text));
        assertThrows(InvalidFileException.class, () -> Npz.read(dir.resolve("missing.npz")));
        assertThrows(InvalidFileException.class, () -> Npy.read(text));
        assertThrows(InvalidFileException.class, () -> Npy.read(dir.resolve("missing.npy")));
    }

    @Test
    void headerSizesAreCheckedBeforeAllocating() throws IOException {
        byte[] good = Files.readAllBytes(fixture("u1.npy"));
        String header = new String(good, 10, good.length - 10 - 24, java.nio.charset.StandardCharsets.ISO_8859_1);
        String huge = header.replace("(2, 3, 4)", "(200000, 300000, 4)");
        byte[] bytes = new byte[10 + huge.length() + 24];
        System.arraycopy(good, 0, bytes, 0, 10);
        System.arraycopy(huge.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, bytes, 10, huge.length());
        bytes[8] = (byte) huge.length();
        Path f = Files.write(dir.resolve("huge.npy"), bytes);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("larger than 2 GB") || e.getMessage().contains("needs"), e.getMessage());
    }

    /** The shared IMDB subset (a re-save of Keras's load_data(num_words=500)), when present. */
    @Test
    void realImdbSubset() {
        Path f = Path.of("..", "..", "shared", "datasets", "imdb", "keras-imdb-subset-nw500", "imdb.npz");
        if (!Files.isRegularFile(f)) {
            System.out.println("skipped: " + f + " not found (the shared IMDB subset)");
            Assumptions.assumeTrue(false);
        }
        Npz npz = Npz.read(f);
        assertEquals(List.of("arr_0", "arr_1", "arr_2", "arr_3"), npz.keys());
        int[][] x = npz.get("arr_0").toIntLists();
        assertEquals(5000, x.length);
        assertArrayEquals(new int[] {1, 14, 22, 16, 43, 2, 2, 2, 2, 65, 458}, java.util.Arrays.copyOf(x[0], 11));
        assertEquals(List.of(218, 189, 141), List.of(x[0].length, x[1].length, x[2].length));
        assertEquals("<i8", npz.get("arr_1").dtype());
        assertEquals(5000, npz.get("arr_1").toIntArray().length);
        assertEquals(1000, npz.get("arr_2").toIntLists().length);
    }

    /** Random arrays of every supported dtype and order written by the system numpy, when it is installed. */
    @Test
    void agreesWithNumpy() throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        String script = """
                import sys, numpy as np
                rng = np.random.RandomState(7)
                out = []
                for i, t in enumerate(['|u1', '|i1', '<i2', '>i2', '<i4', '>i4', '<i8', '>u4', '<f4', '>f8', '|b1']):
                    shape = tuple(rng.randint(1, 5, size=rng.randint(1, 4)))
                    a = (rng.uniform(-100, 100, size=shape)).astype(t)
                    if i % 2: a = np.asfortranarray(a)
                    np.save(sys.argv[1] + '/a%d.npy' % i, a)
                    out.append(' '.join(repr(float(v)) for v in a.ravel(order='C')))
                print('\\n'.join(out))
                """;
        Process p = new ProcessBuilder(python.toString(), "-c", script, dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        if (p.exitValue() != 0) {
            System.out.println("skipped: /usr/bin/python3 has no numpy: " + output);
            Assumptions.assumeTrue(false);
        }
        String[] lines = output.strip().split("\n");
        assertEquals(11, lines.length);
        for (int i = 0; i < lines.length; i++) {
            String[] want = lines[i].split(" ");
            double[] got = Npy.read(dir.resolve("a" + i + ".npy")).toDoubleArray();
            assertEquals(want.length, got.length, "array " + i);
            for (int k = 0; k < got.length; k++) {
                assertEquals(Double.parseDouble(want[k]), got[k], 0.0, "array " + i + " element " + k);
            }
        }
    }

    /** What write produces reads back here, and numpy reads the same shape and values when it is installed. */
    @Test
    void writesFloat32ThatNumpyReads() throws IOException, InterruptedException {
        float[] v = {0f, -1.5f, 3.25f, Float.MAX_VALUE, 1e-30f, 7f};
        Path f = dir.resolve("w.npy");
        Npy.write(f, v, 2, 1, 3);
        NpyArray a = Npy.read(f);
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new long[] {2, 1, 3}, a.shape());
        assertArrayEquals(v, a.toFloatArray());
        Npy.write(dir.resolve("one.npy"), new float[] {4f, 5f}, 2);
        assertArrayEquals(new long[] {2}, Npy.read(dir.resolve("one.npy")).shape());
        assertEquals(List.of("one.npy", "w.npy"), Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList(),
                "no temporary file is left behind");
        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("bad.npy"), v, 4, 2));
        assertFalse(Files.exists(dir.resolve("bad.npy")));
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process p = new ProcessBuilder(python.toString(), "-c", "import sys, numpy as np; a = np.load(sys.argv[1]); "
                + "print(a.dtype, a.shape, ' '.join(repr(float(x)) for x in a.ravel()))", f.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        if (p.exitValue() != 0) {
            System.out.println("skipped: /usr/bin/python3 has no numpy: " + output);
            Assumptions.assumeTrue(false);
        }
        assertEquals("float32 (2, 1, 3) 0.0 -1.5 3.25 3.4028234663852886e+38 1.0000000031710769e-30 7.0", output);
    }
}

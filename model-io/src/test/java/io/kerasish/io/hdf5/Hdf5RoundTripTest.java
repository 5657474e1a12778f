package io.kerasish.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryKindOfValue() {
        H5Group root = Trees.kerasWeights();
        root.attrs().put("model_config", "{\"class_name\": \"Sequential\", \"name\": \"caf\u00e9\"}");
        root.attrs().put("epochs", 7L);
        root.attrs().put("lr", 0.001);
        root.attrs().put("steps", new long[] {1, -2, Long.MAX_VALUE});
        root.attrs().put("scales", new double[] {0.5, -1e300});
        root.attrs().put("no_longs", new long[0]);
        root.attrs().put("no_doubles", new double[0]);
        root.attrs().put("unicode_names", new String[] {"\u03b1\u03b2", "", "x"});
        H5Group ranks = root.putGroup("ranks/deeper/deepest");
        ranks.putDataset("r0:0", H5Array.of(new float[] {3.5f}));
        ranks.putDataset("r1:0", H5Array.of(Trees.ramp(5, 1), 5));
        ranks.putDataset("r2:0", H5Array.of(Trees.ramp(6, 1), 2, 3));
        ranks.putDataset("r3:0", H5Array.of(Trees.ramp(24, 1), 2, 3, 4));
        ranks.putDataset("r4:0", H5Array.of(Trees.ramp(120, 1), 2, 3, 4, 5));
        ranks.putDataset("r5:0", H5Array.of(Trees.ramp(720, 1), 2, 3, 4, 5, 6));
        ranks.putDataset("f64", new H5Array(H5Type.FLOAT64, new long[] {2, 2}, new float[] {1, 2, 3, 4}));
        ranks.putDataset("i64", new H5Array(H5Type.INT64, new long[] {3}, new float[] {-1, 0, 16777216}));
        String[] many = new String[3000];
        for (int i = 0; i < many.length; i++) {
            many[i] = String.format("layer_%024d", i); // 30 characters
        }
        root.putGroup("big").attrs().put("layer_names", many);

        Path file = dir.resolve("all.h5");
        Hdf5.write(file, root);
        H5Group back = Hdf5.read(file);

        H5Group big = back.group("big");
        assertEquals(List.of("layer_names0", "layer_names1"), big.attrs().keySet().stream().sorted().toList());
        assertEquals(1500, ((String[]) big.attrs().get("layer_names0")).length);
        assertArrayEquals(many, big.stringArrayAttr("layer_names"));
        back.group("big").attrs().clear();
        root.group("big").attrs().clear();

        assertEquals(0, back.group("dropout_1").stringArrayAttr("weight_names").length);
        assertArrayEquals(new String[0], (String[]) back.group("dropout_1").attrs().get("weight_names"));
        Trees.assertSameTree(root, back, "/");
        assertTrue(back.attrs().get("_jHDF") instanceof String, "jhdf marks the files it writes");
        assertEquals(H5Type.INT64, back.dataset("optimizer_weights/iterations:0").type());
        assertEquals(1234f, back.dataset("optimizer_weights/iterations:0").data()[0]);
        assertEquals(0.5f * (3 - 2), back.dataset("dense_1/dense_1/bias:0").data()[3]);
        assertArrayEquals(new long[0], back.dataset("ranks/deeper/deepest/r0:0").shape());
    }

    @Test
    void rewritesWhatItRead() {
        Path first = dir.resolve("first.h5");
        Path second = dir.resolve("second.h5");
        Hdf5.write(first, Trees.kerasWeights());
        H5Group once = Hdf5.read(first);
        Hdf5.write(second, once);
        Trees.assertSameTree(once, Hdf5.read(second), "/");
    }

    @Test
    void groupsWrittenAfterTheLastDatasetSurvive() {
        // jhdf 0.13.0's close() overwrites them with its trailer; Hdf5.write works around it
        H5Group root = new H5Group();
        root.putGroup("a_weights").putDataset("a_weights/kernel:0", H5Array.of(new float[] {1, 2, 3}, 3));
        for (int i = 0; i < 40; i++) {
            root.putGroup("dropout_" + i).attrs().put("weight_names", new String[0]);
        }
        Path file = dir.resolve("trailing.h5");
        Hdf5.write(file, root);
        Trees.assertSameTree(root, Hdf5.read(file), "/");
    }

    @Test
    void treeApi() {
        H5Group root = new H5Group();
        H5Group b = root.putGroup("a/b");
        assertSame(b, root.putGroup("a/b"));
        assertSame(b, root.group("a").group("b"));
        assertNull(root.group("a/c"));
        assertNull(root.group("x/y"));
        root.putDataset("a/b/kernel:0", H5Array.of(new float[] {1, 2}, 2));
        assertEquals(2, root.dataset("a/b/kernel:0").size());
        assertSame(root.dataset("a/b/kernel:0"), b.dataset("kernel:0"));
        assertNull(root.dataset("a/b"));
        assertNull(root.dataset("a/b/nope"));
        assertEquals(List.of("a"), List.copyOf(root.groups().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> root.groups().clear());
        assertThrows(UnsupportedOperationException.class, () -> root.datasets().clear());
        assertThrows(IllegalArgumentException.class, () -> root.putGroup("a/b/kernel:0"));
        assertThrows(IllegalArgumentException.class, () -> root.putDataset("a", H5Array.of(new float[1])));
        assertThrows(IllegalArgumentException.class, () -> root.putGroup("a//b"));
        assertThrows(IllegalArgumentException.class, () -> root.putGroup(""));
        assertThrows(IllegalArgumentException.class, () -> H5Array.of(new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> H5Array.of(new float[0], -1));
        assertEquals(H5Array.of(new float[] {1, 2}, 2), H5Array.of(new float[] {1, 2}, 2));

        root.attrs().put("s", "x");
        root.attrs().put("one", new String[] {"y"});
        root.attrs().put("n", 3L);
        root.attrs().put("empty", new double[0]);
        root.attrs().put("names0", new String[] {"a", "b"});
        root.attrs().put("names1", new String[] {"c"});
        assertEquals("x", root.stringAttr("s"));
        assertEquals("y", root.stringAttr("one"));
        assertNull(root.stringAttr("n"));
        assertNull(root.stringAttr("absent"));
        assertArrayEquals(new String[] {"x"}, root.stringArrayAttr("s"));
        assertArrayEquals(new String[0], root.stringArrayAttr("empty"));
        assertArrayEquals(new String[] {"a", "b", "c"}, root.stringArrayAttr("names"));
        assertNull(root.stringArrayAttr("n"));
        assertNull(root.stringArrayAttr("absent"));
    }

    @Test
    void failedWriteLeavesThePreviousFileAndNoTempFiles() throws IOException {
        Path file = dir.resolve("model.h5");
        Hdf5.write(file, Trees.kerasWeights());
        byte[] before = Files.readAllBytes(file);

        H5Group bad = Trees.kerasWeights();
        bad.putGroup("zzz/deep").attrs().put("epochs", 3); // an Integer: found only while writing
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Hdf5.write(file, bad));
        assertTrue(e.getMessage().contains("model.h5") && e.getMessage().contains("epochs"), e.getMessage());

        H5Group tooLong = Trees.kerasWeights();
        tooLong.attrs().put("model_config", "x".repeat(70_000));
        e = assertThrows(InvalidFileException.class, () -> Hdf5.write(file, tooLong));
        assertTrue(e.getMessage().contains("model_config"), e.getMessage());

        H5Group zeroSize = Trees.kerasWeights();
        zeroSize.putDataset("empty", H5Array.of(new float[0], 0, 3));
        assertThrows(InvalidFileException.class, () -> Hdf5.write(file, zeroSize));

        assertArrayEquals(before, Files.readAllBytes(file));
        Trees.assertSameTree(Trees.kerasWeights(), Hdf5.read(file), "/");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writeIntoMissingDirectoryFails() {
        Path file = dir.resolve("nope/model.h5");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Hdf5.write(file, new H5Group()));
        assertTrue(e.getMessage().contains("model.h5"), e.getMessage());
    }

    @Test
    void notHdf5FilesAreReportedByName() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not HDF5\n".repeat(100), StandardCharsets.UTF_8);
        assertMessage(text, "not an HDF5 file");

        Path empty = Files.createFile(dir.resolve("empty.h5"));
        assertMessage(empty, "not an HDF5 file");

        Path directory = Files.createDirectory(dir.resolve("folder.h5"));
        assertMessage(directory, "directory");

        assertMessage(dir.resolve("missing.h5"), "no such file");

        Path stub = dir.resolve("stub.h5");
        Files.write(stub, new byte[] {(byte) 0x89, 'H', 'D', 'F'});
        assertMessage(stub, "truncated");
    }

    private static void assertMessage(Path file, String expected) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Hdf5.read(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidDataException;
import io.kerasish.InvalidFileException;
import io.kerasish.KerasishException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Cifar10 reads the binary batches channels-last, extracts them from the archive, and reads PNG folders. */
class Cifar10Test {
    @TempDir
    Path dir;

    /** A record whose pixel (r, c) in channel ch is (label + ch * 50 + r + c) & 0xff. */
    private static byte[] record(int label) {
        byte[] b = new byte[3073];
        b[0] = (byte) label;
        for (int ch = 0; ch < 3; ch++) {
            for (int p = 0; p < 1024; p++) {
                b[1 + ch * 1024 + p] = (byte) (label + ch * 50 + p / 32 + p % 32 + 120);
            }
        }
        return b;
    }

    private static byte[] batch(int... labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int l : labels) {
            out.writeBytes(record(l));
        }
        return out.toByteArray();
    }

    private void writeBatches(Path d) throws IOException {
        Files.createDirectories(d);
        for (int i = 0; i < 5; i++) {
            Files.write(d.resolve(Cifar10.FILES.get(i)), batch(i, 9 - i));
        }
        Files.write(d.resolve("test_batch.bin"), batch(6));
    }

    @Test
    void binaryBatchesBecomeChannelsLastWithLabelsNBy1() throws IOException {
        writeBatches(dir);
        ImageData d = Cifar10.loadData(dir);
        assertArrayEquals(new long[] {10, 32, 32, 3}, d.xTrain().shape());
        assertArrayEquals(new long[] {10, 1}, d.yTrain().shape());
        assertArrayEquals(new long[] {1, 32, 32, 3}, d.xTest().shape());
        assertArrayEquals(new long[] {0, 9, 1, 8, 2, 7, 3, 6, 4, 5}, d.yTrain().castTo(DataType.INT64).toLongVector());
        INDArray x = d.xTrain().castTo(DataType.INT32);
        for (int[] at : new int[][] {{0, 0, 0, 0}, {3, 5, 7, 2}, {9, 31, 30, 1}}) {
            int label = new int[] {0, 9, 1, 8, 2, 7, 3, 6, 4, 5}[at[0]];
            assertEquals((label + at[3] * 50 + at[1] + at[2] + 120) & 0xff, x.getInt(at), java.util.Arrays.toString(at));
        }
    }

    @Test
    void damagedBatchesAreNamed() throws IOException {
        writeBatches(dir);
        Files.write(dir.resolve("data_batch_3.bin"), new byte[3000]);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Cifar10.loadData(dir));
        assertTrue(e.getMessage().contains("data_batch_3.bin"), e.getMessage());
        Files.delete(dir.resolve("test_batch.bin"));
        KerasishException missing = assertThrows(KerasishException.class, () -> Cifar10.loadData(dir));
        assertTrue(missing.getMessage().contains("[test_batch.bin]"), missing.getMessage());
    }

    private static void tarEntry(OutputStream out, String name, byte[] data) throws IOException {
        byte[] h = new byte[512];
        System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, h, 0, name.length());
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, h, 124, size.length);
        h[156] = '0';
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
        out.write(h);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    @Test
    void theArchivesSixFilesAreExtractedAndNothingElse() throws IOException {
        Path archive = dir.resolve("cifar-10-binary.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            tarEntry(out, "cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII));
            for (String f : Cifar10.FILES) {
                tarEntry(out, "cifar-10-batches-bin/" + f, batch(f.startsWith("test") ? 3 : 1));
            }
            tarEntry(out, "../../evil/data_batch_1.bin.txt", new byte[10]);
            out.write(new byte[1024]);
        }
        Path out = dir.resolve("out");
        TarGz.extract(archive, Set.copyOf(Cifar10.FILES), out);
        try (var s = Files.list(out)) {
            assertEquals(Set.copyOf(Cifar10.FILES), Set.copyOf(s.map(p -> p.getFileName().toString()).toList()));
        }
        ImageData extracted = Cifar10.loadData(out);
        assertEquals(5, extracted.yTrain().length());
        assertEquals(3, extracted.yTest().getInt(0, 0));
        Files.write(archive, java.util.Arrays.copyOf(Files.readAllBytes(archive), 300));
        assertThrows(InvalidFileException.class, () -> TarGz.extract(archive, Set.copyOf(Cifar10.FILES), dir.resolve("o2")));
    }

    @Test
    void sharedKaggleFolderOfPngs() {
        Path folder = Shared.data("cifar10/kaggle-train-first200");
        Cifar10.Labeled d = Cifar10.loadFolder(folder.resolve("train"), folder.resolve("trainLabels.csv"));
        assertArrayEquals(new long[] {200, 32, 32, 3}, d.x().shape());
        assertArrayEquals(new long[] {200, 1}, d.y().shape());
        assertEquals("1.png", d.files().get(0));
        long[] y = d.y().castTo(DataType.INT64).toLongVector();
        // the first ten labels of CIFAR-10's data_batch_1, which these images come from
        assertArrayEquals(new long[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, java.util.Arrays.copyOf(y, 10));
        int[] counts = new int[10];
        for (long v : y) {
            counts[(int) v]++;
        }
        assertArrayEquals(new int[] {14, 28, 22, 21, 19, 19, 18, 21, 15, 23}, counts); // as the shared README counts
    }

    @Test
    void pngFolderPixelsAndErrors() throws IOException {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 1, 0xff8001);
        ImageIO.write(img, "png", dir.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("b.png").toFile());
        Path csv = Files.writeString(dir.resolve("labels.csv"), "id,label\na,truck\nb.png,cat\n");
        Cifar10.Labeled d = Cifar10.loadFolder(dir, csv);
        assertEquals(List.of("a.png", "b.png"), d.files());
        assertArrayEquals(new long[] {9, 3}, d.y().castTo(DataType.INT64).toLongVector());
        INDArray x = d.x().castTo(DataType.INT32);
        assertEquals(255, x.getInt(0, 1, 3, 0));
        assertEquals(128, x.getInt(0, 1, 3, 1));
        assertEquals(1, x.getInt(0, 1, 3, 2));

        Path unknown = Files.writeString(dir.resolve("u.csv"), "a.png,cow\n");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> Cifar10.loadFolder(dir, unknown));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("cow"), e.getMessage());
        Path gone = Files.writeString(dir.resolve("g.csv"), "c.png,cat\n");
        InvalidFileException f = assertThrows(InvalidFileException.class, () -> Cifar10.loadFolder(dir, gone));
        assertTrue(f.getMessage().contains("c.png") && f.getMessage().contains("not found"), f.getMessage());
        ImageIO.write(new BufferedImage(5, 2, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("c.png").toFile());
        Path sizes = Files.writeString(dir.resolve("s.csv"), "a.png,cat\nc.png,dog\n");
        InvalidFileException s = assertThrows(InvalidFileException.class, () -> Cifar10.loadFolder(dir, sizes));
        assertTrue(s.getMessage().contains("one size"), s.getMessage());
    }
}

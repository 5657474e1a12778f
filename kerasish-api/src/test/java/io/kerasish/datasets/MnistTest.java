package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidFileException;
import io.kerasish.KerasishException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Mnist reads Keras's mnist.npz or LeCun's four IDX files into Keras's (N, 28, 28) uint8 layout. */
class MnistTest {
    @TempDir
    Path dir;

    @Test
    void kerasNpzLayout() throws Exception {
        ImageData d = Mnist.loadData(Shared.fixture("mnist_small.npz"));
        assertArrayEquals(new long[] {3, 28, 28}, d.xTrain().shape());
        assertArrayEquals(new long[] {2, 28, 28}, d.xTest().shape());
        assertEquals(DataType.UINT8, d.xTrain().dataType());
        assertArrayEquals(new long[] {5, 0, 4}, d.yTrain().toLongVector());
        String first = Shared.numpy("""
                import sys, numpy as np
                x = np.load(sys.argv[1])['x_train']
                print(' '.join(map(str, x[1, 3, :])), int(x.max()))
                """, Shared.fixture("mnist_small.npz").toString()).strip();
        String[] want = first.split(" ");
        long[] row = d.xTrain().get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(3), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .castTo(DataType.INT64).toLongVector();
        for (int c = 0; c < 28; c++) {
            assertEquals(Long.parseLong(want[c]), row[c], "pixel " + c);
        }
        assertEquals(Long.parseLong(want[28]), d.xTrain().castTo(DataType.INT32).maxNumber().longValue());
    }

    private static void idx(Path f, int magic, int[] dims, byte[] data) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    @Test
    void idxFolderGzippedAndAFolderMissingAFileIsNamed() throws IOException {
        byte[] pixels = new byte[2 * 28 * 28];
        pixels[5] = (byte) 255;
        idx(dir.resolve("train-images-idx3-ubyte.gz"), 0x803, new int[] {2, 28, 28}, pixels);
        idx(dir.resolve("train-labels-idx1-ubyte.gz"), 0x801, new int[] {2}, new byte[] {3, 9});
        idx(dir.resolve("t10k-labels-idx1-ubyte.gz"), 0x801, new int[] {1}, new byte[] {7});
        KerasishException e = assertThrows(KerasishException.class, () -> Mnist.loadData(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
        idx(dir.resolve("t10k-images-idx3-ubyte.gz"), 0x803, new int[] {1, 28, 28}, new byte[28 * 28]);
        ImageData d = Mnist.loadData(dir);
        assertArrayEquals(new long[] {2, 28, 28}, d.xTrain().shape());
        assertEquals(255, d.xTrain().castTo(DataType.INT32).getInt(0, 0, 5));
        assertArrayEquals(new long[] {3, 9}, d.yTrain().toLongVector());
    }

    /** The shared MNIST folder has the test set and training labels only: the error says what is missing. */
    @Test
    void sharedFolderHasOnlyTheTestSet() {
        Path shared = Shared.data("mnist");
        KerasishException e = assertThrows(KerasishException.class, () -> Mnist.loadData(shared));
        assertTrue(e.getMessage().contains("lacks [train-images-idx3-ubyte]"), e.getMessage());
        INDArray x = Idx.read(shared.resolve("t10k-images-idx3-ubyte.gz"));
        INDArray y = Idx.read(shared.resolve("t10k-labels-idx1-ubyte.gz"));
        assertArrayEquals(new long[] {10000, 28, 28}, x.shape());
        assertArrayEquals(new long[] {7, 2, 1, 0, 4}, y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5))
                .castTo(DataType.INT64).toLongVector()); // MNIST's well-known first test labels
        assertEquals(255, x.castTo(DataType.INT32).maxNumber().intValue());
    }

    @Test
    void aDamagedNpzIsInvalidFile() throws IOException {
        byte[] b = Files.readAllBytes(Shared.fixture("mnist_small.npz"));
        Path f = Files.write(dir.resolve("mnist.npz"), java.util.Arrays.copyOf(b, b.length / 2));
        assertThrows(InvalidFileException.class, () -> Mnist.loadData(f));
    }
}

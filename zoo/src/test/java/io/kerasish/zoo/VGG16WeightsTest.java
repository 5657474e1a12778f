package io.kerasish.zoo;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Load.byName;
import static io.kerasish.models.Load.skipMismatch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.ShapeMismatchException;
import io.kerasish.io.hdf5.H5Array;
import io.kerasish.io.hdf5.H5Group;
import io.kerasish.io.hdf5.Hdf5;
import io.kerasish.io.keras.KerasH5;
import io.kerasish.io.keras.LayerWeights;
import io.kerasish.layers.Dense;
import io.kerasish.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * VGG-16 loads a weights file in the layout of Keras's published no-top file (random weights, generated at 32x32
 * input: 14.7M parameters, about 59 MB, written to a temporary folder) and predicts what the same weights give when
 * computed independently: a plain-Java double-precision forward pass, and numpy (src-test-data/vgg16_numpy_ref.py,
 * when /usr/bin/python3 has numpy and h5py).
 */
class VGG16WeightsTest {
    /**
     * Relative to the largest output: float32 sums of up to 4608 products, added in oneDNN's order, 13 layers deep,
     * against double-precision references (measured: 1.6e-6).
     */
    static final double TOLERANCE = 1e-5;

    @TempDir
    static Path dir;
    static VggFixtures fixtures;
    static Path file;
    static INDArray x;

    @BeforeAll
    static void writeWeights() {
        fixtures = new VggFixtures(42);
        file = dir.resolve("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5");
        fixtures.write(file);
        Nd4j.getRandom().setSeed(7);
        x = VGG16.preprocessInput(Nd4j.rand(DataType.FLOAT, 2, 32, 32, 3).muli(255));
    }

    private static Sequential loaded() {
        return VGG16.builder().includeTop(false).weights(file).inputShape(32, 32, 3).build();
    }

    /** max |a - b| / max |b|. */
    private static double relativeError(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
    }

    @Test
    void predictsWhatThePlainJavaForwardPassGives() {
        INDArray y = loaded().predict(x, batchSize(2));
        assertArrayEquals(new long[] {2, 1, 1, 512}, y.shape());
        double[][][][] ref = fixtures.forward(toArray(x));
        INDArray expected = Nd4j.create(flatten(ref), new long[] {2, 1, 1, 512}, 'c').castTo(DataType.FLOAT);
        double err = relativeError(y, expected);
        System.out.printf("VGG16 vs plain-Java double reference: max abs diff %.3g, largest output %.3g, relative %.3g%n",
                y.sub(expected).amaxNumber().doubleValue(), expected.amaxNumber().doubleValue(), err);
        assertTrue(expected.amaxNumber().doubleValue() > 1, "the reference output is degenerate");
        assertTrue(err < TOLERANCE, "relative error " + err);
    }

    @Test
    void predictsWhatNumpyGivesFromTheSameFile() throws Exception {
        Path script = Path.of("..", "src-test-data", "vgg16_numpy_ref.py").toAbsolutePath().normalize();
        Path python = Path.of("/usr/bin/python3");
        boolean hasNumpy = Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import numpy, h5py")
                .start().waitFor() == 0;
        if (!hasNumpy || !Files.isRegularFile(script)) {
            System.out.println("SKIPPED numpy reference: needs /usr/bin/python3 with numpy and h5py, and " + script);
        }
        Assumptions.assumeTrue(hasNumpy && Files.isRegularFile(script));
        H5Group in = new H5Group();
        INDArray xc = x.dup('c');
        in.putDataset("input", H5Array.of(xc.data().asFloat(), xc.shape()));
        Path inFile = dir.resolve("input.h5");
        Path outFile = dir.resolve("output.h5");
        Hdf5.write(inFile, in);
        Process p = new ProcessBuilder(python.toString(), script.toString(), file.toString(), inFile.toString(),
                outFile.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, log);
        H5Array out = Hdf5.read(outFile).dataset("output");
        INDArray expected = Nd4j.create(out.data(), out.shape(), 'c');
        INDArray y = loaded().predict(x, batchSize(2));
        double err = relativeError(y, expected);
        System.out.printf("VGG16 vs numpy reference: relative max error %.3g%n", err);
        assertTrue(err < TOLERANCE, "relative error " + err);
    }

    @Test
    void loadsByNameIntoAModelWithADifferentTop() {
        Sequential m = VGG16.builder().includeTop(false).weights((String) null).inputShape(32, 32, 3).pooling("avg")
                .build();
        m.add(new Dense(10).activation("softmax").name("predictions"));
        m.build();
        List<INDArray> head = m.getLayer("predictions").getWeights();
        m.loadWeights(file, byName(true), skipMismatch(true));
        INDArray kernel = m.getLayer("block3_conv2").getWeights().get(0);
        INDArray fileKernel = Nd4j.create(fixtures.kernels.get(5), new long[] {3, 3, 256, 256}, 'c');
        assertEquals(0.0, kernel.sub(fileKernel).amaxNumber().doubleValue());
        assertEquals(0.0, m.getLayer("predictions").getWeights().get(0).sub(head.get(0)).amaxNumber().doubleValue(),
                "a layer the file does not have keeps its weights");
        assertArrayEquals(new long[] {10}, m.outputShape().dims());
    }

    @Test
    void skipMismatchSkipsATopOfAnotherShapeAndSaysWhich() {
        Sequential m = VGG16.builder().includeTop(false).weights((String) null).inputShape(32, 32, 3).pooling("max")
                .build();
        m.add(new Dense(10).activation("softmax").name("predictions"));
        m.build();
        Path other = dir.resolve("other_top.h5");
        float[] k = new float[27 * 64];
        java.util.Arrays.fill(k, 0.5f);
        KerasH5.writeWeights(other, List.of(
                new LayerWeights("block1_conv1", List.of("block1_conv1/kernel:0", "block1_conv1/bias:0"),
                        List.of(H5Array.of(k, 3, 3, 3, 64), H5Array.of(new float[64], 64))),
                new LayerWeights("predictions", List.of("predictions/kernel:0", "predictions/bias:0"),
                        List.of(H5Array.of(new float[512 * 1000], 512, 1000), H5Array.of(new float[1000], 1000)))));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> m.loadWeights(other, byName(true)));
        assertTrue(e.getMessage().contains("predictions") && e.getMessage().contains("skipMismatch"), e.getMessage());
        assertTrue(m.getLayer("block1_conv1").getWeights().get(0).getFloat(0) != 0.5f, "nothing changes on failure");
        m.loadWeights(other, byName(true), skipMismatch(true));
        assertEquals(0.5f, m.getLayer("block1_conv1").getWeights().get(0).getFloat(0));
    }

    private static float[][][][] toArray(INDArray a) {
        int n = (int) a.size(0);
        int h = (int) a.size(1);
        int w = (int) a.size(2);
        float[] v = a.dup('c').data().asFloat();
        float[][][][] out = new float[n][h][w][3];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    for (int ch = 0; ch < 3; ch++) {
                        out[i][r][c][ch] = v[k++];
                    }
                }
            }
        }
        return out;
    }

    private static double[] flatten(double[][][][] a) {
        return java.util.Arrays.stream(a).flatMap(java.util.Arrays::stream).flatMap(java.util.Arrays::stream)
                .flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}

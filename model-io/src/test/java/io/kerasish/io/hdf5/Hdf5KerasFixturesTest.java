package io.kerasish.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Files written by real Keras (shared/keras-fixtures, outside the repository; skipped when absent). */
class Hdf5KerasFixturesTest {
    private static final String SKIP = "skipped: shared/keras-fixtures not found";

    static Path fixtures() {
        for (Path p : List.of(Path.of("..", "..", "shared", "keras-fixtures"), Path.of("..", "shared", "keras-fixtures"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path fixture(String relative) {
        Path root = fixtures();
        if (root == null) {
            System.out.println(SKIP);
        }
        Assumptions.assumeTrue(root != null, SKIP);
        Path file = root.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: " + file + " not found");
        return file;
    }

    @Test
    void readsEveryFixture() throws IOException {
        Path root = fixture("README.md").getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".h5")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            H5Group tree = Hdf5.read(file);
            assertFalse(tree.groups().isEmpty(), file.toString());
            String[] layers = tree.stringArrayAttr("layer_names");
            H5Group weights = tree.group("model_weights") != null ? tree.group("model_weights") : tree;
            layers = layers != null ? layers : weights.stringArrayAttr("layer_names");
            if (layers == null) {
                continue; // inputs/outputs files
            }
            for (String layer : layers) {
                H5Group g = weights.group(layer);
                assertNotNull(g, file + ": " + layer);
                String[] names = g.stringArrayAttr("weight_names");
                assertNotNull(names, file + ": " + layer);
                for (String name : names) {
                    H5Array a = g.dataset(name);
                    assertNotNull(a, file + ": " + layer + "/" + name);
                    assertEquals(H5Type.FLOAT32, a.type());
                }
            }
            Path copy = Files.createTempFile("fixture", ".h5");
            try {
                Hdf5.write(copy, tree);
                Trees.assertSameTree(tree, Hdf5.read(copy), "/");
            } finally {
                Files.deleteIfExists(copy);
            }
        }
    }

    @Test
    void mnistMlpWeights() {
        H5Group tree = Hdf5.read(fixture("mnist_mlp/mnist_mlp_tf_keras_2_weights.h5"));
        assertTrue(Arrays.asList(tree.stringArrayAttr("layer_names")).contains("dense_1"));
        assertEquals("2.0.6", tree.stringAttr("keras_version"));
        H5Group dense1 = tree.group("dense_1");
        assertArrayEquals(new String[] {"dense_1/kernel:0", "dense_1/bias:0"}, dense1.stringArrayAttr("weight_names"));
        assertArrayEquals(new long[] {784, 512}, dense1.dataset("dense_1/kernel:0").shape());
        assertArrayEquals(new String[0], tree.group("dropout_1").stringArrayAttr("weight_names"));
    }

    @Test
    void lenetDropoutWeights() {
        H5Group tree = Hdf5.read(fixture("lenet_dropout/weights.h5"));
        assertEquals(0.041764896f, tree.dataset("conv2d_12/conv2d_12/kernel:0").data()[0]);
        assertEquals(0.021932468f, tree.dataset("conv2d_13/conv2d_13/kernel:0").data()[0]);
        assertArrayEquals(new long[] {3, 3, 32, 64}, tree.dataset("conv2d_13/conv2d_13/kernel:0").shape());
    }

    @Test
    void fullModelFile() {
        H5Group tree = Hdf5.read(fixture("simple_sparse_xent_mlp/simple_sparse_xent_mlp_keras_2_model.h5"));
        assertTrue(tree.stringAttr("model_config").startsWith("{\"class_name\": \"Sequential\""));
        assertTrue(tree.stringAttr("training_config").contains("RMSprop"));
        assertArrayEquals(new String[] {"dense_1", "activation_1"},
                tree.group("model_weights").stringArrayAttr("layer_names"));
        assertArrayEquals(new long[] {4, 3}, tree.dataset("model_weights/dense_1/dense_1/kernel:0").shape());
    }
}

package io.kerasish.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.io.hdf5.H5Array;
import io.kerasish.io.hdf5.H5Group;
import io.kerasish.io.hdf5.Hdf5;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.RMSprop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Files written by real Keras (../shared/keras-fixtures, not committed): they load and reproduce the outputs
 * Keras recorded. Skipped, with a message, when the folder is absent.
 */
class KerasFixturesTest {
    static Path fixtures() {
        for (Path p : List.of(Path.of("..", "..", "shared", "keras-fixtures"), Path.of("..", "shared", "keras-fixtures"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        System.out.println("skipped: ../shared/keras-fixtures not found (real Keras files for interop tests)");
        Assumptions.assumeTrue(false, "../shared/keras-fixtures not found");
        return null;
    }

    static INDArray nd(H5Array a) {
        return Nd4j.create(a.data(), a.shape(), 'c');
    }

    @Test
    void mnistMlpFromKeras206ReproducesItsPredictions() throws Exception {
        Path dir = fixtures().resolve("mnist_mlp");
        Sequential m = Models.modelFromJson(Files.readString(dir.resolve("mnist_mlp_tf_keras_2_config.json")));
        assertEquals(List.of("dense_1", "dropout_1", "dense_2", "dropout_2", "dense_3"),
                m.layers().stream().map(l -> l.name()).toList());
        m.loadWeights(dir.resolve("mnist_mlp_tf_keras_2_weights.h5"));
        H5Group io = Hdf5.read(dir.resolve("mnist_mlp_tf_keras_2_inputs_and_outputs.h5"));
        INDArray predicted = m.predict(nd(io.dataset("inputs/dense_1_input")));
        INDArray expected = nd(io.dataset("predictions/dense_3"));
        double diff = predicted.sub(expected).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "max abs diff " + diff);
    }

    @Test
    void sparseXentModelFileLoadsCompiledAndReproducesItsOutputs() throws Exception {
        Path dir = fixtures().resolve("simple_sparse_xent_mlp");
        Sequential m = Models.loadModel(dir.resolve("simple_sparse_xent_mlp_keras_2_model.h5"));
        assertTrue(m.isCompiled());
        assertEquals("sparse_categorical_crossentropy", m.loss().name());
        assertEquals(List.of("accuracy"), m.metricNames());
        assertTrue(m.optimizer() instanceof RMSprop);
        assertEquals(1e-4, m.optimizer().learningRate(), 1e-9);
        assertEquals(1e-6, m.optimizer().decay(), 1e-12);
        H5Group io = Hdf5.read(dir.resolve("simple_sparse_xent_mlp_keras_2_inputs_and_outputs.h5"));
        INDArray x = nd(io.dataset("inputs/dense_1_input"));
        INDArray expected = nd(io.dataset("outputs/activation_1"));
        assertTrue(m.predict(x).sub(expected).amaxNumber().doubleValue() < 1e-5);

        // the same from the separate config and save_weights files
        Sequential fromParts = Models.modelFromJson(Files.readString(dir.resolve("simple_sparse_xent_mlp_keras_2_config.json")));
        fromParts.loadWeights(dir.resolve("simple_sparse_xent_mlp_keras_2_weights.h5"));
        assertTrue(fromParts.predict(x).sub(expected).amaxNumber().doubleValue() < 1e-5);
    }

    @Test
    void tfKerasLenetLoadsWithItsKnownKernelValues() throws Exception {
        Path dir = fixtures().resolve("lenet_dropout");
        Sequential m = Models.modelFromJson(Files.readString(dir.resolve("modelConfig.json")));
        m.loadWeights(dir.resolve("weights.h5"));
        assertEquals(0.041764896f, m.getLayer("conv2d_12").getWeights().get(0).getFloat(0, 0, 0, 0));
        assertEquals(0.021932468f, m.getLayer("conv2d_13").getWeights().get(0).getFloat(0, 0, 0, 0));
        INDArray p = m.predict(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 28, 28, 1));
        assertEquals("[4, 10]", java.util.Arrays.toString(p.shape()));
        assertTrue(Double.isFinite(p.sumNumber().doubleValue()));
        assertTrue(m.summaryString().contains("Total params: 844,326"), m.summaryString());
    }
}

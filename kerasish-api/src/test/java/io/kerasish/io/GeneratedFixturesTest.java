package io.kerasish.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.UnknownNameException;
import io.kerasish.io.hdf5.H5Array;
import io.kerasish.io.hdf5.H5Group;
import io.kerasish.io.hdf5.Hdf5;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Keras-layout fixtures in src-test-data/fixtures (Keras 1, tf.keras 2, Keras 3, Functional chains, bad
 * inputs; see its README): each loads and reproduces the numpy reference's outputs within 1e-5.
 */
class GeneratedFixturesTest {
    static final Path DIR = Path.of("..", "src-test-data", "fixtures");

    @TempDir
    Path tmp;

    private static String text(String file) throws Exception {
        return Files.readString(DIR.resolve(file));
    }

    private static INDArray nd(H5Array a) {
        return Nd4j.create(a.data(), a.shape(), 'c');
    }

    /** Predicts expected.h5's input and compares with its output (or another recorded output). */
    private static void assertReproduces(Sequential m, String folder, String output) {
        H5Group e = Hdf5.read(DIR.resolve(folder).resolve("expected.h5"));
        INDArray got = m.predict(nd(e.dataset("input")));
        INDArray expected = nd(e.dataset(output));
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(got.shape()), folder);
        double diff = got.sub(expected).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, folder + "/" + output + ": max abs diff " + diff);
    }

    @Test
    void keras1MlpConfigAndWeights() throws Exception {
        Sequential m = Models.modelFromJson(text("keras1_mlp/model.json"));
        assertEquals(0.01, m.layers().get(0).getConfig().get("kernel_regularizer") instanceof java.util.Map<?, ?> r
                ? ((Number) ((java.util.Map<?, ?>) r.get("config")).get("l2")).doubleValue() : 0, 1e-6);
        m.loadWeights(DIR.resolve("keras1_mlp/weights.h5"));
        assertReproduces(m, "keras1_mlp", "output");
    }

    @Test
    void keras1TheanoOrderedConvolutionBecomesChannelsLast() throws Exception {
        Sequential m = Models.modelFromJson(text("keras1_cnn_th/model.json"));
        assertEquals("(None, 6, 6, 2)", "(None, " + m.inputShape().dim(0) + ", " + m.inputShape().dim(1) + ", "
                + m.inputShape().dim(2) + ")");
        m.loadWeights(DIR.resolve("keras1_cnn_th/weights.h5"));
        // no backend attribute in Keras 1 files: transposed (2, 3, 1, 0), not flipped, as Keras 2 loads it
        assertReproduces(m, "keras1_cnn_th", "output");
    }

    @Test
    void tfKeras2FullModelLoadsCompiledWithItsOptimizerState() throws Exception {
        Path file = DIR.resolve("tfkeras2_cnn/model.h5");
        Sequential m = Models.loadModel(file);
        assertTrue(m.isCompiled());
        assertEquals("Adam", m.optimizer().name());
        assertEquals("categorical_crossentropy", m.loss().name());
        assertEquals(12, m.dl4j().getIterationCount());
        assertReproduces(m, "tfkeras2_cnn", "output");

        // the optimizer slots were restored: saving again writes the same m and v arrays under the same names
        Path again = tmp.resolve("again.h5");
        m.save(again);
        H5Group a = Hdf5.read(file).group("optimizer_weights");
        H5Group b = Hdf5.read(again).group("optimizer_weights");
        List<String> names = List.of(a.stringArrayAttr("weight_names"));
        assertEquals(names, List.of(b.stringArrayAttr("weight_names")));
        for (String n : names) {
            assertTrue(java.util.Arrays.equals(a.dataset(n).data(), b.dataset(n).data()), n);
        }

        Sequential fromJson = Models.modelFromJson(text("tfkeras2_cnn/model.json"));
        fromJson.loadWeights(file);
        assertReproduces(fromJson, "tfkeras2_cnn", "output");
        assertEquals(fromJson.toJson(), m.toJson());
    }

    @Test
    void tfKeras2YamlWithTupleTagsLoadsAndOtherTagsAreRefused() throws Exception {
        Sequential fromYaml = Models.modelFromYaml(text("tfkeras2_cnn/model.yaml"));
        assertEquals(Models.modelFromJson(text("tfkeras2_cnn/model.json")).toJson(), fromYaml.toJson());
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Models.modelFromYaml(text("tfkeras2_cnn/model_tf_listwrapper.yaml")));
        assertTrue(e.getMessage().contains("ListWrapper"), e.getMessage());
    }

    @Test
    void tfKeras2RecurrentWeights() throws Exception {
        Sequential m = Models.modelFromJson(text("tfkeras2_lstm/model.json"));
        m.loadWeights(DIR.resolve("tfkeras2_lstm/weights.h5"));
        assertReproduces(m, "tfkeras2_lstm", "output");
    }

    @Test
    void keras3ConfigAndWeightsFile() throws Exception {
        Sequential m = Models.modelFromJson(text("keras3_mlp/config.json"));
        m.loadWeights(DIR.resolve("keras3_mlp/model.weights.h5"));
        assertReproduces(m, "keras3_mlp", "output");
    }

    @Test
    void functionalChainLoadsAsSequentialAndBranchesAreRefused() throws Exception {
        Sequential m = Models.modelFromJson(text("functional/functional_chain.json"));
        m.loadWeights(DIR.resolve("functional/functional_chain.weights.h5"));
        assertReproduces(m, "functional", "output");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Models.modelFromJson(text("functional/functional_branching.json")));
        assertTrue(e.getMessage().contains("not sequential"), e.getMessage());
    }

    @Test
    void badInputsGiveClearErrors() throws Exception {
        assertThrows(UnknownNameException.class, () -> Models.modelFromJson(text("bad/unknown_layer.json")));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Models.modelFromJson(text("bad/missing_units.json")));
        assertTrue(e.getMessage().contains("'units' is missing"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> Models.modelFromYaml(text("bad/yaml_bomb.yaml")));
        assertTrue(e.getMessage().contains("alias"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> Models.modelFromYaml(text("bad/yaml_python_object.yaml")));
        Sequential m = Models.modelFromJson(text("functional/functional_chain.json"));
        assertThrows(InvalidFileException.class, () -> m.loadWeights(DIR.resolve("bad/not_hdf5.h5")));
        ShapeMismatchException s = assertThrows(ShapeMismatchException.class,
                () -> m.loadWeights(DIR.resolve("bad/wrong_shape.weights.h5")));
        assertTrue(s.getMessage().contains("weight 'kernel': expected shape (6, 5), found (5, 6)"), s.getMessage());
    }
}

package io.kerasish.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.UnknownNameException;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Layers;
import io.kerasish.models.Load;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Bad documents and files: each a clear KerasishException naming what is wrong, and nothing half-loaded. */
class ModelIoErrorsTest {
    @TempDir
    Path dir;

    private static String doc(String layers) {
        return "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [" + layers + "]}}";
    }

    private static final String DENSE = "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", "
            + "\"batch_input_shape\": [null, 4], \"units\": 3}}";

    @Test
    void unknownClassNameListsTheSupportedOnesAndHowToRegister() {
        String json = doc(DENSE + ", {\"class_name\": \"FancyLayer\", \"config\": {\"name\": \"fancy_1\"}}");
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> Models.modelFromJson(json));
        assertTrue(e.getMessage().contains("'FancyLayer'"), e.getMessage());
        assertTrue(e.getMessage().contains("fancy_1"), e.getMessage());
        assertTrue(e.getMessage().contains("Conv2D, Convolution2D, Dense"), e.getMessage());
        assertTrue(e.getMessage().contains("Map.of(\"FancyLayer\", MyLayer::fromConfig)"), e.getMessage());

        Layers.Factory fancy = c -> new Dense(2);
        Sequential m = Models.modelFromJson(json, Map.of("FancyLayer", fancy));
        assertEquals("fancy_1", m.layers().get(1).name());
        assertEquals(2, m.outputShape().dim(0));
    }

    @Test
    void missingOrMistypedFieldsNameTheLayerAndTheField() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Models.modelFromJson(
                doc("{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", \"batch_input_shape\": [null, 4]}}")));
        assertEquals("Layer 'dense_1' (Dense), config field 'units' is missing (also looked for output_dim). Keras writes "
                + "it as an integer, e.g. \"units\": 64.", e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> Models.modelFromJson(doc(
                "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": \"many\"}}")));
        assertTrue(e.getMessage().contains("Layer 'd' (Dense), config field 'units': expected an integer, found a string"),
                e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> Models.modelFromJson(doc(
                "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 2, \"kernel_size\": 3, "
                        + "\"padding\": \"full\"}}")));
        assertTrue(e.getMessage().startsWith("Layer 'c' (Conv2D): "), e.getMessage());
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> Models.modelFromJson(doc(
                "{\"class_name\": \"LSTM\", \"config\": {\"name\": \"l\", \"units\": 2, \"go_backwards\": true}}")));
        assertTrue(e.getMessage().contains("'go_backwards'"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> Models.modelFromJson("{\"config\": {}}"));
        assertTrue(e.getMessage().contains("class_name"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> Models.modelFromJson("{\"class_name\": \"Sequential\""));
    }

    @Test
    void branchingFunctionalGraphsAreRefusedAsNotSequential() {
        String json = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"m\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"name\": \"in\", \"config\": {\"name\": \"in\", \"batch_input_shape\": [null, 4]}, \"inbound_nodes\": []},"
                + "{\"class_name\": \"Dense\", \"name\": \"a\", \"config\": {\"name\": \"a\", \"units\": 2}, \"inbound_nodes\": [[[\"in\", 0, 0, {}]]]},"
                + "{\"class_name\": \"Dense\", \"name\": \"b\", \"config\": {\"name\": \"b\", \"units\": 2}, \"inbound_nodes\": [[[\"in\", 0, 0, {}]]]},"
                + "{\"class_name\": \"Add\", \"name\": \"add\", \"config\": {\"name\": \"add\"}, \"inbound_nodes\": [[[\"a\", 0, 0, {}], [\"b\", 0, 0, {}]]]}],"
                + "\"input_layers\": [[\"in\", 0, 0]], \"output_layers\": [[\"add\", 0, 0]]}}";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Models.modelFromJson(json));
        assertTrue(e.getMessage().contains("not sequential"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 'b' (Dense)"), e.getMessage());
    }

    @Test
    void yamlWithObjectTagsIsRefused() {
        String yaml = "class_name: Sequential\nconfig:\n  layers:\n  - class_name: Dense\n    config: "
                + "!!python/object/apply:os.system [\"echo pwned\"]\n";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Models.modelFromYaml(yaml));
        assertTrue(e.getMessage().startsWith("model YAML"), e.getMessage());
    }

    @Test
    void filesThatAreNotKerasHdf5NameTheFile() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.h5"), "not an HDF5 file at all");
        Sequential m = new Sequential(List.of(new Dense(3).inputDim(4)));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> m.loadWeights(text));
        assertTrue(e.getMessage().contains("notes.h5"), e.getMessage());
        assertThrows(InvalidFileException.class, () -> Models.loadModel(text));
        assertThrows(InvalidFileException.class, () -> m.loadWeights(dir.resolve("missing.h5")));

        Path weightsOnly = dir.resolve("weights.h5");
        m.saveWeights(weightsOnly);
        e = assertThrows(InvalidFileException.class, () -> Models.loadModel(weightsOnly));
        assertTrue(e.getMessage().contains("model_config") && e.getMessage().contains("loadWeights"), e.getMessage());
    }

    @Test
    void wrongShapesNameLayerAndWeightAndLeaveTheModelUnchanged() {
        Sequential saved = new Sequential(List.of(new Dense(5).inputDim(4), new Dense(3))).seed(1);
        Path file = dir.resolve("w.h5");
        saved.saveWeights(file);
        Sequential other = new Sequential(List.of(new Dense(5).inputDim(4), new Dense(2))).seed(2);
        other.build();
        List<INDArray> before = other.getWeights();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> other.loadWeights(file));
        assertTrue(e.getMessage().contains("w.h5"), e.getMessage());
        assertTrue(e.getMessage().contains("Layer 'dense_1' (Dense), weight 'kernel': expected shape (5, 2), found (5, 3)"),
                e.getMessage());
        assertEquals(before, other.getWeights(), "nothing half-loaded: the first layer kept its weights");

        // by name with skip_mismatch: the matching layer loads, the other is skipped
        other.loadWeights(file, Load.byName(true), Load.skipMismatch(true));
        assertEquals(saved.getWeights().get(0), other.getWeights().get(0));
        assertEquals(before.get(2), other.getWeights().get(2));

        Sequential three = new Sequential(List.of(new Dense(5).inputDim(4), new Dense(3), new Dense(3)));
        e = assertThrows(ShapeMismatchException.class, () -> three.loadWeights(file));
        assertTrue(e.getMessage().contains("weights for 2 layers") && e.getMessage().contains("3 layers"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> three.loadWeights(file, Load.skipMismatch(true)));
    }
}

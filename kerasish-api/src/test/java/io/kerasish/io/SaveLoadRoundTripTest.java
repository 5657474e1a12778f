package io.kerasish.io;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.shuffle;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.layers.Activation;
import io.kerasish.layers.AveragePooling2D;
import io.kerasish.layers.BatchNormalization;
import io.kerasish.layers.Conv2D;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.layers.Embedding;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.GlobalAveragePooling2D;
import io.kerasish.layers.GlobalMaxPooling2D;
import io.kerasish.layers.InputLayer;
import io.kerasish.layers.LSTM;
import io.kerasish.layers.MaxPooling2D;
import io.kerasish.layers.Reshape;
import io.kerasish.layers.SimpleRNN;
import io.kerasish.initializers.Initializers;
import io.kerasish.models.Model;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.optimizers.SGD;
import io.kerasish.regularizers.Regularizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every layer of the core API through JSON, YAML, save_weights and model.save: the documents come back the same
 * and the reloaded models predict exactly (max abs diff 0) what the original predicts.
 */
class SaveLoadRoundTripTest {
    @TempDir
    Path dir;

    /** Models that together use every layer and most of their arguments, with an input of the right shape. */
    static Map<String, Supplier<Sequential>> models() {
        return Map.of(
                "cnn", () -> new Sequential(List.of(
                        new Conv2D(4, 3).inputShape(8, 8, 3).padding("same").activation("relu")
                                .kernelInitializer("he_normal").kernelRegularizer(Regularizers.l2(1e-3)),
                        new BatchNormalization().momentum(0.9).epsilon(1e-2),
                        new MaxPooling2D(2),
                        new AveragePooling2D(2).strides(1).padding("same"),
                        new Conv2D(3, 2, 3).strides(1, 2).useBias(false),
                        new Flatten(),
                        new Dropout(0.25),
                        new Dense(5).activation("tanh").biasInitializer(Initializers.constant(0.1))
                                .kernelRegularizer(Regularizers.l1L2(1e-4, 1e-3)),
                        new Dense(3),
                        new Activation("softmax"))),
                "global", () -> {
                    Sequential m = new Sequential("with_input_layer");
                    m.add(new InputLayer(6, 6, 2).name("pixels"));
                    m.add(new Conv2D(3, 3).dilationRate(2).activation("elu"));
                    m.add(new GlobalMaxPooling2D());
                    m.add(new Dense(2).activation("sigmoid").trainable(false));
                    return m;
                },
                "gap", () -> new Sequential(List.of(new Conv2D(2, 1).inputShape(4, 4, 1), new GlobalAveragePooling2D(),
                        new Dense(1))),
                "rnn", () -> new Sequential(List.of(
                        new Embedding(20, 6).inputLength(5).embeddingsInitializer(Initializers.randomNormal(0, 0.1)),
                        new LSTM(4).returnSequences(true).recurrentActivation("hard_sigmoid"),
                        new SimpleRNN(3).activation("relu"),
                        new Dense(2).activation("softmax"))),
                "reshape", () -> new Sequential(List.of(new Dense(6).inputDim(4), new Reshape(2, 3), new Dense(2),
                        new Flatten(), new BatchNormalization(), new Dense(1).activation("linear"))));
    }

    static INDArray input(Model m, int n, long seed) {
        long[] shape = new long[m.inputShape().rank() + 1];
        shape[0] = n;
        for (int i = 1; i < shape.length; i++) {
            shape[i] = m.inputShape().dim(i - 1);
        }
        Random r = new Random(seed);
        INDArray x = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
        float[] v = new float[(int) x.length()];
        boolean ids = m.layers().get(0) instanceof Embedding;
        for (int i = 0; i < v.length; i++) {
            v[i] = ids ? r.nextInt(20) : (float) r.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }

    @Test
    void jsonAndYamlRoundTripsAreLossless() {
        models().forEach((name, make) -> {
            Sequential m = make.get();
            String json = m.toJson();
            Sequential fromJson = Models.modelFromJson(json);
            assertEquals(json, fromJson.toJson(), name);
            assertEquals(m.summaryString(), fromJson.summaryString(), name);
            Sequential fromYaml = Models.modelFromYaml(m.toYaml());
            assertEquals(json, fromYaml.toJson(), name);
        });
    }

    @Test
    void savedWeightsReloadToIdenticalPredictions() throws Exception {
        for (var e : models().entrySet()) {
            Sequential m = e.getValue().get().seed(7);
            m.build();
            INDArray x = input(m, 6, 1);
            Path file = dir.resolve(e.getKey() + ".h5");
            m.saveWeights(file);
            Sequential other = Models.modelFromJson(m.toJson()).seed(99);
            other.loadWeights(file);
            assertEquals(0.0, maxAbsDiff(m.predict(x), other.predict(x)), e.getKey());
            Sequential byName = Models.modelFromJson(m.toJson()).seed(5);
            byName.loadWeights(file, io.kerasish.models.Load.byName(true));
            assertEquals(0.0, maxAbsDiff(m.predict(x), byName.predict(x)), e.getKey());
            assertTrue(Files.size(file) > 0);
        }
    }

    @Test
    void fullModelReloadsCompiledAndContinuesTrainingExactly() {
        Sequential m = new Sequential(List.of(new Conv2D(3, 3).inputShape(6, 6, 2).activation("relu"),
                new BatchNormalization(), new Flatten(), new Dense(4).activation("relu"), new Dense(3).activation("softmax")))
                .seed(3);
        m.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        INDArray x = input(m, 32, 2);
        INDArray y = Nd4j.zeros(32, 3);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 3, 1);
        }
        m.fit(x, y, epochs(2), batchSize(8), shuffle(false), verbose(0));
        Path file = dir.resolve("model.h5");
        m.save(file);
        Model loaded = Models.loadModel(file);
        assertInstanceOf(Sequential.class, loaded);
        assertTrue(loaded.isCompiled());
        assertEquals("Adam", loaded.optimizer().name());
        assertEquals(0.01, loaded.optimizer().learningRate(), 1e-12);
        assertEquals(List.of("accuracy"), loaded.metricNames());
        assertEquals(0.0, maxAbsDiff(m.predict(x), loaded.predict(x)));
        assertEquals(m.evaluate(x, y), loaded.evaluate(x, y));

        // one more epoch on both: the same steps only if Adam's m, v and step count were restored
        m.fit(x, y, epochs(1), batchSize(8), shuffle(false), verbose(0));
        loaded.fit(x, y, epochs(1), batchSize(8), shuffle(false), verbose(0));
        assertEquals(0.0, maxAbsDiff(m.predict(x), loaded.predict(x)));
    }

    @Test
    void optimizerStateMattersToTheContinuationTest() {
        // the same continuation without the optimizer state must differ, or the test above proves nothing
        Sequential m = new Sequential(List.of(new Dense(4).inputDim(3).activation("relu"), new Dense(2))).seed(4);
        m.compile(new SGD(0.05).momentum(0.9), "mse");
        INDArray x = input(m, 16, 3);
        INDArray y = input(new Sequential(List.of(new Dense(2).inputDim(2))), 16, 4);
        m.fit(x, y, epochs(2), batchSize(4), shuffle(false), verbose(0));
        Path file = dir.resolve("sgd.h5");
        m.save(file);
        Sequential withState = Models.loadModel(file);
        Sequential fresh = Models.modelFromJson(m.toJson());
        fresh.loadWeights(file);
        fresh.compile(new SGD(0.05).momentum(0.9), "mse");
        m.fit(x, y, epochs(1), batchSize(4), shuffle(false), verbose(0));
        withState.fit(x, y, epochs(1), batchSize(4), shuffle(false), verbose(0));
        fresh.fit(x, y, epochs(1), batchSize(4), shuffle(false), verbose(0));
        assertEquals(0.0, maxAbsDiff(m.predict(x), withState.predict(x)));
        assertTrue(maxAbsDiff(m.predict(x), fresh.predict(x)) > 1e-6);
    }

    @Test
    void aLearningRateChangedDuringTrainingIsSavedAndRestored() {
        // as Keras saves optimizer.learning_rate's current value after ReduceLROnPlateau or a scheduler changed it
        Sequential m = new Sequential(List.of(new Dense(4).inputDim(3).activation("relu"), new Dense(2))).seed(4);
        m.compile(new Adam(0.01), "mse");
        INDArray x = input(m, 16, 3);
        INDArray y = input(new Sequential(List.of(new Dense(2).inputDim(2))), 16, 4);
        m.fit(x, y, epochs(2), batchSize(4), shuffle(false), verbose(0));
        m.setLearningRate(0.001);
        Path file = dir.resolve("reduced.h5");
        m.save(file);
        Sequential loaded = Models.loadModel(file);
        assertEquals(0.001, loaded.learningRate(), 1e-12);
        Sequential restored = Models.modelFromJson(m.toJson());
        restored.compile(new Adam(0.01), "mse"); // the program's own compile, as BackupAndRestore runs it again
        restored.restoreTrainingState(file);
        assertEquals(0.001, restored.learningRate(), 1e-12);

        m.fit(x, y, epochs(1), batchSize(4), shuffle(false), verbose(0));
        loaded.fit(x, y, epochs(1), batchSize(4), shuffle(false), verbose(0));
        restored.fit(x, y, epochs(1), batchSize(4), shuffle(false), verbose(0));
        assertEquals(0.0, maxAbsDiff(m.predict(x), loaded.predict(x)));
        assertEquals(0.0, maxAbsDiff(m.predict(x), restored.predict(x)));
    }

    @Test
    void extraRootAttributesTravelWithTheModelAndKerasNamesAreRefused() {
        Sequential m = new Sequential(List.of(new Dense(2).inputDim(3))).seed(2);
        Path file = dir.resolve("with-settings.h5");
        m.save(file, Map.of("my_app_settings", "{\"vocabulary\": \"abc\"}"));
        Map<String, String> attributes = Models.fileAttributes(file);
        assertEquals("{\"vocabulary\": \"abc\"}", attributes.get("my_app_settings"));
        assertTrue(attributes.containsKey("model_config"));
        INDArray x = input(m, 4, 9);
        assertEquals(0.0, maxAbsDiff(m.predict(x), Models.loadModel(file).predict(x)));
        io.kerasish.InvalidConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.kerasish.InvalidConfigException.class, () -> m.save(dir.resolve("bad.h5"), Map.of("model_config", "{}")));
        assertTrue(e.getMessage().contains("model_config"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("bad.h5")));
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        assertEquals(java.util.Arrays.toString(a.shape()), java.util.Arrays.toString(b.shape()));
        return a.sub(b).amaxNumber().doubleValue();
    }
}

package io.kerasish.tutorials;

import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.layers.Dense;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tutorial 06: save and load, as in Keras. The XOR model goes to JSON and YAML (architecture), to an HDF5 weights
 * file ({@code save_weights}) and to a full-model HDF5 file ({@code save}); each is loaded back and must predict
 * exactly what the original predicts. The files are in Keras's formats: Keras's {@code model_from_json},
 * {@code load_weights} and {@code load_model} read them. Usage: {@code save-load [output folder] [--quick]}.
 */
public final class SaveLoad {
    private SaveLoad() {
    }

    public static void main(String[] args) {
        run(Args.parse("save-load", args));
    }

    static Outcome run(Args args) {
        Path out = args.path(0) != null ? args.path(0) : args.out();
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{1, 0}, {0, 1}, {0, 1}, {1, 0}};
        Sequential model = new Sequential().seed(7);
        model.add(new Dense(5).inputDim(2).kernelInitializer("normal").activation("sigmoid"));
        model.add(new Dense(2).activation("softmax"));
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(x, y, epochs(args.quick() ? 300 : 1000), verbose(0));
        INDArray expected = model.predict(x);

        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("model.json"), model.toJson());
            Files.writeString(out.resolve("model.yaml"), model.toYaml());
            model.saveWeights(out.resolve("model.weights.h5"));
            model.save(out.resolve("model.h5"));

            System.out.println("model.json: " + model.toJson().substring(0, 120) + "...");
            // architecture from JSON or YAML (fresh weights), then the saved weights
            Sequential fromJson = Models.modelFromJson(Files.readString(out.resolve("model.json")));
            fromJson.loadWeights(out.resolve("model.weights.h5"));
            Sequential fromYaml = Models.modelFromYaml(Files.readString(out.resolve("model.yaml")));
            fromYaml.loadWeights(out.resolve("model.weights.h5"));
            // everything at once: architecture, weights, compile settings and optimizer state
            Sequential full = Models.loadModel(out.resolve("model.h5"));
            full.summary();
            System.out.println("compiled with " + full.optimizer() + ", loss " + full.loss() + ", metrics " + full.metricNames());

            Outcome.Builder outcome = Outcome.builder();
            outcome.figure("JSON + weights, max abs diff", report("JSON + weights", expected, fromJson.predict(x)));
            outcome.figure("YAML + weights, max abs diff", report("YAML + weights", expected, fromYaml.predict(x)));
            outcome.figure("full model, max abs diff", report("full model    ", expected, full.predict(x)));
            System.out.println("files in " + out.toAbsolutePath() + ": model.json, model.yaml, model.weights.h5, model.h5");
            return outcome.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String report(String what, INDArray expected, INDArray got) {
        double diff = expected.sub(got).amaxNumber().doubleValue();
        String shown = diff == 0 ? "0 (identical)" : String.valueOf(diff);
        System.out.printf("%s: max abs difference from the original predictions %s%n", what, shown);
        return shown;
    }
}

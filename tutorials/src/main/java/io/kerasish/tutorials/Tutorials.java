package io.kerasish.tutorials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kerasish.zoo.figures.Figures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tutorials by name, in course order: {@code scripts/kerasish list} prints them, {@code scripts/kerasish run
 * NAME [args]} runs one. Each tutorial is a small program with a {@code main} and a {@code run(Args)} that returns
 * its {@link Outcome}; {@code --quick} runs a reduced version (the smoke tests), and {@code --outcome FILE} writes
 * the outcome as JSON for {@code scripts/tutorial-results}.
 */
public final class Tutorials {
    /** One tutorial. */
    record Entry(String number, String title, Function<Args, Outcome> run) {
    }

    static final Map<String, Entry> ALL = new LinkedHashMap<>();

    private static void add(String number, String name, String title, Function<Args, Outcome> run) {
        ALL.put(name, new Entry(number, title, run));
    }

    static {
        add("01", "and", "AND-gate perceptron: hand-set weights, then learned", AndGate::run);
        add("02", "xor", "XOR with an MLP (sigmoid hidden layer, softmax output, one-hot labels)", Xor::run);
        add("03", "mlp", "MNIST / Fashion-MNIST MLP: Flatten, Dense + Dropout, softmax, test accuracy and curves",
                Mlp::run);
        add("04", "lenet", "LeNet-5 on Fashion-MNIST (or --mnist), test accuracy and training curves", LeNet::run);
        add("05", "cifar-cnn", "A deeper CNN on CIFAR-10 (with dropout and batch normalization)", CifarCnn::run);
        add("06", "save-load", "Save and load: JSON, YAML, HDF5 weights and the full model, as Keras does",
                SaveLoad::run);
        add("07", "vgg-classify", "VGG-16 image classification with preprocessInput and decodePredictions on an "
                + "image file given on the command line", VggClassify::run);
        add("08", "vgg-transfer", "VGG-16 transfer learning on a folder of images: frozen convolutional base, new "
                + "head, validation, test accuracy and curves", VggTransfer::run);
        add("09", "alice", "Alice character generator with SimpleRNN, then LSTM, comparing loss",
                AliceText::run);
        add("10", "word2vec", "Word embeddings: a small word2vec (skip-gram) on Alice, cosine neighbours, a 2-D plot",
                WordEmbeddings::run);
        add("11", "imdb", "IMDB sentiment with an LSTM: padded reviews, masked Embedding, raw-text predictions",
                ImdbLstm::run);
        add("12", "auto-mpg", "Auto MPG regression: over-fitting, EarlyStopping, ModelCheckpoint, reload",
                AutoMpgRegression::run);
        add("13", "regularization", "IMDB regularization: small, medium and big models, L2 and dropout, "
                + "validation-loss plot", ImdbRegularization::run);
        add("14", "kfold", "K-fold cross-validation on Auto MPG: per-fold MAE, mean and spread, epochs chosen, "
                + "final test MAE", KFold::run);
        add("15", "search", "Random search vs grid search over learning rate and width (Fashion-MNIST MLP)",
                HyperparameterSearch::run);
        add("16", "optimizers", "Optimizer comparison (SGD, momentum, Nesterov, Adagrad, RMSprop, Adam), loss plot",
                OptimizerComparison::run);
        add("17", "lr-decay-bn", "Learning-rate decay and batch normalization effects: four runs compared",
                LrDecayBatchNorm::run);
    }

    private Tutorials() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("list")) {
            ALL.forEach((name, e) -> System.out.printf("%s %-16s %s%n", e.number(), name, e.title()));
            return;
        }
        Entry e = ALL.get(args[0]);
        if (e == null) {
            System.err.println("No tutorial named '" + args[0] + "'. Tutorials: " + String.join(", ", ALL.keySet())
                    + ". To run your own program give its path: scripts/kerasish run path/To/Script.java");
            System.exit(2);
        }
        Args parsed = Args.parse(args[0], Arrays.copyOfRange(args, 1, args.length));
        long start = System.nanoTime();
        Outcome outcome = e.run().apply(parsed);
        String file = parsed.option("--outcome", null);
        if (file != null) {
            writeOutcome(Path.of(file), outcome, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Writes {@code outcome} and the seconds taken as JSON (through a temporary file, then a rename). */
    static void writeOutcome(Path file, Outcome outcome, double seconds) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("figures", outcome.figures());
        List<String> plots = new ArrayList<>();
        outcome.plots().forEach(p -> plots.add(p.toString()));
        doc.put("plots", plots);
        doc.put("notes", outcome.notes());
        doc.put("seconds", Math.round(seconds * 10) / 10.0);
        try {
            Figures.write(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } catch (IOException x) {
            throw new UncheckedIOException("cannot write the outcome file " + file, x);
        }
    }
}

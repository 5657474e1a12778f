package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationData;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.Datasets;
import io.kerasish.datasets.Imdb;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.RMSprop;
import io.kerasish.regularizers.Regularizers;
import io.kerasish.utils.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tutorial 13: fighting over-fitting, as in Chollet's <i>Deep Learning with Python</i> (section 4.4) on IMDB movie
 * reviews. Each review becomes a multi-hot vector of the 500 most frequent words (1 where the word occurs), and
 * Dense ReLU networks learn positive vs negative with binary cross-entropy and RMSprop, validated on the 1,000 test
 * reviews after every epoch:
 * <ul>
 *   <li><b>capacity</b>: the small model (4-4) is still improving at the end; the medium one (16-16) levels off;
 *       the big one (512-512) is best after a few epochs, then learns its training reviews almost by heart while
 *       its validation loss climbs and jumps about: the gap between training and validation loss is over-fitting;
 *   <li><b>regularization</b>: the same big model with an L2(0.001) penalty on its kernels, or with Dropout(0.5)
 *       after each hidden layer, cannot memorize as easily: its training loss stays higher and the gap smaller.
 * </ul>
 * Keras adds the L2 penalty to {@code loss} and {@code val_loss}, so the models are compared on the metric
 * {@code binary_crossentropy} (the loss without the penalty). The tutorial prints the validation cross-entropy per
 * epoch, a table (best and final validation loss, training loss, gap, validation accuracy), and draws the
 * validation loss of every model in {@code val-loss.png} and the big models' training and validation loss in
 * {@code regularization.png}.
 *
 * <p>Usage: {@code regularization [path/to/imdb.npz] [--epochs N] [--batch-size N] [--out DIR] [--quick]}: 20
 * epochs of batches of 512 as in the book; {@code --quick}: 1,000 training and 500 test reviews, which over-fit
 * sooner, 10 epochs of batches of 128. Without a path it reads the shared subset
 * {@code $KERASISH_DATA/imdb/keras-imdb-subset-nw500/imdb.npz} (5,000 training and 1,000 test reviews), else Keras's
 * full {@code imdb.npz} from the library locations (downloaded when this machine is online).
 */
public final class ImdbRegularization {
    static final long SEED = 13;
    static final int NUM_WORDS = 500;
    static final String SUBSET = "keras-imdb-subset-nw500/imdb.npz";

    private ImdbRegularization() {
    }

    /** One model of the comparison and its training curves. */
    record Run(String name, long params, History history) {
        /** The validation cross-entropy per epoch: val_loss without the L2 penalty (the same for the others). */
        List<Double> valLoss() {
            return history.get("val_binary_crossentropy");
        }

        int bestEpoch() { // 0-based
            List<Double> v = valLoss();
            int best = 0;
            for (int i = 1; i < v.size(); i++) {
                if (v.get(i) < v.get(best)) {
                    best = i;
                }
            }
            return best;
        }

        double last(String key) {
            return history.last(key);
        }

        /** How much worse the model does on the validation reviews than on its training reviews, at the end. */
        double gap() {
            return last("val_binary_crossentropy") - last("binary_crossentropy");
        }
    }

    /** What the run measured, for its test: the runs in the order small, medium, big, big + L2, big + dropout. */
    record Result(List<Run> runs, Path allPlot, Path regularizationPlot) {
        Run run(String name) {
            return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        }
    }

    public static void main(String[] args) {
        run(Args.parse("regularization", args));
    }

    static Outcome run(Args args) {
        Result r = result(args);
        Outcome.Builder outcome = Outcome.builder();
        for (Run run : r.runs()) {
            outcome.figure("val_binary_crossentropy, " + run.name(), String.format("best %.4f (epoch %d), final "
                    + "%.4f; training %.4f", run.valLoss().get(run.bestEpoch()), run.bestEpoch() + 1,
                    run.last("val_binary_crossentropy"), run.last("binary_crossentropy")));
        }
        for (Run run : r.runs()) {
            outcome.figure("final val_accuracy, " + run.name(), run.last("val_accuracy"));
        }
        return outcome.plot(r.allPlot()).plot(r.regularizationPlot()).build();
    }

    /** The run that {@code args} asks for. */
    static Result result(Args args) {
        Path file = args.path(0) != null ? args.path(0) : Datasets.find("imdb", SUBSET);
        Imdb.Data d = file != null ? Imdb.options().numWords(NUM_WORDS).load(file)
                : Imdb.options().numWords(NUM_WORDS).load(); // Keras's full file: the library locations or online
        if (args.quick()) { // fewer reviews over-fit sooner: the same lesson in a quarter of the time
            d = new Imdb.Data(Arrays.copyOf(d.xTrain(), 1000), Arrays.copyOf(d.yTrain(), 1000),
                    Arrays.copyOf(d.xTest(), 500), Arrays.copyOf(d.yTest(), 500));
        }
        return run(d, args.intOption("--epochs", args.quick() ? 10 : 20),
                args.intOption("--batch-size", args.quick() ? 128 : 512), args.out());
    }

    static Result run(Imdb.Data d, int epochs, int batch, Path out) {
        INDArray xTrain = multiHot(d.xTrain());
        INDArray yTrain = labels(d.yTrain());
        INDArray xTest = multiHot(d.xTest());
        INDArray yTest = labels(d.yTest());
        System.out.printf("IMDB: %,d training and %,d test reviews as multi-hot vectors of the %d most frequent "
                + "words: x_train %s%n", d.xTrain().length, d.xTest().length, NUM_WORDS,
                Arrays.toString(xTrain.shape()));

        List<Run> runs = new ArrayList<>();
        for (String name : List.of("small", "medium", "big", "big + L2", "big + dropout")) {
            Sequential model = model(name);
            // metric binary_crossentropy: the loss without the L2 penalty, which loss and val_loss include
            model.compile(new RMSprop(0.001), "binary_crossentropy", "accuracy", "binary_crossentropy");
            System.out.printf("%-14s %s, %,d parameters: training %d epochs...%n", name, describe(model),
                    model.countParams(), epochs);
            // as in the book: batches of 512 (--quick: 128), the test reviews as validation data
            History h = model.fit(xTrain, yTrain, epochs(epochs), batchSize(batch), validationData(xTest, yTest),
                    verbose(0));
            runs.add(new Run(name, model.countParams(), h));
        }

        System.out.println();
        System.out.println("val_binary_crossentropy per epoch (val_loss without the L2 penalty):");
        StringBuilder header = new StringBuilder("epoch");
        runs.forEach(r -> header.append(String.format(" %14s", r.name())));
        System.out.println(header);
        for (int e = 0; e < epochs; e++) {
            StringBuilder line = new StringBuilder(String.format("%5d", e + 1));
            for (Run r : runs) {
                line.append(String.format(" %14.4f", r.valLoss().get(e)));
            }
            System.out.println(line);
        }
        System.out.println();
        System.out.println("bce: binary_crossentropy (on the training batches, as fit logs it); gap: final val_bce - "
                + "final bce, the part of the loss that does not carry over to new reviews");
        System.out.printf("%-14s %10s %14s %6s %14s %10s %8s %13s%n", "model", "params", "best val_bce", "epoch",
                "final val_bce", "final bce", "gap", "val_accuracy");
        for (Run r : runs) {
            System.out.printf("%-14s %,10d %14.4f %6d %14.4f %10.4f %8.4f %13.4f%n", r.name(), r.params(),
                    r.valLoss().get(r.bestEpoch()), r.bestEpoch() + 1, r.last("val_binary_crossentropy"),
                    r.last("binary_crossentropy"), r.gap(), r.last("val_accuracy"));
        }
        Run l2 = runs.get(3);
        System.out.printf("big + L2: val_loss %.4f = val_binary_crossentropy %.4f + the L2 penalty %.4f (Keras adds "
                + "the penalty to loss and val_loss, which is why models are compared on the cross-entropy)%n",
                l2.last("val_loss"), l2.last("val_binary_crossentropy"),
                l2.last("val_loss") - l2.last("val_binary_crossentropy"));
        Run small = runs.get(0);
        Run big = runs.get(2);
        System.out.printf("Capacity: the small model's validation loss is lowest at epoch %d, the big model's at "
                + "epoch %d; the big model then learns its training reviews almost by heart (bce %.4f) while its "
                + "validation loss ends at %.4f (gap %.4f). With L2 the gap is %.4f, with dropout %.4f.%n",
                small.bestEpoch() + 1, big.bestEpoch() + 1, big.last("binary_crossentropy"),
                big.last("val_binary_crossentropy"), big.gap(), l2.gap(), runs.get(4).gap());

        Map<String, List<Double>> all = new LinkedHashMap<>();
        runs.forEach(r -> all.put(r.name(), r.valLoss()));
        Path allPlot = out.resolve("val-loss.png");
        Plots.lines("IMDB: validation loss by model size and regularization", "epoch",
                "val_binary_crossentropy", all, allPlot);
        Map<String, List<Double>> reg = new LinkedHashMap<>();
        for (Run r : runs.subList(2, 5)) {
            reg.put(r.name() + ", validation", r.valLoss());
            reg.put(r.name() + ", training", r.history().get("binary_crossentropy"));
        }
        Path regPlot = out.resolve("regularization.png");
        Plots.lines("IMDB, big model (512-512): training vs validation loss",
                "epoch", "binary_crossentropy", reg, regPlot);
        System.out.println("Validation loss of all models: " + allPlot + "; big model regularized or not: " + regPlot);
        return new Result(runs, allPlot, regPlot);
    }

    /**
     * The models of the book: two Dense ReLU layers of 4, 16 or 512 units and a sigmoid output; "big + L2" puts
     * {@code kernel_regularizer=l2(0.001)} on both hidden layers, "big + dropout" a {@code Dropout(0.5)} after each.
     */
    static Sequential model(String name) {
        int units = switch (name) {
            case "small" -> 4;
            case "medium" -> 16;
            default -> 512;
        };
        Sequential model = new Sequential().seed(SEED);
        for (int i = 0; i < 2; i++) {
            Dense dense = new Dense(units).activation("relu");
            if (i == 0) {
                dense.inputDim(NUM_WORDS);
            }
            if (name.equals("big + L2")) {
                dense.kernelRegularizer(Regularizers.l2(0.001));
            }
            model.add(dense);
            if (name.equals("big + dropout")) {
                model.add(new Dropout(0.5));
            }
        }
        model.add(new Dense(1).activation("sigmoid"));
        return model;
    }

    private static String describe(Sequential model) {
        StringBuilder s = new StringBuilder();
        model.layers().forEach(l -> s.append(s.length() == 0 ? "" : " -> ").append(
                l instanceof Dense dense ? "Dense(" + dense.units() + ")" : l instanceof Dropout dr
                        ? "Dropout(" + dr.rate() + ")" : l.getClass().getSimpleName()));
        return s.toString();
    }

    /** Chollet's {@code vectorize_sequences}: row i has 1 at every word index that review i contains. */
    static INDArray multiHot(int[][] reviews) {
        float[][] x = new float[reviews.length][NUM_WORDS];
        for (int i = 0; i < reviews.length; i++) {
            for (int w : reviews[i]) {
                x[i][w] = 1f;
            }
        }
        return Nd4j.createFromArray(x);
    }

    private static INDArray labels(int[] y) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = y[i];
        }
        return Nd4j.createFromArray(f).reshape(y.length, 1);
    }
}

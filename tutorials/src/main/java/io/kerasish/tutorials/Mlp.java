package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.FashionMnist;
import io.kerasish.datasets.ImageData;
import io.kerasish.datasets.Mnist;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.layers.Flatten;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.utils.Plots;
import io.kerasish.utils.Utils;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 03: a multi-layer perceptron (MLP) on Fashion-MNIST (or MNIST with {@code --mnist}), the course's first
 * real classifier. An MLP knows nothing about images: {@code Flatten} turns each 28x28 picture into a vector of 784
 * pixels, scaled to [0, 1]; two hidden {@code Dense} layers of 512 and 256 ReLU units learn features of those
 * pixels, {@code Dropout(0.2)} after each switches off a fifth of them at random during training so that the
 * network cannot lean on single units (less over-fitting), and a softmax over 10 units gives a probability per
 * class. Labels are one-hot ({@code toCategorical}), the loss categorical cross-entropy, the optimizer Adam;
 * {@code validation_split=0.2} holds out the last 20% of the training images to watch for over-fitting, and the
 * test set, never seen in training, gives the final accuracy. The curves go to {@code mlp.png}.
 *
 * <p>Compare with tutorial 04 ({@code lenet}): the convolutional network reaches a higher test accuracy with about
 * a tenth of the weights, because it exploits the images' 2-D structure.
 *
 * <p>Usage: {@code mlp [--mnist] [--epochs N] [--out DIR] [--quick]} (5 epochs by default; {@code --quick}: 6,000
 * images, 2 epochs).
 * Without the data set, the loader's error says which files to put where (MNIST's training images are not in the
 * project's shared data).
 */
public final class Mlp {
    static final long SEED = 3;

    private Mlp() {
    }

    /** What the run measured, for its test. */
    record Result(double testAccuracy, History history, Path plot) {
    }

    public static void main(String[] args) {
        run(Args.parse("mlp", args));
    }

    static Outcome run(Args args) {
        boolean mnist = args.flag("--mnist");
        ImageData data = mnist ? Mnist.loadData() : FashionMnist.loadData();
        Result r = run(data, mnist ? "MNIST" : "Fashion-MNIST", mnist ? null : FashionMnist.CLASS_NAMES,
                args.intOption("--epochs", args.quick() ? 2 : 5), args.quick() ? 6000 : Integer.MAX_VALUE,
                args.out());
        List<Double> acc = r.history().get("accuracy");
        List<Double> valAcc = r.history().get("val_accuracy");
        return Outcome.builder().figure("test accuracy", r.testAccuracy())
                .figure("train accuracy", acc.get(acc.size() - 1))
                .figure("validation accuracy", valAcc.get(valAcc.size() - 1))
                .figure("epochs", String.valueOf(acc.size())).plot(r.plot()).build();
    }

    /** Trains on the first {@code maxTrain} training images; {@code classNames} null prints class ids. */
    static Result run(ImageData data, String name, List<String> classNames, int epochs, int maxTrain, Path out) {
        int n = (int) Math.min(maxTrain, data.xTrain().size(0));
        // x_train.astype("float32") / 255: grey levels 0..255 become 0..1
        INDArray xTrain = data.xTrain().get(NDArrayIndex.interval(0, n)).castTo(DataType.FLOAT).divi(255f);
        INDArray yTrain = Utils.toCategorical(data.yTrain().get(NDArrayIndex.interval(0, n)), 10);
        INDArray xTest = data.xTest().castTo(DataType.FLOAT).divi(255f);
        INDArray yTest = Utils.toCategorical(data.yTest(), 10);
        System.out.printf("%s: x_train %s, y_train %s (one-hot), x_test %s%n", name, Arrays.toString(xTrain.shape()),
                Arrays.toString(yTrain.shape()), Arrays.toString(xTest.shape()));

        Sequential model = new Sequential().seed(SEED);
        model.add(new Flatten().inputShape(28, 28));            // 28x28 pixels -> 784 inputs
        model.add(new Dense(512).activation("relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(256).activation("relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(10).activation("softmax"));
        model.summary();
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        History h = model.fit(xTrain, yTrain, epochs(epochs), batchSize(128), validationSplit(0.2), verbose(2));

        Map<String, Double> test = model.evaluate(xTest, yTest, batchSize(256));
        System.out.printf("Test loss %.4f, test accuracy %.4f%n", test.get("loss"), test.get("accuracy"));
        int[] predicted = model.predictClasses(xTest.get(NDArrayIndex.interval(0, 8)));
        int[] truth = IntStream.range(0, 8).map(i -> data.yTest().getInt(i)).toArray();
        System.out.println("First test images:");
        for (int i = 0; i < predicted.length; i++) {
            System.out.printf("  true %-12s predicted %-12s%s%n", label(classNames, truth[i]),
                    label(classNames, predicted[i]), truth[i] == predicted[i] ? "" : "  <- wrong");
        }

        Path plot = out.resolve("mlp.png");
        Plots.history(h, plot);
        System.out.println("Training curves (loss and accuracy, training vs validation): " + plot);
        return new Result(test.get("accuracy"), h, plot);
    }

    private static String label(List<String> classNames, int id) {
        return classNames == null ? String.valueOf(id) : classNames.get(id);
    }
}

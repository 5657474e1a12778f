package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.FashionMnist;
import io.kerasish.datasets.ImageData;
import io.kerasish.datasets.Mnist;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.utils.Plots;
import io.kerasish.utils.Utils;
import io.kerasish.zoo.LeNet5;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 04: LeNet-5 on Fashion-MNIST (or MNIST with {@code --mnist}), as the course trains it in Keras: pixels
 * scaled to [0, 1] and shaped {@code (n, 28, 28, 1)} (channels last), labels one-hot with {@code toCategorical},
 * Adam, 20% of the training images held out for validation, then the test accuracy and the training curves in
 * {@code lenet.png}.
 *
 * <p>Usage: {@code lenet [--mnist] [--epochs N] [--out DIR] [--quick]} ({@code --quick}: 3,000 images, 1 epoch).
 * Without the data set, the loader's error says which files to put where.
 */
public final class LeNet {
    private LeNet() {
    }

    /** What the run measured, for its test. */
    record Result(double testAccuracy, History history, Path plot) {
    }

    public static void main(String[] args) {
        run(Args.parse("lenet", args));
    }

    static Outcome run(Args args) {
        boolean mnist = args.flag("--mnist");
        Result r = run(mnist ? Mnist.loadData() : FashionMnist.loadData(), mnist ? "MNIST" : "Fashion-MNIST",
                args.intOption("--epochs", args.quick() ? 1 : 5), args.quick() ? 3000 : Integer.MAX_VALUE,
                args.out());
        java.util.List<Double> acc = r.history().get("accuracy");
        return Outcome.builder().figure("test accuracy", r.testAccuracy())
                .figure("train accuracy", acc.get(acc.size() - 1)).figure("epochs", String.valueOf(acc.size()))
                .plot(r.plot()).build();
    }

    static Result run(ImageData data, String name, int epochs, int maxTrain, Path out) {
        int n = (int) Math.min(maxTrain, data.xTrain().size(0));
        INDArray xTrain = ImageData.scaled(data.xTrain().get(NDArrayIndex.interval(0, n)));
        INDArray yTrain = Utils.toCategorical(data.yTrain().get(NDArrayIndex.interval(0, n)), 10);
        INDArray xTest = ImageData.scaled(data.xTest());
        INDArray yTest = Utils.toCategorical(data.yTest(), 10);
        System.out.printf("%s: x_train %s, x_test %s%n", name, Arrays.toString(xTrain.shape()),
                Arrays.toString(xTest.shape()));

        Sequential model = LeNet5.build().seed(1);
        model.summary();
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        History h = model.fit(xTrain, yTrain, epochs(epochs), batchSize(32), validationSplit(0.2), verbose(2));
        Map<String, Double> test = model.evaluate(xTest, yTest, batchSize(256));
        System.out.printf("Test loss %.4f, test accuracy %.4f%n", test.get("loss"), test.get("accuracy"));

        Path plot = out.resolve("lenet.png");
        Plots.history(h, plot);
        System.out.println("Training curves (loss and accuracy, training vs validation): " + plot);
        return new Result(test.get("accuracy"), h, plot);
    }

}

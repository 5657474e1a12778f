package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationData;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.KerasishException;
import io.kerasish.datasets.Cifar10;
import io.kerasish.datasets.Datasets;
import io.kerasish.datasets.ImageData;
import io.kerasish.layers.Activation;
import io.kerasish.layers.BatchNormalization;
import io.kerasish.layers.Conv2D;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.MaxPooling2D;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.utils.Plots;
import io.kerasish.utils.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 05: a deeper CNN on CIFAR-10, Keras's classic {@code cifar10_cnn.py} with batch normalization. Colour
 * images of 32x32 pixels, channels last {@code (n, 32, 32, 3)}, scaled to [0, 1]; two blocks of two 3x3
 * convolutions (32 then 64 filters), each convolution followed by {@code BatchNormalization} (which normalizes
 * its outputs over the batch, so that deeper networks train faster and tolerate higher learning rates) and a ReLU,
 * each block ending with 2x2 max pooling and {@code Dropout(0.25)}; then {@code Flatten}, {@code Dense(512)} with
 * {@code Dropout(0.5)}, and a softmax over the 10 classes. As in the Keras example the test set is passed as
 * {@code validation_data}, so the curves in {@code cifar-cnn.png} show training against test accuracy per epoch.
 *
 * <p>Data: the full CIFAR-10 ({@link Cifar10#loadData()}: 50,000 training and 10,000 test images, downloaded when
 * missing), or a folder given as the first argument: the binary batches ({@code cifar-10-batches-bin}) or a
 * Kaggle-style folder ({@code train/} with {@code trainLabels.csv}). When the full data set cannot be had, the
 * loader's message says which file to put where, and the tutorial falls back to the 200-image Kaggle sample in the
 * project's shared data ({@code $KERASISH_DATA/cifar10/kaggle-train-first200}): 160 images to train on, 40 to test.
 * That is far too few to generalize (expect a test accuracy near chance, 10%), but the training accuracy and the
 * curves still show the mechanics: the network learns its training images, and the gap to the test images is
 * over-fitting in its plainest form.
 *
 * <p>Usage: {@code cifar-cnn [DATA_FOLDER] [--epochs N] [--train N] [--test N] [--out DIR] [--quick]}. On the full
 * data set, {@code --train N} and {@code --test N} take the first N training and test images (default 4,000 and
 * 1,000 for 3 epochs: minutes on a 2-core CPU; the Keras example trains on all 50,000 for 100 epochs, so raise them
 * where there is time); on a sample, 30 epochs. {@code --quick}: the sample when it is here (8 epochs), else 500 /
 * 200 images of the full set for 2 epochs.
 */
public final class CifarCnn {
    static final long SEED = 5;
    static final String SAMPLE = "kaggle-train-first200";

    private CifarCnn() {
    }

    /** The images a run trains and tests on, and what they are. */
    record Data(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest, String description,
            boolean sample) {
    }

    /** What the run measured, for its test. */
    record Result(double testAccuracy, History history, Path plot) {
    }

    public static void main(String[] args) {
        run(Args.parse("cifar-cnn", args));
    }

    static Outcome run(Args args) {
        Outcome.Builder outcome = Outcome.builder();
        Data data = load(args, outcome);
        int epochs = args.intOption("--epochs", data.sample() ? (args.quick() ? 8 : 30) : (args.quick() ? 2 : 3));
        Result r = run(data, epochs, args.out());
        List<Double> acc = r.history().get("accuracy");
        return outcome.figure("test accuracy", r.testAccuracy())
                .figure("train accuracy", acc.get(acc.size() - 1))
                .figure("trained on", data.xTrain().size(0) + " images, " + acc.size() + " epochs")
                .plot(r.plot()).build();
    }

    /** The data set the arguments ask for, with the fallback to the sample described in the class comment. */
    static Data load(Args args, Outcome.Builder outcome) {
        Path dir = args.path(0);
        int train = args.intOption("--train", args.quick() ? 500 : 4000);
        int test = args.intOption("--test", args.quick() ? 200 : 1000);
        if (dir != null) {
            return fromFolder(dir, train, test);
        }
        Path labels = Datasets.find("cifar10", SAMPLE + "/trainLabels.csv"); // the Kaggle sample
        Path sample = labels == null ? null : labels.getParent();
        if (args.quick() && sample != null) {
            return fromFolder(sample, train, test);
        }
        try {
            return full(Cifar10.loadData(), "CIFAR-10", train, test);
        } catch (KerasishException e) {
            if (sample == null) {
                throw e;
            }
            String why = "The full CIFAR-10 is not here: " + e.getMessage();
            System.out.println(why);
            System.out.println("Falling back to the 200-image sample " + sample + ": far too small to generalize; "
                    + "the training accuracy and the curves still show the mechanics.");
            outcome.note("trained on the 200-image CIFAR-10 sample (160 train / 40 test), far too small to "
                    + "generalize: the full data set is not on this machine (" + e.getMessage() + ")");
            return fromFolder(sample, train, test);
        }
    }

    /**
     * A folder of binary batches (the folder or its {@code cifar-10-batches-bin}), or a Kaggle-style folder:
     * {@code trainLabels.csv} and the images in {@code train/} (or beside the CSV). A Kaggle folder has no test
     * images; its last fifth (40 images of the 200-image sample) is kept for testing.
     */
    static Data fromFolder(Path dir, int maxTrain, int maxTest) {
        for (Path d : List.of(dir, dir.resolve(Cifar10.DIR))) {
            if (Cifar10.FILES.stream().allMatch(f -> Files.isRegularFile(d.resolve(f)))) {
                return full(Cifar10.loadData(d), "CIFAR-10 from " + d, maxTrain, maxTest);
            }
        }
        Path csv = dir.resolve("trainLabels.csv");
        if (!Files.isRegularFile(csv)) {
            throw new KerasishException("CIFAR-10: " + dir.toAbsolutePath() + " holds neither the binary batches "
                    + Cifar10.FILES + " (extract " + Cifar10.DIR + " from " + Cifar10.URL + ") nor a Kaggle-style "
                    + "trainLabels.csv with its train/ images");
        }
        Path images = Files.isDirectory(dir.resolve("train")) ? dir.resolve("train") : dir;
        Cifar10.Labeled all = Cifar10.loadFolder(images, csv);
        int n = (int) all.x().size(0);
        int nTest = Math.max(1, n / 5);
        int nTrain = Math.min(maxTrain, n - nTest);
        return new Data(ImageData.scaled(all.x().get(NDArrayIndex.interval(0, nTrain))),
                Utils.toCategorical(all.y().get(NDArrayIndex.interval(0, nTrain)), 10),
                ImageData.scaled(all.x().get(NDArrayIndex.interval(n - nTest, n))),
                Utils.toCategorical(all.y().get(NDArrayIndex.interval(n - nTest, n)), 10),
                n + " labelled images from " + dir + " (" + nTrain + " to train, the last " + nTest + " to test)",
                true);
    }

    private static Data full(ImageData d, String name, int maxTrain, int maxTest) {
        int nTrain = (int) Math.min(maxTrain, d.xTrain().size(0));
        int nTest = (int) Math.min(maxTest, d.xTest().size(0));
        return new Data(ImageData.scaled(d.xTrain().get(NDArrayIndex.interval(0, nTrain))),
                Utils.toCategorical(d.yTrain().get(NDArrayIndex.interval(0, nTrain)), 10),
                ImageData.scaled(d.xTest().get(NDArrayIndex.interval(0, nTest))),
                Utils.toCategorical(d.yTest().get(NDArrayIndex.interval(0, nTest)), 10),
                name + ": the first " + nTrain + " of " + d.xTrain().size(0) + " training images, " + nTest
                        + " test images", false);
    }

    /**
     * The model: Keras's cifar10_cnn with BatchNormalization between each convolution and its ReLU (the usual
     * place; the convolution's bias is then redundant, since BN subtracts the mean).
     */
    static Sequential buildModel() {
        Sequential model = new Sequential().seed(SEED);
        model.add(new Conv2D(32, 3, 3).padding("same").inputShape(32, 32, 3));
        model.add(new BatchNormalization());
        model.add(new Activation("relu"));
        model.add(new Conv2D(32, 3, 3));
        model.add(new BatchNormalization());
        model.add(new Activation("relu"));
        model.add(new MaxPooling2D(2, 2));
        model.add(new Dropout(0.25));

        model.add(new Conv2D(64, 3, 3).padding("same"));
        model.add(new BatchNormalization());
        model.add(new Activation("relu"));
        model.add(new Conv2D(64, 3, 3));
        model.add(new BatchNormalization());
        model.add(new Activation("relu"));
        model.add(new MaxPooling2D(2, 2));
        model.add(new Dropout(0.25));

        model.add(new Flatten());
        model.add(new Dense(512).activation("relu"));
        model.add(new Dropout(0.5));
        model.add(new Dense(10).activation("softmax"));
        return model;
    }

    static Result run(Data data, int epochs, Path out) {
        System.out.printf("%s%nx_train %s, x_test %s (channels last)%n", data.description(),
                Arrays.toString(data.xTrain().shape()), Arrays.toString(data.xTest().shape()));
        Sequential model = buildModel();
        model.summary();
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        History h = model.fit(data.xTrain(), data.yTrain(), epochs(epochs), batchSize(32),
                validationData(data.xTest(), data.yTest()), verbose(2));
        Map<String, Double> test = model.evaluate(data.xTest(), data.yTest(), batchSize(256));
        List<Double> acc = h.get("accuracy");
        System.out.printf("Test loss %.4f, test accuracy %.4f (training accuracy %.4f in the last epoch)%n",
                test.get("loss"), test.get("accuracy"), acc.get(acc.size() - 1));
        if (data.sample()) {
            System.out.println("With " + data.xTrain().size(0) + " training images the network can only memorize "
                    + "them: expect the training accuracy to rise while the test accuracy stays near chance (0.1). "
                    + "The full 50,000 images are what make it generalize.");
        }
        Path plot = out.resolve("cifar-cnn.png");
        Plots.history(h, plot);
        System.out.println("Training curves (loss and accuracy; val_ is the test set): " + plot);
        return new Result(test.get("accuracy"), h, plot);
    }
}

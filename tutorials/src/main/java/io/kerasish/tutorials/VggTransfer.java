package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.FileUnavailableException;
import io.kerasish.KerasishException;
import io.kerasish.datasets.Cifar10;
import io.kerasish.datasets.Datasets;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.GlobalAveragePooling2D;
import io.kerasish.layers.Layer;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.preprocessing.image.Images;
import io.kerasish.utils.Plots;
import io.kerasish.utils.Utils;
import io.kerasish.zoo.VGG16;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 08: transfer learning with VGG-16 on a folder of images. The convolutional base of a network trained on
 * ImageNet ({@code VGG16(include_top=False, weights="imagenet")}) is frozen ({@code conv_base.trainable = False}:
 * here {@code model.freeze("block5_pool")}) and only a new head on top is trained on the new classes: Flatten (or
 * GlobalAveragePooling2D with {@code --gap}), Dense(256, relu), Dropout(0.5), Dense(classes, softmax). The images
 * are resized to a small input (32x32 by default; Keras's VGG16 accepts 32x32 and more) so that it trains on a
 * laptop CPU, preprocessed as VGG-16 wants ({@code preprocess_input}: BGR, ImageNet mean removed). 20% of the
 * images are held out for the test, and {@code validation_split=0.2} of the rest for validation; the curves go to
 * {@code vgg-transfer.png}. After training it checks that the 14.7 million weights of the base did not change.
 *
 * <p>The folder is either Keras's {@code image_dataset_from_directory} layout (one subfolder per class:
 * {@code flowers/roses/1.jpg, flowers/tulips/2.jpg, ...}, read with {@link Images#fromDirectory} and shuffled) or
 * Kaggle's CIFAR-10 layout ({@code train/*.png} with {@code trainLabels.csv}); the default is the 200-image Kaggle
 * CIFAR-10 sample in {@code $KERASISH_DATA/cifar10/kaggle-train-first200}.
 *
 * <p>Weights: Keras's {@code vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5} (58 MB) from the weights cache
 * ({@code $KERASISH_HOME/models} or {@code ~/.kerasish/models}, downloaded when online) or {@code --weights FILE}.
 * Without it the base keeps its random initialization: the run then shows the mechanics of freezing and training a
 * head, but random convolutional features are far weaker than ImageNet's, and it says so.
 *
 * <p>Usage: {@code vgg-transfer [folder] [--size 32] [--epochs N] [--images N] [--gap] [--weights FILE] [--out DIR]
 * [--quick]} ({@code --quick}: the first 100 images, 3 epochs; {@code --images N}: the first N images only).
 */
public final class VggTransfer {
    static final long SEED = 1;
    static final String SAMPLE = "cifar10/kaggle-train-first200";

    private VggTransfer() {
    }

    /** Images (channels last, 0..255), class ids, class names, where they came from. */
    record Data(INDArray x, INDArray y, List<String> classNames, String description) {
        /** The first {@code n} images (all when there are fewer). */
        Data first(int n) {
            if (n >= x.size(0)) {
                return this;
            }
            return new Data(x.get(NDArrayIndex.interval(0, n)), y.get(NDArrayIndex.interval(0, n)), classNames,
                    "the first " + n + " of " + description);
        }
    }

    /** What the run measured, for its test. */
    record Result(String weights, History history, Map<String, Double> test, double chance, double baseChange,
            double headChange, long frozenParams, Path plot) {
    }

    public static void main(String[] args) {
        run(Args.parse("vgg-transfer", args));
    }

    static Outcome run(Args args) {
        Outcome.Builder outcome = Outcome.builder();
        Path folder = args.path(0);
        if (folder == null) {
            folder = sample(Datasets.searchPath("cifar10").stream().map(Path::getParent).toList());
            outcome.note("Trained on the 200-image CIFAR-10 sample " + folder + " (the full data set is not here).");
        }
        int size = args.intOption("--size", 32);
        Data data = load(folder, size);
        int images = args.intOption("--images", args.quick() ? 100 : Integer.MAX_VALUE);
        if (images < data.x().size(0)) {
            data = data.first(images);
            outcome.note("Used the first " + images + " images only (--quick or --images).");
        }
        Path weights = args.option("--weights", null) == null ? null : Path.of(args.option("--weights", null));
        Result r = run(data, size, weights, args.flag("--gap"), args.intOption("--epochs", args.quick() ? 3 : 20),
                args.out());
        List<Double> valAcc = r.history().get("val_accuracy");
        outcome.figure("test accuracy", r.test().get("accuracy"))
                .figure("chance (most frequent test class)", r.chance())
                .figure("val accuracy, last epoch", valAcc.get(valAcc.size() - 1))
                .figure("base weights changed by", r.baseChange() == 0 ? "0 (frozen)" : String.valueOf(r.baseChange()))
                .figure("conv base weights", r.weights())
                .plot(r.plot());
        if (r.weights().startsWith("random")) {
            outcome.note("The VGG-16 base has random weights: Keras's ImageNet file " + VGG16.weightsFileName(false)
                    + " is not on this machine, so these accuracies show a head trained on random convolutional "
                    + "features, not what ImageNet features give.");
        }
        return outcome.build();
    }

    /** The Kaggle CIFAR-10 sample under the first of these data folders that has it. */
    static Path sample(List<Path> dataRoots) {
        for (Path root : dataRoots) {
            if (root != null && Files.isRegularFile(root.resolve(SAMPLE).resolve("trainLabels.csv"))) {
                return root.resolve(SAMPLE);
            }
        }
        throw new KerasishException("No folder given and the CIFAR-10 sample " + SAMPLE + " is not in " + dataRoots
                + " ($KERASISH_DATA, set by scripts/kerasish to ../shared/datasets). Give a folder with one subfolder "
                + "of images per class: scripts/kerasish run vgg-transfer path/to/folder");
    }

    /**
     * Kaggle's layout ({@code trainLabels.csv} and {@code train/}) when the folder has it, else one subfolder per
     * class (shuffled with the tutorial's seed, as image_dataset_from_directory shuffles); images resized to
     * size x size.
     */
    static Data load(Path folder, int size) {
        if (Files.isRegularFile(folder.resolve("trainLabels.csv"))) {
            Cifar10.Labeled labeled = Cifar10.loadFolder(folder.resolve("train"), folder.resolve("trainLabels.csv"));
            List<Path> files = labeled.files().stream().map(f -> folder.resolve("train").resolve(f)).toList();
            INDArray x = Images.loadImages(files, size, size);
            return new Data(x, labeled.y(), Cifar10.CLASS_NAMES, files.size() + " images of " + folder
                    + " (Kaggle layout: trainLabels.csv)");
        }
        Images.Directory d = Images.fromDirectory(folder, size, size).shuffled(SEED);
        return new Data(d.x(), d.y(), d.classNames(), d.files().size() + " images of " + folder
                + " (one subfolder per class, shuffled)");
    }

    static Result run(Data data, int size, Path weightsFile, boolean gap, int epochs, Path out) {
        int n = (int) data.x().size(0);
        int classes = data.classNames().size();
        int nTest = n / 5;
        INDArray x = VGG16.preprocessInput(data.x());
        INDArray y = Utils.toCategorical(data.y(), classes);
        INDArray xTrain = x.get(NDArrayIndex.interval(0, n - nTest));
        INDArray yTrain = y.get(NDArrayIndex.interval(0, n - nTest));
        INDArray xTest = x.get(NDArrayIndex.interval(n - nTest, n));
        INDArray yTest = y.get(NDArrayIndex.interval(n - nTest, n));
        System.out.printf("%s, %d classes %s, resized to %dx%d: %d for training (of which 20%% validation), %d for "
                + "testing%n", data.description(), classes, data.classNames(), size, size, n - nTest, nTest);

        // 1. The convolutional base: VGG16(weights="imagenet", include_top=False, input_shape=(size, size, 3))
        Sequential model;
        String weights = weightsFile == null ? "imagenet" : weightsFile.toString();
        try {
            VGG16.Builder b = VGG16.builder().includeTop(false).inputShape(size, size, 3);
            model = (weightsFile == null ? b : b.weights(weightsFile)).build();
        } catch (FileUnavailableException e) {
            System.out.println(e.getMessage());
            System.out.println("Continuing with a RANDOMLY INITIALIZED VGG-16 base (weights=None): the mechanics of "
                    + "transfer learning are the same, but random features are far weaker than ImageNet's.");
            model = VGG16.builder().includeTop(false).weights((String) null).inputShape(size, size, 3).build();
            weights = "random (no ImageNet weights file here)";
        }
        model.seed(SEED);
        int baseLayers = model.layers().size();

        // 2. Freeze it (conv_base.trainable = False) and add a new head for our classes
        model.freeze("block5_pool");
        model.add(gap ? new GlobalAveragePooling2D() : new Flatten());
        model.add(new Dense(256).activation("relu"));
        model.add(new Dropout(0.5));
        model.add(new Dense(classes).activation("softmax"));
        model.compile(new Adam(0.001), "categorical_crossentropy", "accuracy");
        model.summary();

        // 3. Train the head only
        List<INDArray> before = weights(model);
        History h = model.fit(xTrain, yTrain, epochs(epochs), batchSize(32), validationSplit(0.2), verbose(2));
        List<INDArray> after = weights(model);
        double baseChange = 0;
        double headChange = 0;
        long frozenParams = 0;
        int w = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer<?> l = model.layers().get(i);
            for (int k = 0; k < l.getWeights().size(); k++, w++) {
                double d = after.get(w).sub(before.get(w)).amaxNumber().doubleValue();
                if (i < baseLayers) {
                    baseChange = Math.max(baseChange, d);
                    frozenParams += before.get(w).length();
                } else {
                    headChange = Math.max(headChange, d);
                }
            }
        }
        System.out.printf(Locale.ROOT, "Frozen base: the largest change of its %,d weights is %s; the head's weights "
                        + "moved by up to %.4f.%n", frozenParams, baseChange == 0 ? "0 (they did not change)"
                        : String.valueOf(baseChange), headChange);

        // 4. Test accuracy, against chance
        Map<String, Double> test = model.evaluate(xTest, yTest);
        double chance = mostFrequentShare(yTest);
        System.out.printf(Locale.ROOT, "Test loss %.4f, test accuracy %.4f (%d images; always guessing the most "
                        + "frequent class would score %.4f)%n", test.get("loss"), test.get("accuracy"), nTest, chance);
        if (weights.startsWith("random")) {
            System.out.println("The VGG-16 base has RANDOM weights (no ImageNet file): its features barely differ "
                    + "from one image to the next, so expect little better than chance here; ImageNet features are "
                    + "what make transfer learning work.");
        }
        Path plot = out.resolve("vgg-transfer.png");
        Plots.history(h, plot);
        System.out.println("Training curves (loss and accuracy, training vs validation): " + plot);
        return new Result(weights, h, test, chance, baseChange, headChange, frozenParams, plot);
    }

    /** Copies of every weight array, layer by layer. */
    private static List<INDArray> weights(Sequential model) {
        List<INDArray> out = new ArrayList<>();
        model.layers().forEach(l -> l.getWeights().forEach(a -> out.add(a.dup())));
        return out;
    }

    /** The share of the most frequent class among one-hot labels. */
    private static double mostFrequentShare(INDArray oneHot) {
        double[] counts = oneHot.sum(0).toDoubleVector();
        return Arrays.stream(counts).max().orElse(0) / oneHot.size(0);
    }
}

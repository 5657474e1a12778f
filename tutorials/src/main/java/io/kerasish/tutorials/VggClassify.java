package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;

import io.kerasish.FileUnavailableException;
import io.kerasish.KerasishException;
import io.kerasish.datasets.Datasets;
import io.kerasish.models.Sequential;
import io.kerasish.preprocessing.image.Images;
import io.kerasish.zoo.ImageNet;
import io.kerasish.zoo.VGG16;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tutorial 07: image classification with VGG-16 trained on ImageNet, Keras's {@code applications} example line by
 * line:
 *
 * <pre>{@code
 * model = VGG16(weights="imagenet")                        // VGG16.builder().build()
 * img = image.load_img(img_path, target_size=(224, 224))  // Images.loadImg(path, 224, 224)
 * x = image.img_to_array(img)                              // Images.imgToArray(img): (224, 224, 3), RGB 0..255
 * x = np.expand_dims(x, axis=0)                            // x.reshape(1, 224, 224, 3)
 * x = preprocess_input(x)                                  // VGG16.preprocessInput(x): BGR, ImageNet mean removed
 * preds = model.predict(x)                                 // (1, 1000) class probabilities
 * print("Predicted:", decode_predictions(preds, top=5)[0]) // VGG16.decodePredictions(preds, 5).get(0)
 * }</pre>
 *
 * <p>The image may have any size: {@code load_img} resizes it to the 224x224 the network was trained on (nearest
 * neighbour, Keras's default), and the picture the network actually sees is saved as {@code input-224x224.png}.
 * The time per image of {@code predict} is printed (15.5 billion multiply-adds for one 224x224 image).
 *
 * <p>Weights: Keras's ImageNet file {@code vgg16_weights_tf_dim_ordering_tf_kernels.h5} (528 MB) is taken from the
 * weights cache ({@code $KERASISH_HOME/models} or {@code ~/.kerasish/models}), downloaded there when the machine is
 * online, or given with {@code --weights FILE}. Without it the tutorial prints where to put it and stops; with
 * {@code --random-weights} (and in {@code --quick} mode, the smoke test) it runs the same pipeline on randomly
 * initialized weights instead, whose "predictions" are meaningless and are labelled so.
 *
 * <p>Usage: {@code vgg-classify [image.jpg] [--weights FILE] [--random-weights] [--out DIR] [--quick]}. Without an
 * image it classifies a CIFAR-10 sample picture ({@code $KERASISH_DATA/cifar10/kaggle-train-first200/train/2.png},
 * a 32x32 truck: enlarged 7 times, a hard case for a network trained on 224x224 photographs).
 */
public final class VggClassify {
    static final int SIZE = 224;
    /** The sample picture used without an image argument. */
    static final String SAMPLE = "cifar10/kaggle-train-first200/train/2.png";
    static final String RANDOM_WARNING = "RANDOM WEIGHTS: these labels are MEANINGLESS (no ImageNet training); they "
            + "only show that the pipeline runs.";

    private VggClassify() {
    }

    /** What the run measured, for its test; {@code top5} is empty when it stopped for want of the weights. */
    record Result(List<ImageNet.Prediction> top5, String weights, boolean random, double secondsPerImage,
            Path input) {
    }

    public static void main(String[] args) {
        run(Args.parse("vgg-classify", args));
    }

    static Outcome run(Args args) {
        Outcome.Builder outcome = Outcome.builder();
        Path image = args.path(0);
        if (image == null) {
            image = sample(Datasets.searchPath("cifar10").stream().map(Path::getParent).toList());
            String note = "No image given: classifying the CIFAR-10 sample picture " + image + " (32x32, "
                    + cifarLabel(image) + "), enlarged to 224x224.";
            System.out.println(note);
            outcome.note(note);
        }
        Path weightsFile = args.option("--weights", null) == null ? null : Path.of(args.option("--weights", null));
        boolean randomAllowed = args.quick() || args.flag("--random-weights");
        Result r = run(image, weightsFile, randomAllowed, args.quick() ? 1 : 3, args.out());
        if (r.top5().isEmpty()) {
            return outcome.figure("weights", r.weights())
                    .note("Stopped: Keras's ImageNet weights file " + VGG16.weightsFileName(true) + " is not on this "
                            + "machine (see the printed message); --random-weights runs the pipeline without it.")
                    .build();
        }
        ImageNet.Prediction best = r.top5().get(0);
        outcome.figure("weights", r.weights())
                .figure("top-1", String.format(Locale.ROOT, "%s %s (%.4f)", best.classId(), best.name(), best.score()))
                .figure("inference time per image", String.format(Locale.ROOT, "%.2f s", r.secondsPerImage()))
                .plot(r.input());
        if (r.random()) {
            outcome.note(RANDOM_WARNING);
        }
        return outcome.build();
    }

    /**
     * Classifies {@code image}; with {@code weightsFile} null, Keras's ImageNet weights from the cache. When they
     * are not there: stops (top5 empty) unless {@code randomAllowed}, then uses random weights.
     */
    static Result run(Path image, Path weightsFile, boolean randomAllowed, int timedRuns, Path out) {
        // 1. The image as the network wants it: 224x224 RGB, a batch of one, caffe-style preprocessing (read before
        //    the model is built, so that a wrong path fails at once)
        BufferedImage original = Images.loadImg(image);
        BufferedImage img = Images.loadImg(image, SIZE, SIZE);
        Path seen = out.resolve("input-224x224.png");
        try {
            ImageIO.write(img, "png", seen.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + seen, e);
        }
        INDArray x = Images.imgToArray(img).reshape(1, SIZE, SIZE, 3); // np.expand_dims(x, axis=0)
        x = VGG16.preprocessInput(x);
        System.out.printf("Image %s: %dx%d, resized to %dx%d (what the network sees: %s); x %s, preprocessed "
                        + "(BGR, ImageNet mean subtracted): values %.1f to %.1f%n", image, original.getWidth(),
                original.getHeight(), SIZE, SIZE, seen, java.util.Arrays.toString(x.shape()),
                x.minNumber().doubleValue(), x.maxNumber().doubleValue());

        // 2. The model: VGG16(weights="imagenet"), 138,357,544 parameters
        Sequential model;
        String weights = weightsFile == null ? "imagenet" : weightsFile.toString();
        boolean random = false;
        try {
            model = weightsFile == null ? VGG16.builder().build() : VGG16.builder().weights(weightsFile).build();
        } catch (FileUnavailableException e) {
            System.out.println(e.getMessage());
            if (!randomAllowed) {
                System.out.println("Stopping here: classification needs the ImageNet weights (or give the file with "
                        + "--weights FILE). To see the whole pipeline run anyway on random weights (meaningless "
                        + "labels), add --random-weights.");
                return new Result(List.of(), "missing (" + VGG16.weightsFileName(true) + ")", false, Double.NaN,
                        null);
            }
            System.out.println("Continuing with randomly initialized weights (--random-weights or --quick).");
            System.out.println(RANDOM_WARNING);
            model = VGG16.builder().weights((String) null).build().seed(1);
            weights = "random (meaningless labels)";
            random = true;
        }
        model.summary();

        // 3. predict and decode_predictions
        long t0 = System.nanoTime();
        INDArray preds = model.predict(x, batchSize(1));
        double first = (System.nanoTime() - t0) / 1e9;
        double total = 0;
        for (int i = 0; i < timedRuns; i++) {
            long t = System.nanoTime();
            preds = model.predict(x, batchSize(1));
            total += (System.nanoTime() - t) / 1e9;
        }
        double perImage = total / timedRuns;
        List<ImageNet.Prediction> top5 = VGG16.decodePredictions(preds, 5).get(0);
        if (random) {
            System.out.println(RANDOM_WARNING);
        }
        System.out.println("Predicted: " + top5);
        System.out.printf(Locale.ROOT, "Inference time per image: %.2f s (mean of %d predict call(s) on one image; the "
                + "first call, which also sets up the network, took %.2f s)%n", perImage, timedRuns, first);
        return new Result(top5, weights, random, perImage, seen);
    }

    /** The CIFAR-10 sample picture under the first of these data folders that has it. */
    static Path sample(List<Path> dataRoots) {
        for (Path root : dataRoots) {
            if (root != null && Files.isRegularFile(root.resolve(SAMPLE))) {
                return root.resolve(SAMPLE);
            }
        }
        throw new KerasishException("No image given and the sample picture " + SAMPLE + " is not in "
                + dataRoots + " ($KERASISH_DATA, set by scripts/kerasish to ../shared/datasets). Give an image: "
                + "scripts/kerasish run vgg-classify path/to/photo.jpg");
    }

    /** The picture's class from the CIFAR sample's trainLabels.csv, or "label unknown". */
    private static String cifarLabel(Path png) {
        Path csv = png.getParent().getParent().resolve("trainLabels.csv");
        try {
            for (String line : Files.readAllLines(csv)) {
                String[] f = line.strip().split(",");
                if (f.length == 2 && f[0].equals(png.getFileName().toString())) {
                    return "CIFAR-10 label: " + f[1];
                }
            }
        } catch (IOException e) {
            // the label is only a comment
        }
        return "label unknown";
    }
}

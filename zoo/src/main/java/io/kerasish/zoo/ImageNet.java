package io.kerasish.zoo;

import io.kerasish.InvalidFileException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.io.config.ConfigJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code applications.imagenet_utils}: the 1000 ImageNet classes (Keras's {@code imagenet_class_index.json},
 * shipped as a resource), {@code decode_predictions}, and {@code preprocess_input} in "caffe" mode, the one VGG-16
 * uses.
 */
public final class ImageNet {
    /** The BGR mean pixel Keras subtracts in caffe mode. */
    static final float[] CAFFE_MEAN_BGR = {103.939f, 116.779f, 123.68f};
    private static volatile List<String[]> classes;

    private ImageNet() {
    }

    /** One guess of {@code decode_predictions}: Keras's tuple (class_name, class_description, score). */
    public record Prediction(String classId, String name, double score) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "('%s', '%s', %.5f)", classId, name, score);
        }
    }

    /** The class id (e.g. {@code n01440764}) and name (e.g. {@code tench}) of each of the 1000 classes, by index. */
    public static List<String[]> classIndex() {
        if (classes == null) {
            classes = load();
        }
        return classes;
    }

    /**
     * Keras's {@code decode_predictions(preds, top)}: for each row of {@code preds} (shape (N, 1000)), the
     * {@code top} most probable classes, most probable first.
     *
     * @throws ShapeMismatchException when preds is not (N, 1000)
     */
    public static List<List<Prediction>> decodePredictions(INDArray preds, int top) {
        if (preds.rank() != 2 || preds.size(1) != 1000) {
            throw new ShapeMismatchException("decodePredictions expects a batch of predictions of shape (samples, 1000), "
                    + "got " + java.util.Arrays.toString(preds.shape()) + ". Pass the output of a model with the "
                    + "ImageNet top (includeTop(true), classes 1000).");
        }
        if (top < 1) {
            throw new io.kerasish.InvalidConfigException("top must be at least 1, got " + top);
        }
        List<String[]> index = classIndex();
        float[][] rows = preds.castTo(DataType.FLOAT).toFloatMatrix();
        List<List<Prediction>> out = new ArrayList<>();
        for (float[] row : rows) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> -row[i]));
            List<Prediction> best = new ArrayList<>();
            for (int k = 0; k < Math.min(top, row.length); k++) {
                int c = order.get(k);
                best.add(new Prediction(index.get(c)[0], index.get(c)[1], row[c]));
            }
            out.add(best);
        }
        return out;
    }

    /**
     * Keras's {@code preprocess_input(x, mode="caffe")} for channels-last images with values in [0, 255]: RGB to
     * BGR, then the ImageNet mean pixel subtracted per channel, no scaling. Takes (H, W, 3) or (N, H, W, 3) and
     * returns a new float array (the input is left as it was).
     *
     * @throws ShapeMismatchException when the last axis is not 3 colour channels
     */
    public static INDArray preprocessCaffe(INDArray x) {
        if ((x.rank() != 3 && x.rank() != 4) || x.size(-1) != 3) {
            throw new ShapeMismatchException("preprocessInput expects channels-last RGB images of shape (H, W, 3) or "
                    + "(N, H, W, 3), got " + java.util.Arrays.toString(x.shape()) + ". Load images with "
                    + "Images.loadImg and Images.imgToArray (RGB, channels-last).");
        }
        float[] v = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int p = 0; p < v.length; p += 3) {
            float r = v[p];
            v[p] = v[p + 2] - CAFFE_MEAN_BGR[0];
            v[p + 1] = v[p + 1] - CAFFE_MEAN_BGR[1];
            v[p + 2] = r - CAFFE_MEAN_BGR[2];
        }
        return Nd4j.create(v, x.shape(), 'c');
    }

    private static List<String[]> load() {
        String name = "imagenet_class_index.json";
        String text;
        try (InputStream in = ImageNet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new InvalidFileException(Path.of(name), "is missing from the zoo's resources (io/kerasish/zoo/)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> json = ConfigJson.parse(text, name);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            if (!(json.get(String.valueOf(i)) instanceof List<?> pair) || pair.size() != 2) {
                throw new InvalidFileException(Path.of(name), "has no [id, name] entry for class " + i);
            }
            out.add(new String[] {String.valueOf(pair.get(0)), String.valueOf(pair.get(1))});
        }
        return List.copyOf(out);
    }
}

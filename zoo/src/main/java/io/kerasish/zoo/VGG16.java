package io.kerasish.zoo;

import io.kerasish.InvalidConfigException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.layers.Conv2D;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.GlobalAveragePooling2D;
import io.kerasish.layers.GlobalMaxPooling2D;
import io.kerasish.layers.InputLayer;
import io.kerasish.layers.MaxPooling2D;
import io.kerasish.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * VGG-16 as Keras's {@code keras.applications.VGG16}: five blocks of 3x3 "same" ReLU convolutions (64, 128, 256,
 * 512, 512 filters; 2, 2, 3, 3, 3 layers) each ending in 2x2 max pooling, named {@code block1_conv1} ...
 * {@code block5_pool}; with the top, {@code flatten}, {@code fc1} and {@code fc2} (4096 ReLU units) and
 * {@code predictions}. 138,357,544 parameters with the top, 14,714,688 without.
 *
 * <pre>{@code
 * Sequential base = VGG16.builder().includeTop(false).weights("imagenet").inputShape(150, 150, 3).build();
 * INDArray x = VGG16.preprocessInput(Images.imgToArray(Images.loadImg(path, 224, 224), true));
 * }</pre>
 *
 * <p>Weights: {@code "imagenet"} takes Keras's published file from the {@link WeightsCache} (downloading it when
 * online and checking Keras's md5), a {@link Path} loads a Keras-layout weights file (Keras's own
 * {@code vgg16_weights_tf_dim_ordering_tf_kernels.h5} or {@code ..._notop.h5}, or one saved with
 * {@code saveWeights}), and {@code null} leaves Keras's random initialization. Unlike Keras, the input shape is
 * always static: without the top it defaults to 224x224x3 instead of (None, None, 3).
 */
public final class VGG16 {
    /** Keras's WEIGHTS_PATH and its file_hash. */
    public static final String WEIGHTS_PATH = "https://storage.googleapis.com/tensorflow/keras-applications/"
            + "vgg16/vgg16_weights_tf_dim_ordering_tf_kernels.h5";
    public static final String WEIGHTS_MD5 = "64373286793e3c8b2b4e3219cbf3544b";
    /** Keras's WEIGHTS_PATH_NO_TOP and its file_hash. */
    public static final String WEIGHTS_PATH_NO_TOP = "https://storage.googleapis.com/tensorflow/keras-applications/"
            + "vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
    public static final String WEIGHTS_MD5_NO_TOP = "6d6bbae143d832006294945121d1f1fc";

    static final int DEFAULT_SIZE = 224;
    static final int MIN_SIZE = 32;
    private static final int[][] BLOCKS = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};

    private VGG16() {
    }

    /** Keras's defaults: includeTop, weights "imagenet", 224x224x3, 1000 classes, softmax. */
    public static Builder builder() {
        return new Builder();
    }

    /** Keras's {@code vgg16.preprocess_input}: caffe mode (RGB to BGR, ImageNet mean subtracted); see {@link ImageNet}. */
    public static INDArray preprocessInput(INDArray x) {
        return ImageNet.preprocessCaffe(x);
    }

    /** Keras's {@code vgg16.decode_predictions(preds, top)}. */
    public static List<List<ImageNet.Prediction>> decodePredictions(INDArray preds, int top) {
        return ImageNet.decodePredictions(preds, top);
    }

    /** The Keras file name of the ImageNet weights. */
    public static String weightsFileName(boolean includeTop) {
        String url = includeTop ? WEIGHTS_PATH : WEIGHTS_PATH_NO_TOP;
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Keras's keyword arguments of {@code VGG16(...)}. */
    public static final class Builder {
        private boolean includeTop = true;
        private String weights = "imagenet";
        private Path weightsFile;
        private long[] inputShape;
        private String pooling;
        private int classes = 1000;
        private String classifierActivation = "softmax";
        private WeightsCache cache;

        private Builder() {
        }

        /** Whether to include the 3 fully connected layers (flatten, fc1, fc2, predictions). */
        public Builder includeTop(boolean includeTop) {
            this.includeTop = includeTop;
            return this;
        }

        /** {@code "imagenet"}, {@code null} (random initialization), or the path of a weights file. */
        public Builder weights(String weights) {
            this.weights = weights;
            this.weightsFile = weights == null || weights.equals("imagenet") ? null : Path.of(weights);
            return this;
        }

        /** A Keras-layout weights file (Keras's own VGG-16 file, or one written by saveWeights). */
        public Builder weights(Path file) {
            this.weights = file == null ? null : file.toString();
            this.weightsFile = file;
            return this;
        }

        /** Height, width, channels (channels-last); at least 32x32. With the top and "imagenet": 224x224x3 only. */
        public Builder inputShape(long height, long width, long channels) {
            this.inputShape = new long[] {height, width, channels};
            return this;
        }

        /** Without the top: {@code null} (4D output of block5_pool), {@code "avg"} or {@code "max"} global pooling. */
        public Builder pooling(String pooling) {
            this.pooling = pooling;
            return this;
        }

        /** Number of classes of the top; only other than 1000 without "imagenet" weights. */
        public Builder classes(int classes) {
            this.classes = classes;
            return this;
        }

        /** The top's activation; {@code null} gives logits ("linear"). Pretrained weights allow softmax or null only. */
        public Builder classifierActivation(String activation) {
            this.classifierActivation = activation;
            return this;
        }

        /** Where "imagenet" weights are looked up (default {@link WeightsCache#standard()}). */
        public Builder cache(WeightsCache cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Builds the model and loads the weights.
         *
         * @throws InvalidConfigException for arguments Keras refuses, naming the argument and the fix
         * @throws io.kerasish.FileUnavailableException when "imagenet" weights are not cached and cannot be fetched
         */
        public Sequential build() {
            boolean imagenet = "imagenet".equals(weights);
            long[] shape = checkedInputShape(imagenet);
            if (imagenet && includeTop && classes != 1000) {
                throw new InvalidConfigException("VGG16 with weights \"imagenet\" and includeTop(true) has 1000 classes, "
                        + "got classes(" + classes + "). For your own classes use includeTop(false) and add a new head, "
                        + "or weights(null).");
            }
            if (includeTop && weights != null && classifierActivation != null
                    && !classifierActivation.equals("softmax") && !classifierActivation.equals("linear")) {
                throw new InvalidConfigException("VGG16 with pretrained weights allows only classifierActivation "
                        + "\"softmax\" or null, got \"" + classifierActivation + "\"");
            }
            if (pooling != null && !pooling.equals("avg") && !pooling.equals("max")) {
                throw new InvalidConfigException("VGG16 pooling must be null, \"avg\" or \"max\", got \"" + pooling + "\"");
            }
            if (weightsFile != null && !Files.isRegularFile(weightsFile)) {
                throw new InvalidConfigException("VGG16 weights should be null (random initialization), \"imagenet\" "
                        + "or the path to a weights file; there is no file at " + weightsFile.toAbsolutePath());
            }
            Sequential m = architecture(shape);
            if (weights == null) {
                return m;
            }
            Path file = weightsFile;
            if (imagenet) {
                WeightsCache c = cache != null ? cache : WeightsCache.standard();
                file = c.get(weightsFileName(includeTop), includeTop ? WEIGHTS_PATH : WEIGHTS_PATH_NO_TOP,
                        includeTop ? WEIGHTS_MD5 : WEIGHTS_MD5_NO_TOP);
            }
            try {
                m.loadWeights(file);
            } catch (ShapeMismatchException e) {
                throw new ShapeMismatchException(e.getMessage() + ". Keras's VGG-16 files: "
                        + weightsFileName(true) + " for includeTop(true), " + weightsFileName(false)
                        + " for includeTop(false).");
            }
            return m;
        }

        private long[] checkedInputShape(boolean imagenet) {
            long[] def = {DEFAULT_SIZE, DEFAULT_SIZE, 3};
            if (inputShape == null) {
                return def;
            }
            long[] s = inputShape;
            String given = "(" + s[0] + ", " + s[1] + ", " + s[2] + ")";
            if (imagenet && includeTop && !java.util.Arrays.equals(s, def)) {
                throw new InvalidConfigException("When setting includeTop(true) and loading \"imagenet\" weights, "
                        + "inputShape should be (224, 224, 3), got " + given + ". Use includeTop(false) for other sizes.");
            }
            if (imagenet && s[2] != 3) {
                throw new InvalidConfigException("The input must have 3 channels with \"imagenet\" weights, got " + given);
            }
            if (s[0] < MIN_SIZE || s[1] < MIN_SIZE || s[2] < 1) {
                throw new InvalidConfigException("VGG16 input size must be at least " + MIN_SIZE + "x" + MIN_SIZE
                        + ", got inputShape " + given);
            }
            return s;
        }

        private Sequential architecture(long[] shape) {
            Sequential m = new Sequential("vgg16");
            m.add(new InputLayer(shape).name("input_1"));
            for (int b = 0; b < BLOCKS.length; b++) {
                for (int c = 1; c <= BLOCKS[b][1]; c++) {
                    m.add(new Conv2D(BLOCKS[b][0], 3, 3).padding("same").activation("relu")
                            .name("block" + (b + 1) + "_conv" + c));
                }
                m.add(new MaxPooling2D(2, 2).strides(2, 2).name("block" + (b + 1) + "_pool"));
            }
            if (includeTop) {
                m.add(new Flatten().name("flatten"));
                m.add(new Dense(4096).activation("relu").name("fc1"));
                m.add(new Dense(4096).activation("relu").name("fc2"));
                m.add(new Dense(classes).activation(classifierActivation == null ? "linear" : classifierActivation)
                        .name("predictions"));
            } else if ("avg".equals(pooling)) {
                m.add(new GlobalAveragePooling2D());
            } else if ("max".equals(pooling)) {
                m.add(new GlobalMaxPooling2D());
            }
            return m;
        }
    }
}

package io.kerasish.zoo.figures;

import static io.kerasish.models.Fit.batchSize;

import io.kerasish.models.Sequential;
import io.kerasish.preprocessing.image.Images;
import io.kerasish.zoo.ImageNet;
import io.kerasish.zoo.VGG16;
import io.kerasish.zoo.WeightsCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * VGG-16 inference. With Keras's ImageNet weights file in the cache ({@code $KERASISH_HOME/models} or
 * {@code ~/.kerasish/models}; never downloaded here): classifies a few images (the CIFAR-10 sample, upscaled to
 * 224x224 with nearest neighbour) and times batches of 8. Without it: says what it would need, and times inference
 * with random weights at batch 8, 224x224 with the top (138M parameters) and, in quick mode, 32x32 without it.
 */
final class VggFigure implements Figure {
    @Override
    public String title() {
        return "VGG-16 inference";
    }

    @Override
    public String run(boolean quick) {
        StringBuilder md = new StringBuilder();
        WeightsCache cache = WeightsCache.standard();
        Path top = cache.directory().resolve(VGG16.weightsFileName(true));
        Sequential model;
        if (Files.isRegularFile(top)) {
            model = VGG16.builder().cache(new WeightsCache(cache.directory(), true)).build();
            md.append("Keras's ImageNet weights from ").append(top).append(".\n\n");
            classify(model, md, quick ? 2 : 8);
        } else {
            md.append("Keras's ImageNet weights are not in ").append(cache.directory()).append(": put ")
                    .append(VGG16.weightsFileName(true)).append(" (from ").append(VGG16.WEIGHTS_PATH)
                    .append(", md5 ").append(VGG16.WEIGHTS_MD5).append(") there to classify images. Timing with ")
                    .append("random weights instead.\n\n");
            model = quick ? VGG16.builder().weights((String) null).includeTop(false).inputShape(32, 32, 3).build()
                    : VGG16.builder().weights((String) null).build();
        }
        md.append(time(model, quick ? 3 : 5));
        return md.toString();
    }

    /** Best of {@code rounds} batches of 8 after one warm-up batch. */
    private static String time(Sequential model, int rounds) {
        long[] in = model.inputShape().dims();
        Nd4j.getRandom().setSeed(1);
        INDArray x = VGG16.preprocessInput(Nd4j.rand(DataType.FLOAT, 8, in[0], in[1], in[2]).muli(255));
        model.predict(x, batchSize(8));
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            model.predict(x, batchSize(8));
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return String.format("| input | parameters | batch | best of %d (s) | images/s |%n|---|---:|---:|---:|---:|%n"
                + "| %dx%dx%d%s | %,d | 8 | %.3f | %.1f |%n", rounds, in[0], in[1], in[2],
                model.layers().size() > 19 ? ", with top" : ", no top", model.countParams(), best, 8 / best);
    }

    private static void classify(Sequential model, StringBuilder md, int n) {
        Path dir = cifarFolder();
        if (dir == null) {
            md.append("No images to classify: the CIFAR-10 sample (cifar10/kaggle-train-first200) is not in "
                    + "$KERASISH_DATA.\n\n");
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<String> lines = Files.lines(dir.resolve("trainLabels.csv"))) {
            lines.limit(n).forEach(l -> files.add(dir.resolve("train").resolve(l.split(",")[0])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        INDArray preds = model.predict(VGG16.preprocessInput(Images.loadImages(files, 224, 224)), batchSize(8));
        List<List<ImageNet.Prediction>> top = VGG16.decodePredictions(preds, 3);
        md.append("| image | top 3 (ImageNet class, probability) |\n|---|---|\n");
        for (int i = 0; i < files.size(); i++) {
            md.append("| ").append(files.get(i).getFileName()).append(" | ");
            top.get(i).forEach(p -> md.append(String.format("%s %.3f; ", p.name(), p.score())));
            md.append("|\n");
        }
        md.append('\n');
    }

    private static Path cifarFolder() {
        String data = System.getenv("KERASISH_DATA");
        Path p = data == null ? null : Path.of(data, "cifar10", "kaggle-train-first200");
        return p != null && Files.isRegularFile(p.resolve("trainLabels.csv")) ? p : null;
    }
}

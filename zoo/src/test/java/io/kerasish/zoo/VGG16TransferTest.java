package io.kerasish.zoo;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.Layer;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.preprocessing.image.Images;
import io.kerasish.utils.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Transfer learning the Keras way on 200 real CIFAR-10 images (../shared/datasets/cifar10/kaggle-train-first200):
 * freeze the VGG-16 conv base (generated weights), add a new head, compile, fit: the base does not move at all and the head learns;
 * then unfreeze block 5 and fine-tune with a low learning rate: block 5 moves a little, blocks 1-4 do not.
 */
class VGG16TransferTest {
    static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
            "ship", "truck");

    static Path folder() {
        String data = System.getenv("KERASISH_DATA");
        for (Path p : new Path[] {data == null ? null : Path.of(data, "cifar10", "kaggle-train-first200"),
                Path.of("..", "..", "shared", "datasets", "cifar10", "kaggle-train-first200"),
                Path.of("/work/shared/datasets/cifar10/kaggle-train-first200")}) {
            if (p != null && Files.isRegularFile(p.resolve("trainLabels.csv"))) {
                return p;
            }
        }
        return null;
    }

    @TempDir
    Path tmp;

    @Test
    void trainsOnlyTheHeadThenFineTunesTheLastBlock() throws Exception {
        Path dir = folder();
        if (dir == null) {
            System.out.println("SKIPPED VGG16TransferTest: no cifar10/kaggle-train-first200 folder (trainLabels.csv and "
                    + "train/*.png) in $KERASISH_DATA or ../shared/datasets");
        }
        Assumptions.assumeTrue(dir != null);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("trainLabels.csv"))) {
            String[] f = line.trim().split(",");
            if (f.length == 2 && CLASSES.contains(f[1])) {
                files.add(dir.resolve("train").resolve(f[0]));
                labels.add(CLASSES.indexOf(f[1]));
            }
        }
        assertEquals(200, files.size());
        INDArray x = VGG16.preprocessInput(Images.loadImages(files, 32, 32));
        INDArray y = Utils.toCategorical(Nd4j.createFromArray(labels.stream().mapToInt(i -> i).toArray()), 10);

        // "pretrained" weights: a generated Keras-layout file (He-scaled random kernels; Keras's real file is 58 MB)
        Path weightsFile = tmp.resolve("vgg16_notop_generated.h5");
        new VggFixtures(3).write(weightsFile);
        Sequential model = VGG16.builder().includeTop(false).weights(weightsFile).inputShape(32, 32, 3).build();
        model.seed(1);
        model.freeze("block5_pool");
        model.add(new Flatten().name("head_flatten"));
        model.add(new Dense(64).activation("relu").name("head_dense"));
        model.add(new Dense(10).activation("softmax").name("head_out"));
        model.compile(new Adam(1e-4), "categorical_crossentropy", "accuracy");
        assertTrue(model.summaryString().contains("Non-trainable params: 14,714,688"), model.summaryString());
        Map<String, List<INDArray>> start = weights(model);
        History h = model.fit(x, y, epochs(3), batchSize(32), verbose(0));
        Map<String, Double> moved = movement(start, weights(model));
        for (Layer<?> l : model.layers()) {
            if (l.name().startsWith("block") && moved.containsKey(l.name())) {
                assertEquals(0.0, moved.get(l.name()), "frozen " + l.name() + " moved");
            }
        }
        assertTrue(moved.get("head_dense") > 0 && moved.get("head_out") > 0, moved.toString());
        List<Double> loss = h.get("loss");
        System.out.println("VGG16 transfer, new head on a frozen base: loss per epoch " + loss + ", accuracy "
                + h.get("accuracy"));
        assertTrue(loss.get(loss.size() - 1) < 0.9 * loss.get(0), "the head learns: " + loss);

        // fine-tuning: unfreeze block 5, recompile with a low learning rate
        model.unfreeze("block5_conv1");
        model.compile(new Adam(1e-5), "categorical_crossentropy", "accuracy");
        double before = model.evaluate(x, y).get("loss");
        Map<String, List<INDArray>> tuned = weights(model);
        model.fit(x, y, epochs(2), batchSize(200), verbose(0)); // full-batch steps: no shuffling noise in the check
        double after = model.evaluate(x, y).get("loss");
        moved = movement(tuned, weights(model));
        System.out.printf("VGG16 fine-tuning block 5 at lr 1e-5: loss %.4f -> %.4f, movement %s%n", before, after, moved);
        for (String n : List.of("block1_conv1", "block3_conv3", "block4_conv3")) {
            assertEquals(0.0, moved.get(n), n + " is still frozen");
        }
        for (String n : List.of("block5_conv1", "block5_conv2", "block5_conv3")) {
            assertTrue(moved.get(n) > 0 && moved.get(n) < 0.01, n + " moves a little: " + moved.get(n));
        }
        assertTrue(after < before, "fine-tuning lowers the training loss: " + before + " -> " + after);
    }

    private static Map<String, List<INDArray>> weights(Sequential m) {
        Map<String, List<INDArray>> w = new HashMap<>();
        m.layers().forEach(l -> w.put(l.name(), l.getWeights()));
        return w;
    }

    private static Map<String, Double> movement(Map<String, List<INDArray>> a, Map<String, List<INDArray>> b) {
        Map<String, Double> out = new HashMap<>();
        a.forEach((name, ws) -> {
            double d = 0;
            for (int i = 0; i < ws.size(); i++) {
                d = Math.max(d, b.get(name).get(i).sub(ws.get(i)).amaxNumber().doubleValue());
            }
            if (!ws.isEmpty()) {
                out.put(name, d);
            }
        });
        return out;
    }
}

package io.kerasish.zoo;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kerasish.datasets.Idx;
import io.kerasish.datasets.ImageData;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.utils.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LeNet-5 learns real digits end to end: channels-last images in, convolutions on DL4J's oneDNN path, one-hot
 * labels. Uses the 10,000 MNIST test images in ../shared/datasets/mnist (training on 80%, validating on the rest).
 */
class LeNet5MnistTest {
    private static final Path MNIST = Path.of("..", "..", "shared", "datasets", "mnist");

    @Test
    void learnsMnistDigitsInOneEpoch() {
        Path dir = Files.isDirectory(MNIST) ? MNIST : Path.of("..", "shared", "datasets", "mnist");
        if (!Files.isRegularFile(dir.resolve("t10k-images-idx3-ubyte.gz"))) {
            System.out.println("SKIPPED LeNet5MnistTest: no MNIST test set at " + dir.toAbsolutePath());
            assumeTrue(false);
        }
        INDArray x = ImageData.scaled(Idx.read(dir.resolve("t10k-images-idx3-ubyte.gz")));
        INDArray y = Utils.toCategorical(Idx.read(dir.resolve("t10k-labels-idx1-ubyte.gz")), 10);
        Sequential model = LeNet5.build().seed(3);
        model.compile("adam", "categorical_crossentropy", "accuracy");
        History h = model.fit(x, y, epochs(1), batchSize(64), validationSplit(0.2), verbose(0));
        double loss = h.get("loss").get(0);
        double valAccuracy = h.get("val_accuracy").get(0);
        assertFalse(Double.isNaN(loss), "training loss is NaN");
        assertTrue(valAccuracy > 0.90, "validation accuracy after one epoch on 8,000 digits: " + valAccuracy);
    }
}

package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.datasets.FashionMnist;
import io.kerasish.datasets.Idx;
import io.kerasish.datasets.ImageData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 04 in its quick mode (3,000 training images, 1 epoch): on Fashion-MNIST when Debian's package is
 * installed, else on the shared MNIST test set split 8,000 / 2,000; skipped, saying so, when neither is here.
 */
class LeNetTest {
    @Test
    void learnsInOneEpochAndDrawsTheCurves(@TempDir Path out) throws Exception {
        ImageData data;
        double expected;
        if (QuickRun.hasFashionMnist()) {
            data = FashionMnist.loadData();
            expected = 0.55; // one epoch on 3,000 clothes images (0.71 here); chance is 0.1
        } else {
            Path mnist = Path.of("..", "..", "shared", "datasets", "mnist");
            if (!Files.isRegularFile(mnist.resolve("t10k-images-idx3-ubyte.gz"))) {
                System.out.println("skipped: neither Fashion-MNIST (apt-get install dataset-fashion-mnist) nor "
                        + "../shared/datasets/mnist is here");
                Assumptions.assumeTrue(false);
            }
            INDArray x = Idx.read(mnist.resolve("t10k-images-idx3-ubyte.gz"));
            INDArray y = Idx.read(mnist.resolve("t10k-labels-idx1-ubyte.gz"));
            data = new ImageData(x.get(NDArrayIndex.interval(0, 8000)), y.get(NDArrayIndex.interval(0, 8000)),
                    x.get(NDArrayIndex.interval(8000, 10000)), y.get(NDArrayIndex.interval(8000, 10000)));
            expected = 0.7; // digits are easier (0.85 here)
        }
        LeNet.Result r = LeNet.run(data, "quick", 1, 3000, out);
        assertTrue(r.testAccuracy() > expected, "test accuracy after one quick epoch: " + r.testAccuracy());
        assertTrue(Files.size(r.plot()) > 1000, "lenet.png was not drawn");
        assertTrue(r.history().history().containsKey("val_accuracy"));
    }
}

package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 03 in its quick mode (6,000 Fashion-MNIST images, 2 epochs) through its command line; skipped, saying
 * so, when Debian's Fashion-MNIST package is not installed.
 */
class MlpTest {
    @Test
    void learnsClothesInTwoEpochsAndDrawsTheCurves(@TempDir Path out) throws Exception {
        QuickRun.requireFashionMnist();
        QuickRun.Printed p = QuickRun.run("mlp", "--out", out.toString());
        // Flatten(28, 28) -> 784, Dense 512 and 256 with dropout, softmax 10: Keras's count
        assertTrue(p.out().contains("flatten (Flatten)            (None, 784)"), p.out());
        assertTrue(p.out().contains("Total params: 535,818"), p.out());
        List<Double> loss = QuickRun.epochValues(p.out(), "loss");
        assertEquals(2, loss.size(), p.out());
        assertTrue(loss.get(1) < loss.get(0), "training loss per epoch: " + loss);
        assertEquals(2, QuickRun.epochValues(p.out(), "val_accuracy").size(), p.out());
        double test = Double.parseDouble(p.outcome().figures().get("test accuracy"));
        assertTrue(test > 0.7, "test accuracy after two quick epochs (0.79 here; chance is 0.1): " + test);
        assertEquals(List.of(out.resolve("mlp.png")), p.outcome().plots());
        assertTrue(Files.size(out.resolve("mlp.png")) > 1000, "mlp.png was not drawn");
    }
}

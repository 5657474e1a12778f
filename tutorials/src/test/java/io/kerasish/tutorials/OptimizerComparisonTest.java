package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tutorial 16: every optimizer starts from the same weights; in the quick run on Fashion-MNIST (skipped, saying
 * so, when Debian's package is not installed) every one lowers the loss, and momentum and Adam beat plain SGD.
 */
class OptimizerComparisonTest {
    @Test
    void everyOptimizerStartsFromTheSameWeights() {
        List<INDArray> first = null;
        for (var o : OptimizerComparison.optimizers().values()) {
            var model = OptimizerComparison.model();
            model.compile(o, "categorical_crossentropy", "accuracy");
            List<INDArray> w = model.getWeights();
            if (first == null) {
                first = w;
            } else {
                assertEquals(first, w, o.toString());
            }
        }
        assertEquals(6, OptimizerComparison.optimizers().size());
    }

    @Test
    void everyOptimizerLearnsAndMomentumAndAdamBeatPlainSgd(@TempDir Path out) throws Exception {
        QuickRun.requireFashionMnist();
        OptimizerComparison.Result r = OptimizerComparison.result(Args.parse("optimizers", "--out", out.toString(),
                "--quick"));
        StringBuilder summary = new StringBuilder();
        r.runs().forEach(run -> summary.append(run.name()).append(": loss ").append(run.history().get("loss"))
                .append(", val_accuracy ").append(run.last("val_accuracy")).append('\n'));
        for (OptimizerComparison.Run run : r.runs()) {
            List<Double> loss = run.history().get("loss");
            assertTrue(loss.get(loss.size() - 1) < loss.get(0) * 0.8, summary.toString());
            assertTrue(run.last("val_accuracy") > 0.5, summary.toString()); // chance is 0.1
        }
        double sgd = r.run("SGD").last("loss");
        // at the same learning rate, momentum (about ten times the step along steady gradients) goes further
        assertTrue(r.run("SGD + momentum").last("loss") < sgd - 0.2, summary.toString());
        assertTrue(r.run("SGD + Nesterov").last("loss") < sgd - 0.2, summary.toString());
        assertTrue(r.run("Adam").last("loss") < sgd - 0.2, summary.toString());
        assertTrue(Files.size(r.lossPlot()) > 1000 && Files.size(r.accuracyPlot()) > 1000, "plots not drawn");
    }
}

package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 13 in its quick mode on the shared IMDB subset (skipped, saying so, when it is absent): the big model
 * over-fits far more than the small one, dropout narrows its gap, the L2 model's loss carries its penalty.
 */
class ImdbRegularizationTest {
    @Test
    void theBigModelOverFitsAndRegularizationNarrowsTheGap(@TempDir Path out) throws Exception {
        Path npz = QuickRun.sharedData("imdb/" + ImdbRegularization.SUBSET);
        ImdbRegularization.Result r = ImdbRegularization.result(Args.parse("regularization", npz.toString(),
                "--out", out.toString(), "--quick"));
        StringBuilder summary = new StringBuilder();
        r.runs().forEach(run -> summary.append(String.format("%s: best epoch %d, final val_bce %.4f, bce %.4f, gap "
                + "%.4f, val_loss %.4f%n", run.name(), run.bestEpoch() + 1, run.last("val_binary_crossentropy"),
                run.last("binary_crossentropy"), run.gap(), run.last("val_loss"))));
        String printed = summary.toString();
        ImdbRegularization.Run small = r.run("small");
        ImdbRegularization.Run big = r.run("big");
        // capacity: the big model learns its training reviews almost by heart, the small one does not
        assertTrue(big.last("binary_crossentropy") < 0.1, printed);
        assertTrue(big.gap() > 0.3 && small.gap() < 0.1, printed);
        // ... and its validation loss has turned up before the end; the small one's is still falling
        assertTrue(big.bestEpoch() < 9 && big.last("val_binary_crossentropy") > big.valLoss().get(big.bestEpoch()),
                printed);
        assertEquals(9, small.bestEpoch(), printed);
        // dropout keeps the big model from memorizing as much
        assertTrue(r.run("big + dropout").gap() < big.gap() - 0.1, printed);
        // Keras adds the L2 penalty to val_loss, not to the binary_crossentropy metric
        ImdbRegularization.Run l2 = r.run("big + L2");
        assertTrue(l2.last("val_loss") - l2.last("val_binary_crossentropy") > 0.1, printed);
        assertEquals(big.last("val_loss"), big.last("val_binary_crossentropy"), 1e-3, printed);
        // a reasonable classifier all the same (chance is 0.5)
        assertTrue(big.last("val_accuracy") > 0.7, printed);
        assertTrue(Files.size(r.allPlot()) > 1000, "val-loss.png was not drawn");
        assertTrue(Files.size(r.regularizationPlot()) > 1000, "regularization.png was not drawn");
    }
}

package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.KerasishException;
import io.kerasish.datasets.AutoMpg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 12 end to end on the real UCI Auto MPG file in {@code ../shared/datasets/auto-mpg/} (skipped, saying so,
 * when it is absent): the long run over-fits, EarlyStopping stops the second run {@code patience} epochs after its
 * best epoch and restores that epoch's weights, ModelCheckpoint's best file reloads and predicts identically.
 */
class AutoMpgRegressionTest {
    private static Path data() {
        return QuickRun.sharedData("auto-mpg/auto-mpg.data");
    }

    @Test
    void overFitsThenEarlyStoppingStopsAndTheCheckpointReloadsIdentically(@TempDir Path out) {
        AutoMpg.Data cars = AutoMpg.loadData(data());
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        AutoMpgRegression.Result r;
        try {
            r = AutoMpgRegression.run(cars, out, 200); // the --quick length
        } finally {
            System.setOut(old);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        // deliberately over-fitted: the training loss ends far below the validation loss
        assertTrue(r.overfitTrainLoss() * 2 < r.overfitValLoss(), printed);
        // early stopping: stopped long before the end, exactly patience (10) epochs after the best one
        assertTrue(r.earlyEpochs() < r.longRun() / 2, printed);
        assertEquals(r.bestEpoch() + 1 + 10, r.earlyEpochs(), printed);
        assertTrue(printed.contains("Epoch " + r.earlyEpochs() + ": early stopping"), printed);
        assertTrue(printed.contains("Restoring model weights from the end of the best epoch: " + (r.bestEpoch() + 1)),
                printed);
        // it learned: a constant guess (the mean) is about 6 MPG off on average
        assertTrue(r.earlyTest().get("mae") < 3.5, printed);
        // the best checkpoint is a full model file that predicts exactly as the restored model
        assertTrue(Files.isRegularFile(r.checkpoint()), printed);
        assertEquals(0.0, r.reloadDiff(), printed);
        assertTrue(printed.contains("max abs difference from the trained model's predictions 0 (identical)"), printed);
        for (String csv : new String[] {"overfit.csv", "early-stopping.csv", "loss.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(csv)), csv);
        }
    }

    @Test
    void aMissingDataFileSaysWhereToGetIt(@TempDir Path dir) {
        KerasishException e = assertThrows(KerasishException.class,
                () -> Tutorials.main(new String[] {"auto-mpg", dir.resolve("auto-mpg.data").toString(), "--quick"}));
        assertTrue(e.getMessage().contains("auto-mpg.data") && e.getMessage().contains(AutoMpg.URL), e.getMessage());
    }
}

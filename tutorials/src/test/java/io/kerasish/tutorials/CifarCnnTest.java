package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.KerasishException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 05 in its quick mode on the shared 200-image CIFAR-10 sample (skipped, saying so, when it is absent):
 * 160 images to train on, 40 to test. Far too few to generalize, so only training is checked: the loss falls and
 * the training accuracy climbs well above chance.
 */
class CifarCnnTest {
    @Test
    void learnsItsTrainingImagesAndDrawsTheCurves(@TempDir Path out) throws Exception {
        Path sample = QuickRun.sharedData("cifar10/kaggle-train-first200");
        QuickRun.Printed p = QuickRun.run("cifar-cnn", sample.toString(), "--out", out.toString());
        assertTrue(p.out().contains("x_train [160, 32, 32, 3], x_test [40, 32, 32, 3] (channels last)"), p.out());
        // cifar10_cnn.py plus four BatchNormalization layers (4 x C weights each, 2 x C of them non-trainable)
        assertTrue(p.out().contains("Total params: 1,251,626"), p.out());
        assertTrue(p.out().contains("Non-trainable params: 384"), p.out());
        List<Double> loss = QuickRun.epochValues(p.out(), "loss");
        List<Double> accuracy = QuickRun.epochValues(p.out(), "accuracy");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0) / 2, "training loss per epoch: " + loss);
        assertTrue(accuracy.get(accuracy.size() - 1) > 0.3,
                "training accuracy per epoch (chance is 0.1): " + accuracy);
        assertEquals(loss.size(), QuickRun.epochValues(p.out(), "val_accuracy").size(), p.out());
        assertTrue(Files.size(out.resolve("cifar-cnn.png")) > 1000, "cifar-cnn.png was not drawn");
    }

    @Test
    void aFolderWithoutCifarDataSaysWhatItNeeds(@TempDir Path dir) {
        KerasishException e = assertThrows(KerasishException.class,
                () -> QuickRun.run("cifar-cnn", dir.toString()));
        assertTrue(e.getMessage().contains("data_batch_1.bin") && e.getMessage().contains("trainLabels.csv"),
                e.getMessage());
    }
}

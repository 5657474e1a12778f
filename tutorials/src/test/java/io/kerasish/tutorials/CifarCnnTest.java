package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.KerasishException;
import io.kerasish.datasets.Cifar10;
import io.kerasish.datasets.ImageData;
import io.kerasish.utils.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    /** The sample written as the binary batches of the full data set: 5 x 32 training records, 40 test records. */
    @Test
    void readsTheBinaryBatchesOfTheFullDataSetFromAFolder(@TempDir Path dir) throws Exception {
        Cifar10.Labeled sample = Cifar10.loadFolder(QuickRun.sharedData("cifar10/kaggle-train-first200/train"),
                QuickRun.sharedData("cifar10/kaggle-train-first200/trainLabels.csv"));
        Path bin = Files.createDirectories(dir.resolve(Cifar10.DIR));
        for (int f = 0; f < 6; f++) {
            int from = f * 32;
            int to = f < 5 ? from + 32 : 200;
            byte[] records = new byte[(to - from) * 3073];
            for (int n = from, at = 0; n < to; n++) {
                records[at++] = (byte) sample.y().getInt(n, 0);
                for (int c = 0; c < 3; c++) { // the file's planes: all red, then green, then blue
                    for (int r = 0; r < 32; r++) {
                        for (int col = 0; col < 32; col++) {
                            records[at++] = (byte) sample.x().getInt(n, r, col, c);
                        }
                    }
                }
            }
            Files.write(bin.resolve(Cifar10.FILES.get(f)), records);
        }
        CifarCnn.Data d = CifarCnn.fromFolder(dir, 100, 30);
        assertFalse(d.sample());
        assertArrayEquals(new long[] {100, 32, 32, 3}, d.xTrain().shape());
        assertArrayEquals(new long[] {30, 32, 32, 3}, d.xTest().shape());
        assertArrayEquals(new long[] {30, 10}, d.yTest().shape());
        assertEquals(ImageData.scaled(sample.x().get(NDArrayIndex.interval(160, 190))), d.xTest());
        assertEquals(Utils.toCategorical(sample.y().get(NDArrayIndex.interval(0, 100)), 10), d.yTrain());
    }

    @Test
    void aFolderWithoutCifarDataSaysWhatItNeeds(@TempDir Path dir) {
        KerasishException e = assertThrows(KerasishException.class,
                () -> QuickRun.run("cifar-cnn", dir.toString()));
        assertTrue(e.getMessage().contains("data_batch_1.bin") && e.getMessage().contains("trainLabels.csv"),
                e.getMessage());
    }
}

package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.zoo.VGG16;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 08: the frozen VGG-16 base does not change at all while the new head trains and its training loss
 * falls, on the first 100 images of the shared CIFAR-10 sample (the --quick setting); and a folder in Keras's
 * image_dataset_from_directory layout (one subfolder per class) runs end to end with a weights file given. The base has ImageNet weights only
 * when Keras's file is in the cache (not on this machine: then it is random, and no accuracy above chance is
 * claimed). Downloads are switched off here.
 */
@ExtendWith(NoDownloads.class)
class VggTransferTest {
    @TempDir
    Path dir;

    @Test
    void theFrozenBaseStaysExactlyAsItWasWhileTheHeadLearns() throws Exception {
        Path folder = QuickRun.sharedData(VggTransfer.SAMPLE + "/trainLabels.csv").getParent();
        VggTransfer.Data data = VggTransfer.load(folder, 32).first(100);
        assertArrayEquals(new long[] {100, 32, 32, 3}, data.x().shape());
        assertEquals(10, data.classNames().size());

        VggTransfer.Result r = VggTransfer.run(data, 32, null, false, 3, dir);
        assertEquals(14_714_688, r.frozenParams());
        assertEquals(0.0, r.baseChange(), "a frozen weight moved");
        assertTrue(r.headChange() > 0, "the head did not train");
        List<Double> loss = r.history().get("loss");
        assertTrue(loss.get(2) < loss.get(0), "the training loss falls: " + loss);
        assertEquals(3, r.history().get("val_accuracy").size());
        assertTrue(Files.size(r.plot()) > 1000, "vgg-transfer.png was not drawn");
        assertTrue(r.weights().equals("imagenet") || r.weights().startsWith("random"), r.weights());
    }

    @Test
    void readsAFolderWithOneSubfolderPerClassAndAWeightsFile() throws Exception {
        Path folder = dir.resolve("colours");
        Random rnd = new Random(5);
        String[] classes = {"blue", "red"};
        for (int c = 0; c < 2; c++) {
            Files.createDirectories(folder.resolve(classes[c]));
            for (int i = 0; i < 6; i++) {
                BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 40; y++) {
                    for (int x = 0; x < 40; x++) {
                        int v = 150 + rnd.nextInt(100);
                        img.setRGB(x, y, c == 0 ? v : v << 16);
                    }
                }
                ImageIO.write(img, "png", folder.resolve(classes[c]).resolve(i + ".png").toFile());
            }
        }
        // a weights file in Keras's layout, as --weights takes (here a seeded random base saved with saveWeights)
        Path weights = dir.resolve("base.weights.h5");
        VGG16.builder().includeTop(false).weights((String) null).inputShape(32, 32, 3).build().seed(9)
                .saveWeights(weights);
        QuickRun.Printed run = QuickRun.run("vgg-transfer", folder.toString(), "--weights", weights.toString(),
                "--out", dir.resolve("out").toString());
        assertTrue(run.out().contains("Found 12 files belonging to 2 classes."), run.out());
        assertTrue(run.out().contains("2 classes [blue, red], resized to 32x32"), run.out());
        assertTrue(run.out().contains("Non-trainable params: 14,714,688"), run.out());
        assertEquals("0 (frozen)", run.outcome().figures().get("base weights changed by"), run.outcome().toString());
        assertTrue(Files.isRegularFile(dir.resolve("out/vgg-transfer.png")));
        assertEquals(weights.toString(), run.outcome().figures().get("conv base weights"));
        assertTrue(!run.out().contains("is not available"), "the given file is used, the cache not consulted");
    }
}

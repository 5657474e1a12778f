package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.KerasishException;
import io.kerasish.zoo.VGG16;
import io.kerasish.zoo.WeightsCache;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 07 on a generated 50x30 picture: resized to 224x224, preprocessed, predicted, decoded into Keras's
 * "Predicted: [('n...', 'name', p), ...]" with five guesses, most probable first. With the ImageNet weights in the
 * cache that is a real classification; without them (this machine) the quick mode runs on random weights and says
 * loudly that the labels are meaningless, and a full run stops cleanly with the cache's message. Downloads are
 * switched off here (a test must not fetch 528 MB).
 */
@ExtendWith(NoDownloads.class)
class VggClassifyTest {
    @TempDir
    Path dir;

    private static boolean haveImageNetWeights() {
        return Files.isRegularFile(WeightsCache.standard().directory().resolve(VGG16.weightsFileName(true)));
    }

    /** A 50 wide, 30 high picture: a red-to-blue gradient with a green bar. */
    private Path picture() throws Exception {
        BufferedImage img = new BufferedImage(50, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 50; x++) {
                img.setRGB(x, y, ((255 - 5 * x) << 16) | ((y > 10 && y < 20 ? 200 : 0) << 8) | (5 * x));
            }
        }
        Path p = dir.resolve("picture.png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void classifiesAPictureOfAnySizeAndPrintsTheTopFive() throws Exception {
        Path out = dir.resolve("out");
        QuickRun.Printed run = QuickRun.run("vgg-classify", picture().toString(), "--out", out.toString());
        String printed = run.out();
        assertTrue(printed.contains("Total params: 138,357,544"), printed);
        assertTrue(printed.contains("50x30, resized to 224x224"), printed);

        Matcher line = Pattern.compile("Predicted: \\[(.*)]").matcher(printed);
        assertTrue(line.find(), printed);
        Matcher guess = Pattern.compile("\\('(n\\d{8})', '([^']+)', ([0-9.]+)\\)").matcher(line.group(1));
        double previous = 1;
        int n = 0;
        for (; guess.find(); n++) {
            double p = Double.parseDouble(guess.group(3));
            assertTrue(p <= previous && p >= 0, "most probable first: " + line.group());
            previous = p;
        }
        assertEquals(5, n, line.group());

        BufferedImage seen = ImageIO.read(out.resolve("input-224x224.png").toFile());
        assertEquals(224, seen.getWidth());
        assertEquals(224, seen.getHeight());
        assertTrue(run.outcome().plots().contains(out.resolve("input-224x224.png")));
        assertTrue(run.outcome().figures().get("inference time per image").endsWith(" s"), run.outcome().toString());
        if (haveImageNetWeights()) {
            assertEquals("imagenet", run.outcome().figures().get("weights"));
        } else {
            assertTrue(printed.contains("is not available") && printed.contains(VGG16.WEIGHTS_PATH), printed);
            assertTrue(printed.contains(VggClassify.RANDOM_WARNING), printed);
            assertTrue(run.outcome().notes().contains(VggClassify.RANDOM_WARNING), run.outcome().toString());
            assertTrue(run.outcome().figures().get("weights").startsWith("random"), run.outcome().toString());
        }
    }

    @Test
    void withoutTheWeightsAFullRunStopsCleanlyAndSaysWhereToPutThem() throws Exception {
        Assumptions.assumeFalse(haveImageNetWeights(), "the ImageNet weights are in the cache");
        Outcome o = VggClassify.run(Args.parse("vgg-classify", picture().toString(), "--out", dir.toString()));
        assertTrue(o.figures().get("weights").startsWith("missing"), o.toString());
        assertTrue(o.notes().stream().anyMatch(s -> s.contains("--random-weights")), o.toString());
        assertTrue(o.plots().isEmpty(), o.toString());
    }

    @Test
    void withoutAnImageItUsesTheCifarSampleOrSaysWhatToGive() {
        KerasishException e = assertThrows(KerasishException.class, () -> VggClassify.sample(List.of(dir)));
        assertTrue(e.getMessage().contains("vgg-classify path/to/photo.jpg"), e.getMessage());
        Path png = QuickRun.sharedData(VggClassify.SAMPLE);
        Path root = png.getParent().getParent().getParent().getParent();
        assertEquals(png, VggClassify.sample(List.of(dir, root)));
    }
}

package io.kerasish.utils;

import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    private static History trained() {
        double[][] x = new double[40][2];
        double[][] y = new double[40][1];
        for (int i = 0; i < 40; i++) {
            x[i][0] = i % 2;
            x[i][1] = (i / 2) % 2;
            y[i][0] = (x[i][0] + x[i][1]) % 2;
        }
        Sequential m = new Sequential().seed(1);
        m.add(new Dense(4).inputDim(2).activation("tanh"));
        m.add(new Dense(1).activation("sigmoid"));
        m.compile("adam", "binary_crossentropy", "accuracy");
        return m.fit(x, y, epochs(5), validationSplit(0.25), verbose(0));
    }

    /** Distinct colours in the image: a chart with curves, axes and a legend has many; a blank image has one. */
    private static int colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void historyDrawsOnePanelPerQuantityWithItsValidationCurve() throws Exception {
        Path png = dir.resolve("curves.png");
        Plots.history(trained(), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth()); // loss and accuracy side by side
        assertEquals(420, image.getHeight());
        assertTrue(colours(image) > 20, "the image looks blank");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void linesComparesRunsOfDifferentLengths() throws Exception {
        Path png = dir.resolve("sub/compare.png");
        Plots.lines("val_loss", "epoch", "loss", Map.of("a", List.of(3.0, 2.0, 1.5), "b", List.of(3.0, 2.5)), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(640, image.getWidth());
        assertTrue(colours(image) > 10);
    }

    @Test
    void unknownKeysAndBadFileNamesAreClearErrors() {
        History h = trained();
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Plots.history(h, dir.resolve("x.png"), "val_acc"));
        assertTrue(e.getMessage().contains("val_acc") && e.getMessage().contains("val_accuracy"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> Plots.history(h, dir.resolve("x.jpg")));
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void scatterDrawsLabelledPoints() throws Exception {
        Path png = dir.resolve("words.png");
        Plots.scatter("words", "PC 1", "PC 2", new double[] {0, 1, -0.5, 2}, new double[] {0, 0.5, 1, -1},
                List.of("alice", "queen", "king", "rabbit"), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(700, image.getHeight());
        assertTrue(Files.size(png) > 1000);
        assertTrue(colours(image) > 10, "the image looks blank");
        // the labels are drawn: the same points without them differ
        Path bare = dir.resolve("bare.png");
        Plots.scatter("words", "PC 1", "PC 2", new double[] {0, 1, -0.5, 2}, new double[] {0, 0.5, 1, -1}, null, bare);
        BufferedImage unlabelled = ImageIO.read(bare.toFile());
        int differ = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                differ += image.getRGB(x, y) != unlabelled.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(differ > 100, "labels changed only " + differ + " pixels");
    }

    @Test
    void scatterRefusesBadInputClearly() {
        Path png = dir.resolve("bad.png");
        double[] two = {1, 2};
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Plots.scatter("t", "x", "y", two, new double[] {1, 2, 3}, null, png));
        assertTrue(e.getMessage().contains("2 x values but 3 y values"), e.getMessage());
        e = assertThrows(InvalidConfigException.class,
                () -> Plots.scatter("t", "x", "y", two, two, List.of("only one"), png));
        assertTrue(e.getMessage().contains("2 points but 1 labels"), e.getMessage());
        e = assertThrows(InvalidConfigException.class,
                () -> Plots.scatter("t", "x", "y", new double[] {1, Double.NaN}, two, null, png));
        assertTrue(e.getMessage().contains("cannot place point (NaN, 2.0)"), e.getMessage());
        e = assertThrows(InvalidConfigException.class,
                () -> Plots.scatter("t", "x", "y", new double[0], new double[0], null, png));
        assertTrue(e.getMessage().contains("no points"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> Plots.scatter("t", "x", "y", two, two, null,
                dir.resolve("bad.jpg")));
        assertFalse(Files.exists(png));
    }

    @Test
    void scatterDrawsLabelledPointsOnLogarithmicAxes() throws Exception {
        Path png = dir.resolve("trials.png");
        Plots.scatter("trials", "learning rate", "units", Map.of(
                "grid", List.of(new Plots.Point(1e-4, 16, "0.61"), new Plots.Point(1e-2, 256, "0.85")),
                "random", List.of(new Plots.Point(3e-3, 40, null))), png, true, true);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertTrue(colours(image) > 10, "the image looks blank");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Plots.scatter("t", "x", "y",
                Map.of("a", List.of(new Plots.Point(0, 1, null))), dir.resolve("bad.png"), true, false));
        assertTrue(e.getMessage().contains("logarithmic"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad.png")));
    }

    @Test
    void theLegendGoesWhereTheCurvesDoNotEnd() {
        // accuracies rise to the upper right: the legend goes to the lower right; falling losses: upper right
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.InsideSE, Plots.legendPosition(Map.of(
                "a", List.of(0.5, 0.8, 0.9), "b", List.of(0.4, 0.85))));
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.InsideNE, Plots.legendPosition(Map.of(
                "loss", List.of(2.0, 1.0, 0.5), "val_loss", List.of(2.1, 1.2, 0.9))));
    }
}

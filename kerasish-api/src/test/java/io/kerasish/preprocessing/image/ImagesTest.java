package io.kerasish.preprocessing.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidFileException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** load_img / img_to_array: RGB order, channels-last layout, nearest-neighbour resizing, grey and alpha images. */
class ImagesTest {
    @TempDir
    Path dir;

    /** A 4x2 (width x height) image whose pixel (x, y) has R = 10x + y, G = 100 + y, B = 200 + x. */
    private Path colourPng() throws Exception {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, (0x80 << 24) | ((10 * x + y) << 16) | ((100 + y) << 8) | (200 + x));
            }
        }
        Path p = dir.resolve("c.png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void pixelsAreRgbChannelsLastRowMajor() throws Exception {
        INDArray a = Images.imgToArray(Images.loadImg(colourPng()));
        assertArrayEquals(new long[] {2, 4, 3}, a.shape());
        assertEquals(31f, a.getFloat(1, 3, 0)); // R of x=3, y=1
        assertEquals(101f, a.getFloat(1, 3, 1));
        assertEquals(203f, a.getFloat(1, 3, 2));
        assertEquals(20f, a.getFloat(0, 2, 0));
    }

    @Test
    void nearestNeighbourResizePicksThePixelUnderEachCentre() throws Exception {
        // 4 wide -> 2 wide: centres 0.5*2=1.0 and 1.5*2=3.0 -> source columns 1 and 3; 2 high -> 4 high: rows 0,0,1,1
        INDArray a = Images.imgToArray(Images.loadImg(colourPng(), 4, 2));
        assertArrayEquals(new long[] {4, 2, 3}, a.shape());
        float[] reds = new float[8];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 2; x++) {
                reds[y * 2 + x] = a.getFloat(y, x, 0);
            }
        }
        assertArrayEquals(new float[] {10, 30, 10, 30, 11, 31, 11, 31}, reds);
    }

    @Test
    void greyImagesKeepTheirLevelsInAllThreeChannels() throws Exception {
        BufferedImage g = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 77, 200};
        for (int x = 0; x < 3; x++) {
            g.getRaster().setSample(x, 0, 0, levels[x]);
        }
        Path p = dir.resolve("g.png");
        ImageIO.write(g, "png", p.toFile());
        INDArray a = Images.imgToArray(Images.loadImg(p));
        for (int x = 0; x < 3; x++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(levels[x], a.getFloat(0, x, c), "pixel " + x + " channel " + c);
            }
        }
    }

    @Test
    void batchOfFilesAndErrorsNameTheFile() throws Exception {
        Path c = colourPng();
        INDArray b = Images.loadImages(List.of(c, c), 2, 4);
        assertArrayEquals(new long[] {2, 2, 4, 3}, b.shape());
        assertEquals(31f, b.getFloat(1, 1, 3, 0));
        Path bad = dir.resolve("notes.txt");
        Files.writeString(bad, "not an image");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Images.loadImg(bad));
        assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("PNG"), e.getMessage());
        e = assertThrows(InvalidFileException.class, () -> Images.loadImg(dir.resolve("missing.png")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}

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

    /** A width x height PNG (or other format) filled with one colour. */
    private static void solid(Path file, int width, int height, int rgb, String format) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, format, file.toFile());
    }

    @Test
    void fromDirectoryReadsOneSubfolderPerClassInSortedOrder() throws Exception {
        Path root = dir.resolve("pets");
        // red value = class id * 100 + index, so each image says where it came from
        solid(root.resolve("dogs/b.png"), 8, 6, (101 << 16), "png");
        solid(root.resolve("dogs/a.PNG"), 5, 5, (100 << 16), "png");
        solid(root.resolve("cats/z.png"), 3, 7, (1 << 16), "png");
        solid(root.resolve("cats/nested/y.jpg"), 4, 4, (0 << 16), "jpg");
        Files.writeString(root.resolve("cats/notes.txt"), "not an image");
        Files.writeString(root.resolve("README"), "a file beside the class folders");
        Files.createDirectories(root.resolve("emu")); // a class with no images still counts, as in Keras

        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true));
        Images.Directory d;
        try {
            d = Images.fromDirectory(root, 2, 3);
        } finally {
            System.setOut(old);
        }
        assertEquals("Found 4 files belonging to 3 classes.", printed.toString().strip());
        assertEquals(List.of("cats", "dogs", "emu"), d.classNames());
        assertArrayEquals(new long[] {4, 2, 3, 3}, d.x().shape());
        assertArrayEquals(new int[] {0, 0, 1, 1}, d.y().toIntVector());
        assertEquals(List.of(root.resolve("cats/nested/y.jpg"), root.resolve("cats/z.png"), root.resolve("dogs/a.PNG"),
                root.resolve("dogs/b.png")), d.files());
        assertEquals(1f, d.x().getFloat(1, 1, 2, 0)); // cats/z.png, lossless
        assertEquals(100f, d.x().getFloat(2, 0, 0, 0));
        assertEquals(101f, d.x().getFloat(3, 1, 2, 0));
        assertEquals(0f, d.x().getFloat(3, 0, 0, 1));

        Images.Directory s = d.shuffled(3);
        assertEquals(d.classNames(), s.classNames());
        assertTrue(!s.files().equals(d.files()) || !d.shuffled(4).files().equals(d.files()), "shuffling changes order");
        assertEquals(d.shuffled(3).files(), s.files(), "the same seed gives the same order");
        for (int i = 0; i < 4; i++) {
            int from = d.files().indexOf(s.files().get(i));
            assertEquals(d.y().getInt(from), s.y().getInt(i), "label travels with its image");
            assertEquals(d.x().getFloat(from, 1, 2, 0), s.x().getFloat(i, 1, 2, 0), "pixels travel with their file");
        }
    }

    @Test
    void fromDirectorySaysWhatLayoutItExpects() throws Exception {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> Images.fromDirectory(dir.resolve("absent"), 4, 4));
        assertTrue(e.getMessage().contains("subfolder of images per class"), e.getMessage());
        solid(dir.resolve("flat/1.png"), 2, 2, 0, "png");
        e = assertThrows(InvalidFileException.class, () -> Images.fromDirectory(dir.resolve("flat"), 4, 4));
        assertTrue(e.getMessage().contains("has no subfolders"), e.getMessage());
        Files.createDirectories(dir.resolve("empty/a"));
        Files.writeString(dir.resolve("empty/a/x.txt"), "text");
        e = assertThrows(InvalidFileException.class, () -> Images.fromDirectory(dir.resolve("empty"), 4, 4));
        assertTrue(e.getMessage().contains("no images") && e.getMessage().contains(".png"), e.getMessage());
    }
}

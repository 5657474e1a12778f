package io.kerasish.datasets;

import io.kerasish.InvalidDataException;
import io.kerasish.InvalidFileException;
import io.kerasish.KerasishException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code cifar10.load_data()}: 50,000 training and 10,000 test colour images of 32x32 pixels in 10 classes,
 * as UINT8 {@code (N, 32, 32, 3)} (channels last, Keras's default) with UINT8 labels {@code (N, 1)}.
 *
 * <p>kerasish reads the binary version ({@code cifar-10-batches-bin}: {@code data_batch_1.bin} to
 * {@code data_batch_5.bin} and {@code test_batch.bin}, each record a label byte then 1024 red, 1024 green and 1024
 * blue bytes), not Keras's pickled Python version. {@link #loadData()} looks in {@code $KERASISH_DATA/cifar10/} and
 * the cache ({@code ~/.kerasish/datasets/cifar10/}), in each for the files themselves or a
 * {@code cifar-10-batches-bin} folder; when missing it downloads the authors' archive ({@link #URL}, 162 MB, MD5
 * checked) into the cache and extracts the six files.
 *
 * <p>{@link #loadFolder(Path, Path)} reads a folder of images with a labels CSV instead, such as the Kaggle
 * competition's {@code train/} and {@code trainLabels.csv}.
 */
public final class Cifar10 {
    /** The authors' binary version. */
    public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** Its MD5, as the CIFAR page publishes it. */
    public static final String MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /** The folder the archive holds the files in. */
    public static final String DIR = "cifar-10-batches-bin";
    /** The training batches then the test batch. */
    public static final List<String> FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");
    /** Class names by id, Keras's (and the dataset's) order. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    static final String NAME = "cifar10";
    private static final int PIXELS = 32 * 32;
    private static final int RECORD = 1 + 3 * PIXELS;

    private Cifar10() {
    }

    /** Images and labels for training and testing, from the library locations, downloaded when missing. */
    public static ImageData loadData() {
        for (Path dir : Datasets.searchPath(NAME)) {
            for (Path d : List.of(dir, dir.resolve(DIR))) {
                if (FILES.stream().allMatch(f -> Files.isRegularFile(d.resolve(f)))) {
                    return loadData(d);
                }
            }
        }
        Path archive = Datasets.fetch(NAME, "cifar-10-binary.tar.gz", new Datasets.Remote(URL, MD5));
        Path out = Datasets.cacheDir(NAME).resolve(DIR);
        System.out.println("Extracting " + archive + " to " + out);
        TarGz.extract(archive, Set.copyOf(FILES), out);
        return loadData(out);
    }

    /**
     * The six binary batches in this folder.
     *
     * @throws KerasishException naming the missing files
     * @throws InvalidFileException when a batch is not whole records or has a label above 9
     */
    public static ImageData loadData(Path dir) {
        List<String> missing = FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new KerasishException("CIFAR-10 folder " + dir.toAbsolutePath() + " lacks " + missing + ". Extract "
                    + DIR + " from " + URL + " (the binary version) there.");
        }
        INDArray[] train = read(FILES.subList(0, 5).stream().map(dir::resolve).toList());
        INDArray[] test = read(List.of(dir.resolve(FILES.get(5))));
        return new ImageData(train[0], train[1], test[0], test[1]);
    }

    private static INDArray[] read(List<Path> files) {
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            byte[] b;
            try {
                b = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new InvalidFileException(f, "cannot be read: " + e, e);
            }
            if (b.length == 0 || b.length % RECORD != 0) {
                throw new InvalidFileException(f, b.length + " bytes is not a whole number of CIFAR-10 records ("
                        + RECORD + " bytes: a label, then 32x32 red, green, blue); is it the binary version?");
            }
            contents.add(b);
            total += b.length / RECORD;
        }
        byte[] x = new byte[Math.toIntExact(total * 3 * PIXELS)];
        byte[] y = new byte[(int) total];
        int n = 0;
        for (int k = 0; k < contents.size(); k++) {
            byte[] b = contents.get(k);
            for (int r = 0; r < b.length / RECORD; r++, n++) {
                int at = r * RECORD;
                if ((b[at] & 0xff) > 9) {
                    throw new InvalidFileException(files.get(k), "record " + r + " has label " + (b[at] & 0xff)
                            + "; CIFAR-10 labels are 0-9");
                }
                y[n] = b[at];
                int base = n * 3 * PIXELS;
                for (int p = 0; p < PIXELS; p++) { // channels-first in the file, channels-last out
                    for (int c = 0; c < 3; c++) {
                        x[base + 3 * p + c] = b[at + 1 + c * PIXELS + p];
                    }
                }
            }
        }
        return new INDArray[] {ImageData.uint8(x, total, 32, 32, 3), ImageData.uint8(y, total, 1)};
    }

    /** Images with their labels, in the CSV's order: x UINT8 {@code (N, H, W, 3)}, y UINT8 class ids {@code (N, 1)}. */
    public record Labeled(INDArray x, INDArray y, List<String> files) {
    }

    /**
     * The images of {@code dir} named in {@code labelsCsv}, whose lines are {@code file,class name} (Kaggle's
     * {@code 1.png,frog}; a name without an extension gets {@code .png}; a header line {@code id,label} is skipped).
     * Classes are Keras's names ({@link #CLASS_NAMES}), so ids match {@link #loadData()}'s. Images are read with
     * {@code javax.imageio} (PNG, JPEG, BMP, GIF) as RGB; all must have one size.
     *
     * @throws InvalidDataException for a malformed line or an unknown class name, with its line number
     * @throws InvalidFileException for a missing or unreadable image, or one of another size
     */
    public static Labeled loadFolder(Path dir, Path labelsCsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(labelsCsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KerasishException("Cannot read the labels file " + labelsCsv.toAbsolutePath() + ": " + e, e);
        }
        List<String> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.equalsIgnoreCase("id,label"))) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 2 || f[0].isBlank()) {
                throw new InvalidDataException(labelsCsv + " line " + (i + 1) + ": expected 'file,class' (e.g. "
                        + "1.png,frog), got \"" + line + "\"");
            }
            int id = CLASS_NAMES.indexOf(f[1].strip());
            if (id < 0) {
                throw new InvalidDataException(labelsCsv + " line " + (i + 1) + ": unknown class \"" + f[1].strip()
                        + "\"; CIFAR-10's are " + CLASS_NAMES);
            }
            String name = f[0].strip();
            files.add(name.contains(".") ? name : name + ".png");
            labels.add(id);
        }
        if (files.isEmpty()) {
            throw new InvalidDataException(labelsCsv + " names no images");
        }
        int h = -1;
        int w = -1;
        byte[] x = null;
        for (int n = 0; n < files.size(); n++) {
            Path f = dir.resolve(files.get(n));
            BufferedImage img;
            try {
                img = Files.isRegularFile(f) ? ImageIO.read(f.toFile()) : null;
            } catch (IOException e) {
                throw new InvalidFileException(f, "is not a readable image: " + e, e);
            }
            if (img == null) {
                throw new InvalidFileException(f, Files.isRegularFile(f) ? "is not an image javax.imageio reads"
                        : "not found (named in " + labelsCsv + ")");
            }
            if (x == null) {
                h = img.getHeight();
                w = img.getWidth();
                x = new byte[Math.toIntExact((long) files.size() * h * w * 3)];
            } else if (img.getHeight() != h || img.getWidth() != w) {
                throw new InvalidFileException(f, "is " + img.getWidth() + "x" + img.getHeight() + ", the first image "
                        + w + "x" + h + "; all images must have one size");
            }
            int at = n * h * w * 3;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int rgb = img.getRGB(c, r);
                    x[at++] = (byte) (rgb >> 16);
                    x[at++] = (byte) (rgb >> 8);
                    x[at++] = (byte) rgb;
                }
            }
        }
        byte[] y = new byte[labels.size()];
        for (int n = 0; n < y.length; n++) {
            y[n] = labels.get(n).byteValue();
        }
        return new Labeled(ImageData.uint8(x, files.size(), h, w, 3), ImageData.uint8(y, y.length, 1), List.copyOf(files));
    }
}

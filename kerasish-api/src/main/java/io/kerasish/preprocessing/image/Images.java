package io.kerasish.preprocessing.image;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code keras.utils.load_img} and {@code img_to_array}: read an image file (PNG, JPEG, BMP, GIF: what
 * {@code javax.imageio} reads) as RGB, optionally resized with nearest-neighbour interpolation (Keras's default),
 * and turn it into a channels-last float array of pixel values in [0, 255].
 *
 * <pre>{@code
 * BufferedImage img = Images.loadImg(Path.of("elephant.jpg"), 224, 224);
 * INDArray x = Images.imgToArray(img).reshape(1, 224, 224, 3);   // np.expand_dims(x, axis=0)
 * Images.Directory d = Images.fromDirectory(Path.of("flowers"), 64, 64).shuffled(42);  // flowers/roses/*.jpg, ...
 * }</pre>
 */
public final class Images {
    private Images() {
    }

    /** The image as RGB at its own size (grey images get three equal channels, alpha is dropped). */
    public static BufferedImage loadImg(Path path) {
        BufferedImage img;
        try {
            img = Files.isRegularFile(path) ? ImageIO.read(path.toFile()) : null;
        } catch (IOException e) {
            throw new InvalidFileException(path, "cannot be read as an image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new InvalidFileException(path, Files.isRegularFile(path)
                    ? "is not an image format this JVM reads (PNG, JPEG, BMP, GIF, WBMP)"
                    : "does not exist");
        }
        return toRgb(img);
    }

    /**
     * Keras's {@code load_img(path, target_size=(height, width))}: resized with nearest-neighbour interpolation, as
     * PIL's NEAREST picks source pixels (the one under each target pixel's centre).
     */
    public static BufferedImage loadImg(Path path, int height, int width) {
        return resizeNearest(loadImg(path), height, width);
    }

    /** Nearest-neighbour resize to height x width. */
    public static BufferedImage resizeNearest(BufferedImage img, int height, int width) {
        if (height < 1 || width < 1) {
            throw new InvalidConfigException("target size must be at least 1x1, got " + height + "x" + width);
        }
        BufferedImage rgb = toRgb(img);
        if (rgb.getHeight() == height && rgb.getWidth() == width) {
            return rgb;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            int sy = source(y, rgb.getHeight(), height);
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, rgb.getRGB(source(x, rgb.getWidth(), width), sy));
            }
        }
        return out;
    }

    private static int source(int target, int srcSize, int dstSize) {
        return Math.min(srcSize - 1, (int) Math.floor((target + 0.5) * srcSize / dstSize));
    }

    /** Keras's {@code img_to_array}: float32 of shape (height, width, 3), RGB, values 0..255. */
    public static INDArray imgToArray(BufferedImage img) {
        BufferedImage rgb = toRgb(img);
        int h = rgb.getHeight();
        int w = rgb.getWidth();
        float[] v = new float[h * w * 3];
        write(rgb, v, 0);
        return Nd4j.create(v, new long[] {h, w, 3}, 'c');
    }

    /** Several files as one batch (N, height, width, 3), each resized as {@link #loadImg(Path, int, int)}. */
    public static INDArray loadImages(List<Path> paths, int height, int width) {
        float[] v = new float[paths.size() * height * width * 3];
        for (int i = 0; i < paths.size(); i++) {
            write(loadImg(paths.get(i), height, width), v, i * height * width * 3);
        }
        return Nd4j.create(v, new long[] {paths.size(), height, width, 3}, 'c');
    }

    /** The file extensions Keras's {@code image_dataset_from_directory} reads (its ALLOWLIST_FORMATS). */
    public static final List<String> DIRECTORY_FORMATS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");

    /**
     * The images of a {@link #fromDirectory} folder: {@code x} float32 {@code (N, height, width, 3)}, RGB values
     * 0..255, channels last; {@code y} the class ids int32 {@code (N,)} (Keras's {@code label_mode="int"}), indexes
     * into {@code classNames}; {@code files} the file of each image.
     */
    public record Directory(INDArray x, INDArray y, List<String> classNames, List<Path> files) {
        public Directory {
            classNames = List.copyOf(classNames);
            files = List.copyOf(files);
        }

        /**
         * The same images and labels in an order shuffled with {@code seed} (java.util.Random, so not numpy's order
         * for the same seed). Shuffle before {@code validationSplit}: it takes the last examples, which in folder
         * order are all of the last classes.
         */
        public Directory shuffled(long seed) {
            if (files.isEmpty()) {
                return this;
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed));
            float[] pixels = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int[] ids = y.castTo(DataType.INT32).dup('c').data().asInt();
            int size = pixels.length / ids.length;
            float[] px = new float[pixels.length];
            int[] py = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                System.arraycopy(pixels, order.get(i) * size, px, i * size, size);
                py[i] = ids[order.get(i)];
            }
            return new Directory(Nd4j.create(px, x.shape(), 'c'), Nd4j.createFromArray(py),
                    classNames, order.stream().map(files::get).toList());
        }
    }

    /**
     * Keras's {@code image_dataset_from_directory(dir, labels="inferred", label_mode="int", image_size=(height,
     * width), shuffle=False)}, read into memory at once: each subfolder of {@code dir} is a class (class names are
     * the subfolder names, sorted), and every {@code .bmp .gif .jpeg .jpg .png} file under it (in sorted order,
     * subfolders included) is an image of that class; other files are ignored. Prints Keras's "Found N files
     * belonging to K classes." Images are resized as {@link #loadImg(Path, int, int)} does, with nearest-neighbour
     * interpolation (Keras's {@code load_img} default; {@code image_dataset_from_directory} defaults to bilinear).
     * The result is in folder order, class by class: use {@link Directory#shuffled(long)} before a validation split.
     *
     * @throws InvalidFileException when {@code dir} is not a folder, has no class subfolders or no images in them,
     *         or an image cannot be read
     */
    public static Directory fromDirectory(Path dir, int height, int width) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidFileException(dir, "is not a folder; expected one subfolder of images per class, as "
                    + "image_dataset_from_directory reads (e.g. " + dir + "/cats/1.jpg, " + dir + "/dogs/1.jpg)");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new InvalidFileException(dir, "cannot be listed: " + e.getMessage(), e);
        }
        if (classDirs.isEmpty()) {
            throw new InvalidFileException(dir, "has no subfolders; expected one subfolder of images per class (e.g. "
                    + dir + "/cats/1.jpg, " + dir + "/dogs/1.jpg)");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path c : classDirs) {
            int id = classNames.size();
            classNames.add(c.getFileName().toString());
            try (Stream<Path> s = Files.walk(c)) {
                s.filter(Files::isRegularFile).filter(Images::isImageFile).sorted().forEach(f -> {
                    files.add(f);
                    labels.add(id);
                });
            } catch (IOException e) {
                throw new InvalidFileException(c, "cannot be listed: " + e.getMessage(), e);
            }
        }
        if (files.isEmpty()) {
            throw new InvalidFileException(dir, "has no images in its subfolders " + classNames + ". Allowed formats: "
                    + DIRECTORY_FORMATS);
        }
        System.out.printf("Found %d files belonging to %d classes.%n", files.size(), classNames.size());
        INDArray y = Nd4j.createFromArray(labels.stream().mapToInt(Integer::intValue).toArray()).castTo(DataType.INT32);
        return new Directory(loadImages(files, height, width), y, classNames, files);
    }

    private static boolean isImageFile(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return DIRECTORY_FORMATS.stream().anyMatch(name::endsWith);
    }

    private static void write(BufferedImage rgb, float[] v, int offset) {
        int k = offset;
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                v[k++] = (p >> 16) & 0xff;
                v[k++] = (p >> 8) & 0xff;
                v[k++] = p & 0xff;
            }
        }
    }

    private static BufferedImage toRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        if (img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) {
            // the raw grey level in all three channels, as PIL's convert("RGB"); getRGB would apply a gamma curve
            int shift = img.getColorModel().getComponentSize(0) - 8;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int g = img.getRaster().getSample(x, y, 0) >> Math.max(0, shift);
                    out.setRGB(x, y, (g << 16) | (g << 8) | g);
                }
            }
            return out;
        }
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out.setRGB(x, y, img.getRGB(x, y) & 0xffffff); // alpha dropped, as PIL's convert("RGB")
            }
        }
        return out;
    }
}

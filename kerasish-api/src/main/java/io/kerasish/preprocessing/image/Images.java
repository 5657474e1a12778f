package io.kerasish.preprocessing.image;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
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

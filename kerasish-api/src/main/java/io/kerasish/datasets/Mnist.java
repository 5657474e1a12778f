package io.kerasish.datasets;

import io.kerasish.FileUnavailableException;
import io.kerasish.InvalidFileException;
import io.kerasish.KerasishException;
import io.kerasish.io.npy.NpyArray;
import io.kerasish.io.npy.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keras's {@code mnist.load_data()}: 60,000 training and 10,000 test images of handwritten digits, UINT8
 * {@code (N, 28, 28)} grey levels, labels UINT8 {@code (N,)} 0-9.
 *
 * <p>{@link #loadData()} looks in {@code $KERASISH_DATA/mnist/}, then the cache ({@code ~/.kerasish/datasets/mnist/}),
 * for Keras's {@code mnist.npz} or for the four IDX files of LeCun's distribution ({@link #FILES}, each gzipped or
 * not), and downloads Keras's {@code mnist.npz} ({@link #URL}, SHA-256 checked) when neither is complete. A folder
 * with only some IDX files (the project's shared MNIST folder has the test set and the training labels, not the
 * training images) is reported by name when the download fails too.
 */
public final class Mnist {
    /** Where Keras downloads MNIST from. */
    public static final String URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz";
    /** Keras's SHA-256 of {@link #URL}'s file. */
    public static final String SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1";
    /** Keras's file name. */
    public static final String NPZ = "mnist.npz";
    /** The IDX files, in the order of {@link ImageData}'s fields; each may also be gzipped ({@code .gz}). */
    public static final List<String> FILES = FashionMnist.FILES;
    static final String NAME = "mnist";

    private Mnist() {
    }

    /** The data from the library locations, downloaded when missing. */
    public static ImageData loadData() {
        List<String> partial = new ArrayList<>();
        for (Path dir : Datasets.searchPath(NAME)) {
            if (Files.isRegularFile(dir.resolve(NPZ))) {
                return loadData(dir.resolve(NPZ));
            }
            List<String> present = FILES.stream().filter(f -> Files.isRegularFile(Datasets.file(dir, f))).toList();
            if (present.size() == FILES.size()) {
                return loadData(dir);
            }
            if (!present.isEmpty()) {
                partial.add(dir + " has " + present + " but not " + missing(present));
            }
        }
        try {
            return loadData(Datasets.fetch(NAME, NPZ, new Datasets.Remote(URL, SHA256)));
        } catch (InvalidFileException e) {
            throw e;
        } catch (FileUnavailableException e) {
            if (partial.isEmpty()) {
                throw e;
            }
            throw new FileUnavailableException(e.getMessage() + " Or complete the IDX files: " + String.join("; ", partial)
                    + " (MNIST needs all four; the shared MNIST folder holds only the test set).", e);
        }
    }

    /**
     * Keras's {@code mnist.npz} (keys x_train, y_train, x_test, y_test), or a folder holding the four IDX files.
     *
     * @throws KerasishException naming the IDX files a folder lacks
     * @throws InvalidFileException when a file is not what MNIST's should be
     */
    public static ImageData loadData(Path fileOrDir) {
        if (Files.isDirectory(fileOrDir)) {
            List<String> present = FILES.stream().filter(f -> Files.isRegularFile(Datasets.file(fileOrDir, f))).toList();
            if (present.size() != FILES.size()) {
                throw new KerasishException("MNIST folder " + fileOrDir.toAbsolutePath() + " lacks " + missing(present)
                        + " (gzipped or not)" + (present.isEmpty() ? "" : "; it has only " + present)
                        + ". Put the missing files there, or Keras's mnist.npz (" + URL + ") and pass its path.");
            }
            return new ImageData(Idx.read(Datasets.file(fileOrDir, FILES.get(0))),
                    Idx.read(Datasets.file(fileOrDir, FILES.get(1))), Idx.read(Datasets.file(fileOrDir, FILES.get(2))),
                    Idx.read(Datasets.file(fileOrDir, FILES.get(3))));
        }
        Npz npz = Npz.read(fileOrDir);
        return new ImageData(images(npz, "x_train", fileOrDir), labels(npz, "y_train", fileOrDir),
                images(npz, "x_test", fileOrDir), labels(npz, "y_test", fileOrDir));
    }

    private static List<String> missing(List<String> present) {
        return FILES.stream().filter(f -> !present.contains(f)).toList();
    }

    private static org.nd4j.linalg.api.ndarray.INDArray images(Npz npz, String key, Path file) {
        NpyArray a = npz.get(key);
        if (!a.dtype().equals("|u1") || a.shape().length != 3) {
            throw new InvalidFileException(file, "'" + key + "' should be uint8 images (N, 28, 28), is " + a.dtype()
                    + " " + Arrays.toString(a.shape()));
        }
        return ImageData.uint8(a.toByteArray(), a.shape());
    }

    private static org.nd4j.linalg.api.ndarray.INDArray labels(Npz npz, String key, Path file) {
        NpyArray a = npz.get(key);
        if (!a.dtype().equals("|u1") || a.shape().length != 1) {
            throw new InvalidFileException(file, "'" + key + "' should be uint8 labels (N,), is " + a.dtype() + " "
                    + Arrays.toString(a.shape()));
        }
        return ImageData.uint8(a.toByteArray(), a.shape());
    }
}

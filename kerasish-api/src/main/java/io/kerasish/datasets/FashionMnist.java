package io.kerasish.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code fashion_mnist.load_data()}: 60,000 training and 10,000 test images of clothing, 28x28 grey
 * levels, 10 classes. The four IDX files (gzipped or not) are read from {@code $KERASISH_DATA/fashion-mnist/}, the
 * cache, or Debian's {@code dataset-fashion-mnist} package (/usr/share/datasets/fashion-mnist); when no folder has
 * all four, the gzipped files are downloaded from Keras's address into the cache and checked against Keras's
 * SHA-256s.
 */
public final class FashionMnist {
    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** Keras's base address and the SHA-256 of each gzipped file (keras/src/datasets/fashion_mnist.py). */
    public static final String BASE_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";
    static final Map<String, String> SHA256 = Map.of(
            "train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
            "t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073");
    private static final String NAME = "fashion-mnist";
    private static final String DEBIAN = "/usr/share/datasets/fashion-mnist";

    /** Class names by id, as in Keras's documentation. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    public static ImageData loadData() {
        for (Path dir : Datasets.searchPath(NAME, DEBIAN)) {
            if (FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f))
                    || Files.isRegularFile(dir.resolve(f + ".gz")))) {
                return read(FILES.stream().map(f -> Datasets.file(dir, f)).toList());
            }
        }
        // none complete: fetch each gzipped file (a local copy found first is used as it is)
        return read(FILES.stream().map(f -> Datasets.fetch(NAME, f + ".gz",
                new Datasets.Remote(BASE_URL + f + ".gz", SHA256.get(f + ".gz")), DEBIAN)).toList());
    }

    private static ImageData read(List<Path> files) {
        return new ImageData(Idx.read(files.get(0)), Idx.read(files.get(1)), Idx.read(files.get(2)),
                Idx.read(files.get(3)));
    }
}

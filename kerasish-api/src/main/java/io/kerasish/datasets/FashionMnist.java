package io.kerasish.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * Keras's {@code fashion_mnist.load_data()}: 60,000 training and 10,000 test images of clothing, 28x28 grey
 * levels, 10 classes. Files are read from {@code KERASISH_DATA}, the cache, or Debian's
 * {@code dataset-fashion-mnist} package (/usr/share/datasets/fashion-mnist).
 */
public final class FashionMnist {
    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** Class names by id, as in Keras's documentation. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    public static ImageData loadData() {
        Path dir = Datasets.locate("fashion-mnist", FILES,
                "On Debian/Ubuntu: apt-get install dataset-fashion-mnist.", "/usr/share/datasets/fashion-mnist");
        return new ImageData(Idx.read(Datasets.file(dir, FILES.get(0))), Idx.read(Datasets.file(dir, FILES.get(1))),
                Idx.read(Datasets.file(dir, FILES.get(2))), Idx.read(Datasets.file(dir, FILES.get(3))));
    }
}

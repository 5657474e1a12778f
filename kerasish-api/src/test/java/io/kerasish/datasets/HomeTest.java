package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * One folder for downloads, as KERAS_HOME: the property wins, datasets live in its datasets folder, and
 * {@code Datasets.find} finds files beside a dataset there.
 */
class HomeTest {
    @Test
    void findLooksInTheDatasetsFolders(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        String old = System.getProperty("kerasish.home");
        try {
            System.setProperty("kerasish.home", home.toString());
            Path file = home.resolve("datasets/imdb/subset/imdb.npz");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, "x");
            assertEquals(file, Datasets.find("imdb", "subset/imdb.npz"));
            assertEquals(null, Datasets.find("imdb", "subset/other.npz"));
            assertEquals(null, Datasets.find("imdb", "subset")); // a folder is not a file
        } finally {
            if (old == null) {
                System.clearProperty("kerasish.home");
            } else {
                System.setProperty("kerasish.home", old);
            }
        }
    }

    @Test
    void thePropertyChoosesTheFolderForDatasets() {
        String old = System.getProperty("kerasish.home");
        try {
            System.setProperty("kerasish.home", "/tmp/kh");
            assertEquals(Path.of("/tmp/kh"), Datasets.home());
            assertEquals(Path.of("/tmp/kh/datasets/mnist"), Datasets.cacheDir("mnist"));
        } finally {
            if (old == null) {
                System.clearProperty("kerasish.home");
            } else {
                System.setProperty("kerasish.home", old);
            }
        }
    }
}

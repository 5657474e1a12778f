package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One folder for downloads, as KERAS_HOME: the property wins, datasets live in its datasets folder. */
class HomeTest {
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

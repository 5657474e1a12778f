package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FashionMnistTest {
    @Test
    void everyFileHasKerasAddressAndChecksum() {
        for (String f : FashionMnist.FILES) {
            String hash = FashionMnist.SHA256.get(f + ".gz");
            assertTrue(hash != null && hash.matches("[0-9a-f]{64}"), f);
            new Datasets.Remote(FashionMnist.BASE_URL + f + ".gz", hash); // well-formed
        }
    }

    @Test
    void loadsTheDebianPackageInKerasLayout() {
        if (!Files.isRegularFile(Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"))) {
            System.out.println("skipped: Debian's dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)");
            Assumptions.assumeTrue(false);
        }
        ImageData d = FashionMnist.loadData();
        assertArrayEquals(new long[] {60000, 28, 28}, d.xTrain().shape());
        assertArrayEquals(new long[] {10000, 28, 28}, d.xTest().shape());
        assertEquals(60000, d.yTrain().length());
        assertEquals(9.0, d.yTest().maxNumber().doubleValue());
        assertEquals(0.0, d.yTest().minNumber().doubleValue());
    }
}

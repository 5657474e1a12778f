package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.datasets.TextFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 10 in its quick setting (the first 40,000 characters of the shared Alice, 300 words, 5 epochs): the
 * skip-gram model learns (its loss falls below the uniform guess), the embedding matrix has one vector per word,
 * neighbours are printed and both pictures are drawn. Skipped, saying so, without ../shared/datasets/alice.
 */
class WordEmbeddingsTest {
    @Test
    void learnsWordVectorsAndDrawsThem(@TempDir Path out) throws Exception {
        String alice = TextFiles.alice(QuickRun.sharedData("alice/wonderland.txt"));
        WordEmbeddings.Result r = WordEmbeddings.run(alice.substring(0, 40_000), "Alice (quick)", 300, 5, out);
        assertEquals(300, r.vocabulary());
        assertArrayEquals(new long[] {300, WordEmbeddings.DIM}, r.vectors().shape());
        List<Double> loss = r.loss();
        assertTrue(loss.get(4) < loss.get(0), "the loss does not fall: " + loss);
        assertTrue(loss.get(4) < Math.log(299) - 0.5, "no better than a uniform guess: " + loss);
        List<String> near = r.neighbours().get("alice");
        assertEquals(6, near.size(), r.neighbours().toString());
        assertFalse(near.contains("alice"), "a word is not its own neighbour: " + near);
        assertTrue(Files.size(r.wordsPlot()) > 1000 && Files.size(r.lossPlot()) > 1000);
    }

    @Test
    void pcaFindsTheDirectionsOfLargestVariance() {
        // points spread 3 times more along (1, 1, 0, 0)/sqrt(2) than along (0, 0, 1, 0), plus an offset
        double[][] points = new double[20][];
        for (int i = 0; i < points.length; i++) {
            double a = (i % 5) - 2;
            double b = (i / 5) - 1.5;
            double s = 3 * a / Math.sqrt(2);
            points[i] = new double[] {5 + s, -2 + s, 7 + b, 1};
        }
        double[][] xy = WordEmbeddings.pca2(points);
        double sign1 = Math.signum(xy[0][0] / -6.0); // a component's sign is arbitrary; point 0 has a=-2, b=-1.5
        double sign2 = Math.signum(xy[1][0] / -1.5);
        for (int i = 0; i < points.length; i++) {
            assertEquals(3.0 * ((i % 5) - 2), sign1 * xy[0][i], 1e-6, "component 1 of point " + i);
            assertEquals((i / 5) - 1.5, sign2 * xy[1][i], 1e-6, "component 2 of point " + i);
        }
    }
}

package io.kerasish.zoo;

import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidDataException;
import io.kerasish.InvalidFileException;
import io.kerasish.datasets.Imdb;
import io.kerasish.layers.Embedding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImdbSentiment: Keras's IMDB encoding of raw text, learning a small synthetic sentiment task through the masked
 * Embedding + LSTM, save/load with its words, and the encoding checked against the real IMDB subset when present.
 */
class ImdbSentimentTest {
    private static final Path IMDB = Path.of("../../shared/datasets/imdb");

    /** A made-up word index: "good" words have ranks 7-11 (ids 10-14), "bad" words 12-16 (ids 15-19). */
    private static Map<String, Integer> toyIndex() {
        Map<String, Integer> m = new HashMap<>();
        String[] words = {"the", "a", "movie", "film", "was", "it", "good", "great", "fine", "superb", "lovely",
            "bad", "awful", "boring", "dull", "poor", "rare"};
        for (int i = 0; i < words.length; i++) {
            m.put(words[i], i + 1);
        }
        return m;
    }

    @Test
    void rawTextIsEncodedAsKerasImdb() {
        ImdbSentiment s = new ImdbSentiment(19, 10).wordIndex(toyIndex());
        // start 1; the -> rank 1 + 3 = 4; "movie" 6; "superb" 13; "rare" rank 17 -> id 20 >= 19 -> oov 2; unknown -> 2
        assertArrayEquals(new int[] {1, 4, 6, 13, 2, 2}, s.encode("The MOVIE, superb!! rare zebra"));
        assertArrayEquals(new int[] {1}, s.encode("...?"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ImdbSentiment(20, 10).encode("x"));
        assertTrue(e.getMessage().contains("wordIndex(Imdb.getWordIndex())"), e.getMessage());
        InvalidDataException d = assertThrows(InvalidDataException.class, () -> s.pad(new int[][] {{1, 25}}));
        assertTrue(d.getMessage().contains("numWords(19)"), d.getMessage());
    }

    private static int[][] reviews(Random r, int n, int[] labels) {
        int[][] x = new int[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
            x[i] = new int[2 + r.nextInt(12)];
            x[i][0] = 1;
            for (int t = 1; t < x[i].length; t++) {
                int kind = r.nextInt(3); // neutral words (ids 4-9) or words of the review's sentiment
                x[i][t] = kind == 0 ? 4 + r.nextInt(6) : labels[i] == 1 ? 10 + r.nextInt(5) : 15 + r.nextInt(5);
            }
        }
        return x;
    }

    @Test
    void learnsSentimentWordsAndPredictsRawTextThenSavesAndLoads(@TempDir Path dir) {
        Random r = new Random(3);
        int[] y = new int[300];
        int[][] x = reviews(r, 300, y);
        ImdbSentiment s = new ImdbSentiment(20, 16).embeddingDim(8).units(8).learningRate(0.01).seed(4)
                .wordIndex(toyIndex());
        s.fit(x, y, 8, verbose(0));
        assertTrue(s.evaluate(x, y).get("accuracy") > 0.95, "accuracy " + s.evaluate(x, y));
        assertTrue(s.model().layers().get(0) instanceof Embedding e && e.maskZero());
        double good = s.predict("The film was great, superb and lovely!");
        double bad = s.predict("An awful, boring and dull movie.");
        assertTrue(good > 0.8 && bad < 0.2, "good " + good + ", bad " + bad);

        Path file = dir.resolve("imdb.h5");
        s.save(file);
        ImdbSentiment back = ImdbSentiment.load(file);
        assertEquals(20, back.numWords());
        assertEquals(16, back.maxlen());
        assertArrayEquals(s.encode("the film was awful zebra"), back.encode("the film was awful zebra"));
        assertArrayEquals(s.predictTexts(List.of("great film", "poor film")), back.predictTexts(List.of("great film", "poor film")), 1e-6);
        back.fit(x, y, 1, verbose(0)); // loaded compiled: training goes on
    }

    @Test
    void aPlainModelFileIsRefusedWithTheWayOut(@TempDir Path dir) {
        ImdbSentiment s = new ImdbSentiment(20, 8);
        Path file = dir.resolve("plain.h5");
        s.model().save(file);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ImdbSentiment.load(file));
        assertTrue(e.getMessage().contains("Models.loadModel"), e.getMessage());
    }

    /** The shared subset's reviews, turned back into words and encoded again, give the same ids. */
    @Test
    void encodingMatchesTheRealImdbSubset() {
        Path npz = IMDB.resolve("keras-imdb-subset-nw500/imdb.npz");
        Path json = IMDB.resolve("imdb_word_index.json");
        if (!Files.isRegularFile(npz) || !Files.isRegularFile(json)) {
            System.out.println("skipped: " + IMDB.toAbsolutePath().normalize() + " (imdb.npz subset and word index) not found");
            return;
        }
        Imdb.Data d = Imdb.options().numWords(500).load(npz);
        Map<String, Integer> index = Imdb.getWordIndex(json);
        Map<Integer, String> word = new HashMap<>();
        index.forEach((w, rank) -> word.put(rank, w));
        ImdbSentiment s = new ImdbSentiment(500, 200).wordIndex(index);
        for (int i = 0; i < 20; i++) {
            int[] ids = d.xTrain()[i];
            StringBuilder text = new StringBuilder();
            for (int k = 1; k < ids.length; k++) {
                text.append(ids[k] == 2 ? "zzzunknownzzz" : word.get(ids[k] - 3)).append(' ');
            }
            assertArrayEquals(ids, s.encode(text.toString()), "review " + i);
        }
        assertEquals(d.xTrain().length, s.pad(d.xTrain()).size(0));
    }
}

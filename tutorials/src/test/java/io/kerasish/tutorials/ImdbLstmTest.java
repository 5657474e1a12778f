package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.datasets.Imdb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 11 in its quick setting (1,500 training and 500 test reviews of the shared IMDB subset, maxlen 50, 2
 * epochs): the LSTM learns above chance, its raw-text predictions put the positive sentences above the negative
 * ones, and the curves are drawn. Skipped, saying so, without ../shared/datasets/imdb.
 */
class ImdbLstmTest {
    @Test
    void learnsSentimentAndReadsRawText(@TempDir Path out) throws Exception {
        Imdb.Data data = Imdb.options().numWords(ImdbLstm.NUM_WORDS)
                .load(QuickRun.sharedData("imdb/" + ImdbLstm.SUBSET));
        Map<String, Integer> words = Imdb.getWordIndex(QuickRun.sharedData("imdb/imdb_word_index.json"));
        Path sentences = QuickRun.sharedData("imdb/" + ImdbLstm.SENTENCES);
        ImdbLstm.Result r = ImdbLstm.run(data, words, sentences, 1_500, 500, 50, 2, out);

        double accuracy = r.test().get("accuracy");
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy + " (chance is 0.5; 0.67 here)");
        List<Double> loss = r.history().get("loss");
        assertTrue(loss.get(1) < loss.get(0), "the loss does not fall: " + loss);
        assertTrue(r.history().history().containsKey("val_accuracy"));
        double positive = 0;
        double negative = 0;
        for (int i = 0; i < ImdbLstm.OWN.size(); i++) {
            if (ImdbLstm.OWN_LABELS[i] == 1) {
                positive += r.ownPredictions()[i];
            } else {
                negative += r.ownPredictions()[i];
            }
        }
        assertTrue(positive > negative, "the positive sentences should score higher: "
                + java.util.Arrays.toString(r.ownPredictions()));
        assertTrue(r.sentencesAccuracy() > 0.55, "labelled sentences: " + r.sentencesAccuracy());
        assertTrue(Files.size(r.plot()) > 1000, "imdb.png was not drawn");
    }

    @Test
    void encodesRawTextAsKerasEncodedTheDataSet() {
        Map<String, Integer> ranks = Map.of("the", 1, "movie", 17, "great", 81, "aardvark", 40_000);
        // start 1; rank + 3; unknown words and ranks + 3 >= num_words are 2 (out of vocabulary)
        assertArrayEquals(new int[] {1, 4, 20, 84, 2, 2}, Imdb.encodeText("The movie: GREAT! aardvark zyzzyva", ranks, ImdbLstm.NUM_WORDS));
        assertEquals("<start> the movie ?", ImdbLstm.decode(new int[] {1, 4, 20, 2}, ranks, 10));
    }
}

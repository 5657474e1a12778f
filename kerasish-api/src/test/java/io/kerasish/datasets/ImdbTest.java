package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.io.npy.Npz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imdb gives what Keras's imdb.load_data gives: order, encoding, maxlen, num_words, skip_top, oov. */
class ImdbTest {
    @TempDir
    Path dir;

    private static final Path SMALL = Shared.fixture("imdb_keras_small.npz"); // Keras's layout, 30 + 20 reviews

    @Test
    void defaultsShuffleWithNumpysOrderThenPrependStartAndShiftBy3() {
        Imdb.Data d = Imdb.options().load(SMALL);
        Npz raw = Npz.read(SMALL);
        int[][] x = raw.get("x_train").toIntLists();
        int[] y = raw.get("y_train").toIntArray();
        int[] order = new NumpyRandom(113).permutation(30); // checked against numpy in NumpyRandomTest
        assertEquals(30, d.xTrain().length);
        assertEquals(20, d.xTest().length);
        int largest = Arrays.stream(raw.get("x_train").toIntLists()).flatMapToInt(Arrays::stream).max().getAsInt();
        largest = Math.max(largest, Arrays.stream(raw.get("x_test").toIntLists()).flatMapToInt(Arrays::stream).max()
                .getAsInt()) + 3;
        for (int i = 0; i < 30; i++) {
            int[] want = new int[x[order[i]].length + 1];
            want[0] = 1;
            for (int k = 0; k < x[order[i]].length; k++) {
                int w = x[order[i]][k] + 3;
                want[k + 1] = w < largest ? w : 2; // Keras: num_words=None keeps w < max, the largest becomes OOV
            }
            assertArrayEquals(want, d.xTrain()[i], "review " + i);
            assertEquals(y[order[i]], d.yTrain()[i]);
        }
    }

    @Test
    void maxlenDropsLongReviewsAndNumWordsSkipTopBecomeOov() {
        Imdb.Data d = Imdb.options().maxlen(8).numWords(20).skipTop(5).load(SMALL);
        for (int[] r : d.xTrain()) {
            assertTrue(r.length < 8, Arrays.toString(r));
            assertEquals(2, r[0]); // the start char 1 is below skipTop, so it too becomes OOV, as in Keras
            for (int w : r) {
                assertTrue(w == 2 || (w >= 5 && w < 20), Arrays.toString(r));
            }
        }
        assertEquals(d.xTrain().length, d.yTrain().length);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Imdb.options().maxlen(1).load(SMALL));
        assertTrue(e.getMessage().contains("Increase maxlen"), e.getMessage());
    }

    /** Every option against a numpy transcription of Keras's documented steps, when numpy is installed. */
    @Test
    void agreesWithKerasStepsComputedByNumpy() throws Exception {
        String reference = """
                import sys, json, numpy as np
                o = json.loads(sys.argv[2])
                with np.load(sys.argv[1], allow_pickle=True) as f:
                    xs = [f['x_train'], f['x_test']]; ys = [f['y_train'], f['y_test']]
                rng = np.random.RandomState(o['seed'])
                for k in range(2):
                    p = np.arange(len(xs[k])); rng.shuffle(p); xs[k] = [list(r) for r in xs[k][p]]; ys[k] = ys[k][p]
                head = [] if o['start'] is None else [o['start']]
                xs = [[head + [w + o['index_from'] for w in r] for r in part] for part in xs]
                if o['maxlen']:
                    for k in range(2):
                        keep = [i for i, r in enumerate(xs[k]) if len(r) < o['maxlen']]
                        xs[k] = [xs[k][i] for i in keep]; ys[k] = ys[k][keep]
                top = o['num_words'] or max(max(r) for part in xs for r in part if r)
                def cut(r):
                    if o['oov'] is None: return [w for w in r if o['skip'] <= w < top]
                    return [w if o['skip'] <= w < top else o['oov'] for w in r]
                print(json.dumps([[cut(r) for r in xs[0]], [int(v) for v in ys[0]],
                                  [cut(r) for r in xs[1]], [int(v) for v in ys[1]]]))
                """;
        String[] cases = {
            "{\"seed\":113,\"start\":1,\"index_from\":3,\"maxlen\":null,\"num_words\":null,\"skip\":0,\"oov\":2}",
            "{\"seed\":7,\"start\":1,\"index_from\":3,\"maxlen\":12,\"num_words\":25,\"skip\":6,\"oov\":2}",
            "{\"seed\":0,\"start\":null,\"index_from\":0,\"maxlen\":null,\"num_words\":30,\"skip\":2,\"oov\":null}",
            "{\"seed\":4294967295,\"start\":9,\"index_from\":5,\"maxlen\":14,\"num_words\":null,\"skip\":0,\"oov\":null}",
        };
        ObjectMapper json = new ObjectMapper();
        for (String c : cases) {
            JsonNode want = json.readTree(Shared.numpy(reference, SMALL.toString(), c));
            JsonNode o = json.readTree(c);
            Imdb.Data got = Imdb.options().seed(o.get("seed").asLong())
                    .startChar(o.get("start").isNull() ? null : o.get("start").asInt())
                    .indexFrom(o.get("index_from").asInt())
                    .maxlen(o.get("maxlen").isNull() ? null : o.get("maxlen").asInt())
                    .numWords(o.get("num_words").isNull() ? null : o.get("num_words").asInt())
                    .skipTop(o.get("skip").asInt())
                    .oovChar(o.get("oov").isNull() ? null : o.get("oov").asInt())
                    .load(SMALL);
            assertEquals(want, json.valueToTree(new Object[] {got.xTrain(), got.yTrain(), got.xTest(), got.yTest()}), c);
        }
    }

    @Test
    void sharedSubsetIsReadAsPreEncoded() {
        Path f = Shared.data("imdb/keras-imdb-subset-nw500/imdb.npz");
        Imdb.Data d = Imdb.options().load(f);
        assertEquals(5000, d.xTrain().length);
        assertEquals(1000, d.xTest().length);
        assertArrayEquals(new int[] {1, 14, 22, 16, 43, 2, 2, 2, 2, 65, 458}, Arrays.copyOf(d.xTrain()[0], 11));
        assertEquals(218, d.xTrain()[0].length); // not shuffled again, not shifted again
        assertTrue(Arrays.stream(d.yTrain()).allMatch(v -> v == 0 || v == 1));

        Imdb.Data cut = Imdb.options().numWords(100).maxlen(200).load(f);
        assertTrue(cut.xTrain().length < 5000 && cut.xTrain().length > 1000, "" + cut.xTrain().length);
        for (int[] r : cut.xTrain()) {
            assertTrue(r.length < 200);
            assertTrue(Arrays.stream(r).allMatch(w -> w < 100));
        }
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Imdb.options().indexFrom(0).load(f));
        assertTrue(e.getMessage().contains("pre-encoded"), e.getMessage());
    }

    @Test
    void anNpzOfOtherArraysIsRefusedNamingTheEntry() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> Imdb.options().load(Shared.fixture("mnist_small.npz")));
        assertTrue(e.getMessage().contains("'x_train'") && e.getMessage().contains("lists of ints"), e.getMessage());
    }

    @Test
    void sharedWordIndexIsKerasFile() throws IOException, Exception {
        Path f = Shared.data("imdb/imdb_word_index.json");
        assertEquals(Imdb.WORD_INDEX_MD5,
                HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f))));
        Map<String, Integer> index = Imdb.getWordIndex(f);
        assertEquals(88584, index.size());
        assertEquals(1, index.get("the"));
        // review 0 of the subset decodes to English: indices 14, 22, 16, 43 are ranks 11, 19, 13, 40
        Map<Integer, String> words = new java.util.HashMap<>();
        index.forEach((w, i) -> words.put(i + 3, w));
        assertEquals("this film was just", String.join(" ", words.get(14), words.get(22), words.get(16), words.get(43)));
    }

    @Test
    void labelledSentencesAreTextsAndLabelsAndABadLabelNamesItsLine() throws IOException {
        Path file = dir.resolve("imdb_labelled.txt");
        Files.writeString(file, "A very slow movie.  \t0\nIt Was So Cool.\t1\n\nno tab here\n");
        Imdb.LabelledTexts t = Imdb.labelledSentences(file);
        assertEquals(List.of("A very slow movie.", "It Was So Cool."), t.texts());
        assertArrayEquals(new int[] {0, 1}, t.labels());
        Files.writeString(file, "fine\t1\nbad\tpositive\n");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Imdb.labelledSentences(file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void badWordIndexIsInvalidFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("w.json"), "{\"the\": 1, \"a\": \"x\"}");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Imdb.getWordIndex(bad));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertThrows(InvalidFileException.class, () -> Imdb.getWordIndex(dir.resolve("missing.json")));
    }
}

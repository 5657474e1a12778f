package io.kerasish.datasets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.io.npy.Npz;
import io.kerasish.preprocessing.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code imdb.load_data()}: 25,000 training and 25,000 test movie reviews labelled by sentiment (1
 * positive, 0 negative), each review a sequence of word indices (a word's index is its frequency rank plus
 * {@code indexFrom}; 0 is padding, 1 the start mark, 2 out-of-vocabulary).
 *
 * <pre>{@code
 * Imdb.Data d = Imdb.loadData();                                   // Keras's defaults
 * Imdb.Data d = Imdb.options().numWords(10000).maxlen(200).load(); // imdb.load_data(num_words=10000, maxlen=200)
 * Map<String, Integer> words = Imdb.getWordIndex();                // "the" -> 1; in x it is 1 + indexFrom = 4
 * }</pre>
 *
 * <p>Semantics are Keras's, step by step: the training and then the test reviews are shuffled with
 * {@code np.random.RandomState(seed)} (reproduced exactly, so the order equals Keras's); each review gets
 * {@code startChar} prepended and every word index shifted by {@code indexFrom} (without a start char, only
 * shifted); with {@code maxlen}, reviews of {@code maxlen} words or more are dropped (not truncated: pad and
 * truncate with padSequences); finally every index outside {@code [skipTop, numWords)} becomes {@code oovChar}
 * (or is removed when {@code oovChar} is null). {@code numWords} null means the largest index there is, and, as in
 * Keras (which keeps {@code w < num_words}), that largest index itself then becomes {@code oovChar}.
 *
 * <p><b>Files.</b> {@link Options#load()} looks for {@code imdb/imdb.npz} in {@code $KERASISH_DATA}, then the cache
 * ({@code ~/.kerasish/datasets/imdb/}), and downloads Keras's file ({@link #URL}, SHA-256 checked) when it is
 * missing. {@link Options#load(Path)} reads a given file, of one of two kinds, told apart by its keys:
 * <ul>
 *   <li>Keras's {@code imdb.npz}: keys {@code x_train, y_train, x_test, y_test}, raw frequency ranks. Everything
 *       above applies.</li>
 *   <li>A <i>pre-encoded</i> file: keys {@code arr_0 .. arr_3}, what {@code np.savez(x_train, y_train, x_test,
 *       y_test)} writes after {@code imdb.load_data(...)} (such as the shared subset
 *       {@code keras-imdb-subset-nw500/imdb.npz}, saved with {@code num_words=500}). Its reviews are already shuffled
 *       and encoded with Keras's defaults, so shuffling, {@code startChar} and {@code indexFrom} are not applied
 *       again (the seed is ignored; a non-default startChar or indexFrom is refused, since the file cannot be
 *       re-encoded), and each review must begin with 1, the default start char. {@code maxlen}, {@code numWords},
 *       {@code skipTop} and {@code oovChar} still apply, as Keras applies them after encoding, so the result equals
 *       what Keras gives for those options as long as {@code numWords} is not above the file's own.</li>
 * </ul>
 * The key names decide rather than a flag because they say reliably how the file was made: Keras's file always has
 * its named keys, and {@code np.savez} without names writes {@code arr_N}.
 */
public final class Imdb {
    /** Where Keras downloads the dataset from. */
    public static final String URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz";
    /** Keras's SHA-256 of {@link #URL}'s file. */
    public static final String SHA256 = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f";
    /** Where Keras downloads the word index from. */
    public static final String WORD_INDEX_URL =
            "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json";
    /** Keras's MD5 of the word index file. */
    public static final String WORD_INDEX_MD5 = "bfafd718b763782e994055a2d397834f";
    static final String NAME = "imdb";

    private Imdb() {
    }

    /** {@code (x_train, y_train), (x_test, y_test)}: reviews as word-index sequences of varying length, labels 0/1. */
    public record Data(int[][] xTrain, int[] yTrain, int[][] xTest, int[] yTest) {
    }

    /** {@code imdb.load_data()} with Keras's defaults. */
    public static Data loadData() {
        return options().load();
    }

    /** The options of {@code imdb.load_data}, with Keras's defaults; finish with {@code load()}. */
    public static Options options() {
        return new Options();
    }

    /** {@code imdb.get_word_index()}: word to frequency rank (1-based), from the library locations or downloaded. */
    public static Map<String, Integer> getWordIndex() {
        return getWordIndex(Datasets.fetch(NAME, "imdb_word_index.json",
                new Datasets.Remote(WORD_INDEX_URL, WORD_INDEX_MD5)));
    }

    /** Short texts with a 0/1 sentiment label each. */
    public record LabelledTexts(List<String> texts, int[] labels) {
    }

    /**
     * The UCI "Sentiment Labelled Sentences" file ({@code imdb_labelled.txt}: one {@code sentence<TAB>label} per
     * line, label 0 negative or 1 positive), raw text to test a model trained on this data set with
     * {@link #encodeText}. Lines without a tab are skipped.
     *
     * @throws InvalidFileException naming the line whose label is not 0 or 1
     */
    public static LabelledTexts labelledSentences(Path file) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InvalidFileException(file, "cannot be read: " + e.getMessage());
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                String label = line.substring(tab + 1).strip();
                if (!label.equals("0") && !label.equals("1")) {
                    throw new InvalidFileException(file, "line " + (n + 1) + " ends with label '" + label
                            + "'; each line is sentence<TAB>0 or sentence<TAB>1");
                }
                texts.add(line.substring(0, tab).strip());
                labels.add(Integer.parseInt(label));
            }
        }
        return new LabelledTexts(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A raw text in this data set's encoding with Keras's defaults ({@code start_char=1}, {@code oov_char=2},
     * {@code index_from=3}), for predicting on text a model trained on {@code load_data(num_words)} never saw:
     * {@code text_to_word_sequence} (lower case, punctuation removed), the start id, then each word's rank + 3 when
     * that is below {@code numWords}, else the oov id. Not padded.
     *
     * @param wordIndex {@link #getWordIndex()}: word to frequency rank, from 1
     */
    public static int[] encodeText(String text, Map<String, Integer> wordIndex, int numWords) {
        List<String> words = Tokenizer.textToWordSequence(text);
        int[] ids = new int[words.size() + 1];
        ids[0] = 1;
        for (int i = 0; i < words.size(); i++) {
            Integer rank = wordIndex.get(words.get(i));
            ids[i + 1] = rank != null && rank >= 1 && rank + 3 < numWords ? rank + 3 : 2;
        }
        return ids;
    }

    /**
     * The word index in this JSON file: one object mapping each word to its rank.
     *
     * @throws InvalidFileException when the file is not such an object
     */
    public static Map<String, Integer> getWordIndex(Path json) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (JsonParser p = new ObjectMapper().getFactory().createParser(json.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidFileException(json, "expected a JSON object of word: index");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String word = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                    throw new InvalidFileException(json, "the index of '" + word + "' is not an int");
                }
                out.put(word, p.getIntValue());
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidFileException(json, "expected a single JSON object of word: index");
            }
        } catch (IOException e) {
            throw new InvalidFileException(json, Files.isRegularFile(json) ? "not a JSON word index: " + e.getMessage()
                    : "no such file", e);
        }
        return out;
    }

    /** The arguments of {@code imdb.load_data}, Keras's defaults unless set. */
    public static final class Options {
        private Integer numWords;
        private int skipTop;
        private Integer maxlen;
        private long seed = 113;
        private Integer startChar = 1;
        private Integer oovChar = 2;
        private int indexFrom = 3;

        private Options() {
        }

        /** Keep the {@code numWords} most frequent words (indices below it); null (default) keeps all. */
        public Options numWords(Integer numWords) {
            this.numWords = numWords;
            return this;
        }

        /** Also turn the indices below {@code skipTop} into oovChar (default 0: none). */
        public Options skipTop(int skipTop) {
            this.skipTop = skipTop;
            return this;
        }

        /** Drop reviews of {@code maxlen} or more indices (start char included); null (default) keeps all. */
        public Options maxlen(Integer maxlen) {
            this.maxlen = maxlen;
            return this;
        }

        /** The shuffling seed, 0 to 2^32-1 (default 113). */
        public Options seed(long seed) {
            if (seed < 0 || seed > 0xffffffffL) {
                throw new InvalidConfigException("Imdb: seed must be between 0 and 2**32 - 1 (numpy's range), got " + seed);
            }
            this.seed = seed;
            return this;
        }

        /** Prepended to every review (default 1); null prepends nothing. */
        public Options startChar(Integer startChar) {
            this.startChar = startChar;
            return this;
        }

        /** What cut words become (default 2); null removes them instead. */
        public Options oovChar(Integer oovChar) {
            this.oovChar = oovChar;
            return this;
        }

        /** Added to every word index of Keras's file (default 3: 0, 1, 2 are padding, start and OOV). */
        public Options indexFrom(int indexFrom) {
            this.indexFrom = indexFrom;
            return this;
        }

        /** Loads {@code imdb.npz} from the library locations, downloading Keras's file when it is missing. */
        public Data load() {
            return load(Datasets.fetch(NAME, "imdb.npz", new Datasets.Remote(URL, SHA256)));
        }

        /**
         * Loads this file: Keras's {@code imdb.npz}, or a pre-encoded {@code np.savez} of load_data's output (see
         * {@link Imdb}).
         *
         * @throws InvalidFileException when it is neither, or its arrays do not match
         * @throws InvalidConfigException when maxlen leaves no review, or a pre-encoded file is asked to re-encode
         */
        public Data load(Path npzFile) {
            Npz npz = Npz.read(npzFile);
            boolean keras = npz.has("x_train");
            List<String> keys = keras ? List.of("x_train", "y_train", "x_test", "y_test")
                    : List.of("arr_0", "arr_1", "arr_2", "arr_3");
            if (!keys.stream().allMatch(npz::has)) {
                throw new InvalidFileException(npzFile, "expected Keras's imdb.npz (x_train, y_train, x_test, y_test) "
                        + "or an np.savez of imdb.load_data's output (arr_0 to arr_3); the file has " + npz.keys());
            }
            int[][] xTrain = npz.get(keys.get(0)).toIntLists();
            int[] yTrain = npz.get(keys.get(1)).toIntArray();
            int[][] xTest = npz.get(keys.get(2)).toIntLists();
            int[] yTest = npz.get(keys.get(3)).toIntArray();
            if (xTrain.length != yTrain.length || xTest.length != yTest.length) {
                throw new InvalidFileException(npzFile, xTrain.length + " training reviews with " + yTrain.length
                        + " labels, " + xTest.length + " test reviews with " + yTest.length + " labels");
            }
            if (keras) {
                NumpyRandom rng = new NumpyRandom(seed);
                int[] order = rng.permutation(xTrain.length);
                xTrain = reorder(xTrain, order);
                yTrain = reorder(yTrain, order);
                order = rng.permutation(xTest.length);
                xTest = reorder(xTest, order);
                yTest = reorder(yTest, order);
                xTrain = encode(xTrain, npzFile);
                xTest = encode(xTest, npzFile);
            } else {
                checkPreEncoded(npzFile, xTrain, keys.get(0));
                checkPreEncoded(npzFile, xTest, keys.get(2));
            }
            if (maxlen != null && maxlen != 0) {
                int[] kept = shorterThan(xTrain, maxlen);
                int[] keptTest = shorterThan(xTest, maxlen);
                if (kept.length == 0 || keptTest.length == 0) {
                    throw new InvalidConfigException("Imdb: after dropping the reviews of maxlen=" + maxlen
                            + " or more indices, no " + (kept.length == 0 ? "training" : "test")
                            + " review is left. Increase maxlen.");
                }
                xTrain = reorder(xTrain, kept);
                yTrain = reorder(yTrain, kept);
                xTest = reorder(xTest, keptTest);
                yTest = reorder(yTest, keptTest);
            }
            // Keras: num_words = max index when not given, and keeps w < num_words, so the largest index itself becomes OOV
            int limit = numWords != null && numWords != 0 ? numWords : Math.max(max(xTrain), max(xTest));
            return new Data(cut(xTrain, limit), yTrain, cut(xTest, limit), yTest);
        }

        private void checkPreEncoded(Path file, int[][] x, String key) {
            if (!Integer.valueOf(1).equals(startChar) || indexFrom != 3) {
                throw new InvalidConfigException("Imdb: " + file + " is pre-encoded (keys arr_0..arr_3: an np.savez of "
                        + "imdb.load_data's output, with start_char=1 and index_from=3); it cannot be re-encoded with "
                        + "startChar=" + startChar + ", indexFrom=" + indexFrom + ". Use Keras's imdb.npz "
                        + "(x_train, ...) for other encodings, or leave these options at their defaults.");
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i].length == 0 || x[i][0] != 1) {
                    throw new InvalidFileException(file, "'" + key + "' review " + i + " does not begin with the start "
                            + "char 1; a file with keys arr_0..arr_3 is read as imdb.load_data's output with Keras's "
                            + "defaults, which this is not");
                }
            }
        }

        private int[][] encode(int[][] x, Path file) {
            int[][] out = new int[x.length][];
            int offset = startChar != null ? 1 : 0;
            for (int i = 0; i < x.length; i++) {
                int[] r = new int[x[i].length + offset];
                if (startChar != null) {
                    r[0] = startChar;
                }
                for (int k = 0; k < x[i].length; k++) {
                    try {
                        r[k + offset] = Math.addExact(x[i][k], indexFrom);
                    } catch (ArithmeticException e) {
                        throw new InvalidFileException(file, "word index " + x[i][k] + " + indexFrom overflows an int");
                    }
                }
                out[i] = r;
            }
            return out;
        }

        /** Keras's last step: indices outside [skipTop, limit) become oovChar, or go when it is null. */
        private int[][] cut(int[][] x, int limit) {
            int[][] out = new int[x.length][];
            for (int i = 0; i < x.length; i++) {
                int[] r = new int[x[i].length];
                int n = 0;
                for (int w : x[i]) {
                    if (w >= skipTop && w < limit) {
                        r[n++] = w;
                    } else if (oovChar != null) {
                        r[n++] = oovChar;
                    }
                }
                out[i] = n == r.length ? r : java.util.Arrays.copyOf(r, n);
            }
            return out;
        }
    }

    private static int[] shorterThan(int[][] x, int maxlen) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i].length < maxlen) {
                keep.add(i);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int max(int[][] x) {
        int m = Integer.MIN_VALUE;
        for (int[] r : x) {
            for (int w : r) {
                m = Math.max(m, w);
            }
        }
        return m;
    }

    private static int[][] reorder(int[][] x, int[] order) {
        int[][] out = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            out[i] = x[order[i]];
        }
        return out;
    }

    private static int[] reorder(int[] y, int[] order) {
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = y[order[i]];
        }
        return out;
    }
}

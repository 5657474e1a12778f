package io.kerasish.zoo;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidDataException;
import io.kerasish.InvalidFileException;
import io.kerasish.KerasishException;
import io.kerasish.datasets.Imdb;
import io.kerasish.io.config.ConfigJson;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.layers.Embedding;
import io.kerasish.layers.LSTM;
import io.kerasish.models.Fit;
import io.kerasish.models.History;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.preprocessing.sequence.Sequences;
import io.kerasish.preprocessing.text.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * IMDB sentiment as Keras users build it: {@code Embedding(numWords, 32, mask_zero=True)}, Dropout, {@code LSTM(32)}
 * many-to-one, Dropout, {@code Dense(1, sigmoid)}; binary cross-entropy, accuracy, Adam. Reviews are sequences of
 * word ids in Keras's {@code imdb.load_data} encoding (start 1, out-of-vocabulary 2, a word of frequency rank r is
 * r + 3, ids of {@code numWords} or more are 2), padded and truncated before the text ({@code pad_sequences}'s
 * defaults) to {@code maxlen}; id 0 is padding, masked.
 *
 * <pre>{@code
 * Imdb.Data d = Imdb.options().numWords(500).load();
 * ImdbSentiment s = new ImdbSentiment(500, 200).wordIndex(Imdb.getWordIndex());
 * s.fit(d.xTrain(), d.yTrain(), 6);
 * s.evaluate(d.xTest(), d.yTest());                 // {loss=..., accuracy=...}
 * double p = s.predict("A wonderful, moving film."); // probability that the review is positive
 * s.save(Path.of("imdb.h5"));                       // a Keras model file, plus the settings and the words it knows
 * }</pre>
 *
 * <p>Raw text is encoded as Keras's IMDB data was: {@link Tokenizer#textToWordSequence} (lower case, punctuation
 * but not apostrophes removed), each word through the word index ({@code imdb.get_word_index()}, word to rank) to
 * rank + indexFrom, unknown words and ids of numWords or more to the oov id, the start id first, then padded.
 *
 * <p><b>Saving.</b> {@link #save} writes Keras's full-model HDF5 file (Keras's {@code load_model} opens it) with
 * root attributes {@value #ATTRIBUTE} (the settings as JSON) and {@value #ATTRIBUTE}{@code _words0, _words1, ...}
 * (the words with an id below numWords, as JSON, in pieces that fit HDF5's attribute size), so a loaded model
 * predicts on raw text without the 1.6 MB word index.
 */
public final class ImdbSentiment {
    /** The root attribute of a saved file that holds the settings. */
    public static final String ATTRIBUTE = "kerasish_imdb_sentiment";
    /** Keras's imdb.load_data defaults. */
    public static final int START_CHAR = 1;
    public static final int OOV_CHAR = 2;
    public static final int INDEX_FROM = 3;
    private static final int WORDS_PER_ATTRIBUTE = 16_000 / 20;

    private final int numWords;
    private final int maxlen;
    private int embeddingDim = 32;
    private int units = 32;
    private double dropout = 0.2;
    private double learningRate = 1e-3;
    private long seed = 1;
    private Map<String, Integer> ranks; // word -> frequency rank, only the words whose id is below numWords
    private Sequential model;

    /**
     * @param numWords the vocabulary: ids below it (Keras's {@code num_words}; the Embedding's input_dim)
     * @param maxlen   the padded review length
     */
    public ImdbSentiment(int numWords, int maxlen) {
        if (numWords <= INDEX_FROM || maxlen < 2) {
            throw new InvalidConfigException("ImdbSentiment: numWords must be > " + INDEX_FROM
                    + " (ids 0-2 are padding, start and oov) and maxlen >= 2; got numWords=" + numWords + ", maxlen=" + maxlen);
        }
        this.numWords = numWords;
        this.maxlen = maxlen;
    }

    /** Size of the word vectors (default 32). Before the model is built. */
    public ImdbSentiment embeddingDim(int embeddingDim) {
        requireUnbuilt("embeddingDim");
        this.embeddingDim = positive("embeddingDim", embeddingDim);
        return this;
    }

    /** LSTM units (default 32). Before the model is built. */
    public ImdbSentiment units(int units) {
        requireUnbuilt("units");
        this.units = positive("units", units);
        return this;
    }

    /** Dropout rate after the Embedding and after the LSTM (default 0.2; 0 for none). Before the model is built. */
    public ImdbSentiment dropout(double rate) {
        requireUnbuilt("dropout");
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidConfigException("ImdbSentiment: dropout must be in [0, 1), got " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** Adam's learning rate (default 1e-3). Before the model is built. */
    public ImdbSentiment learningRate(double learningRate) {
        requireUnbuilt("learningRate");
        if (!(learningRate > 0)) {
            throw new InvalidConfigException("ImdbSentiment: learningRate must be > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
        return this;
    }

    /** Seed of the initial weights, shuffling and dropout (default 1). Before the model is built. */
    public ImdbSentiment seed(long seed) {
        requireUnbuilt("seed");
        this.seed = seed;
        return this;
    }

    /**
     * Keras's {@code imdb.get_word_index()} (word to frequency rank, from 1), for {@link #predict(String)} on raw text.
     * Only the words whose id (rank + 3) is below numWords are kept.
     */
    public ImdbSentiment wordIndex(Map<String, Integer> wordIndex) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        wordIndex.forEach((w, r) -> {
            if (r != null && r >= 1 && r + INDEX_FROM < numWords) {
                kept.put(w, r);
            }
        });
        this.ranks = kept;
        return this;
    }

    public int numWords() {
        return numWords;
    }

    public int maxlen() {
        return maxlen;
    }

    /** The Keras model, built and compiled on first use. */
    public Sequential model() {
        if (model == null) {
            Sequential m = new Sequential("imdb_sentiment").seed(seed);
            m.add(new Embedding(numWords, embeddingDim).maskZero(true).inputLength(maxlen));
            if (dropout > 0) {
                m.add(new Dropout(dropout));
            }
            m.add(new LSTM(units));
            if (dropout > 0) {
                m.add(new Dropout(dropout));
            }
            m.add(new Dense(1).activation("sigmoid"));
            m.compile(new Adam(learningRate), "binary_crossentropy", "accuracy");
            model = m;
        }
        return model;
    }

    /** Reviews (word ids, any length) padded and truncated to {@code (n, maxlen)} as Keras's pad_sequences does. */
    public INDArray pad(int[][] reviews) {
        for (int i = 0; i < reviews.length; i++) {
            for (int id : reviews[i]) {
                if (id < 0 || id >= numWords) {
                    throw new InvalidDataException("ImdbSentiment: review " + i + " holds id " + id + ", outside [0, "
                            + numWords + "): load the data with Imdb.options().numWords(" + numWords + ")");
                }
            }
        }
        return Sequences.padSequences(reviews, Sequences.maxlen(maxlen));
    }

    /** Trains on encoded reviews and 0/1 labels, batch size 32 unless given; Keras's fit options apply. */
    public History fit(int[][] reviews, int[] labels, int epochs, Fit.Option... options) {
        List<Fit.Option> all = new ArrayList<>(List.of(Fit.epochs(epochs)));
        all.addAll(List.of(options));
        return model().fit(pad(reviews), labels(labels, reviews.length), all.toArray(Fit.Option[]::new));
    }

    /** Keras's evaluate on encoded reviews: {@code {loss, accuracy}}. */
    public Map<String, Double> evaluate(int[][] reviews, int[] labels) {
        return model().evaluate(pad(reviews), labels(labels, reviews.length));
    }

    /** Positive probabilities of encoded reviews. */
    public double[] predict(int[][] reviews) {
        return model().predict(pad(reviews)).reshape(reviews.length).toDoubleVector();
    }

    /** The probability that this raw review text is positive. */
    public double predict(String reviewText) {
        return predictTexts(List.of(reviewText))[0];
    }

    /** Positive probabilities of raw review texts. */
    public double[] predictTexts(List<String> texts) {
        int[][] encoded = new int[texts.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = encode(texts.get(i));
        }
        return predict(encoded);
    }

    /** A raw text in Keras's IMDB encoding: start id, then each word's rank + 3 (or the oov id), not padded. */
    public int[] encode(String text) {
        if (ranks == null) {
            throw new InvalidConfigException("ImdbSentiment: raw text needs the IMDB word index: call "
                    + "wordIndex(Imdb.getWordIndex()) first (a model loaded with ImdbSentiment.load has it)");
        }
        return Imdb.encodeText(text, ranks, numWords);
    }

    private static INDArray labels(int[] labels, int n) {
        if (labels.length != n) {
            throw new InvalidDataException("ImdbSentiment: " + n + " reviews but " + labels.length + " labels");
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new InvalidDataException("ImdbSentiment: label " + i + " is " + labels[i] + "; labels are 0 "
                        + "(negative) or 1 (positive)");
            }
            y[i] = labels[i];
        }
        return Nd4j.createFromArray(y).reshape(n, 1);
    }

    // ---------------------------------------------------------------- saving

    /** Writes the model (Keras's HDF5 full-model file) with the settings and known words; replaced atomically. */
    public void save(Path file) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("num_words", numWords);
        settings.put("maxlen", maxlen);
        settings.put("start_char", START_CHAR);
        settings.put("oov_char", OOV_CHAR);
        settings.put("index_from", INDEX_FROM);
        attributes.put(ATTRIBUTE, ConfigJson.write(settings));
        List<Map.Entry<String, Integer>> words = ranks == null ? List.of() : new ArrayList<>(ranks.entrySet());
        for (int part = 0, from = 0; from < words.size(); part++, from += WORDS_PER_ATTRIBUTE) {
            Map<String, Object> piece = new LinkedHashMap<>();
            words.subList(from, Math.min(words.size(), from + WORDS_PER_ATTRIBUTE))
                    .forEach(e -> piece.put(e.getKey(), e.getValue()));
            attributes.put(ATTRIBUTE + "_words" + part, ConfigJson.write(piece));
        }
        model().save(file, attributes);
    }

    /**
     * Reads a file written by {@link #save}: the compiled model, ready to predict on raw text or to train on.
     *
     * @throws InvalidFileException when the file is not a Keras model file or lacks the sentiment settings
     */
    public static ImdbSentiment load(Path file) {
        Map<String, String> attributes = Models.fileAttributes(file);
        String json = attributes.get(ATTRIBUTE);
        if (json == null) {
            throw new InvalidFileException(file, "has no '" + ATTRIBUTE + "' attribute: it was not written by "
                    + "ImdbSentiment.save. Load a plain Keras model with Models.loadModel(path).");
        }
        Map<String, Object> s = parse(file, json);
        Object nw = s.get("num_words");
        Object ml = s.get("maxlen");
        if (!(nw instanceof Long n) || !(ml instanceof Long len) || !Long.valueOf(INDEX_FROM).equals(s.get("index_from"))
                || !Long.valueOf(START_CHAR).equals(s.get("start_char")) || !Long.valueOf(OOV_CHAR).equals(s.get("oov_char"))) {
            throw new InvalidFileException(file, "attribute " + ATTRIBUTE + " needs num_words and maxlen (integers) "
                    + "and Keras's IMDB encoding (start_char 1, oov_char 2, index_from 3); found " + json);
        }
        ImdbSentiment sentiment = new ImdbSentiment(n.intValue(), len.intValue());
        Map<String, Integer> words = new LinkedHashMap<>();
        for (int part = 0; attributes.containsKey(ATTRIBUTE + "_words" + part); part++) {
            parse(file, attributes.get(ATTRIBUTE + "_words" + part)).forEach((w, r) -> {
                if (!(r instanceof Long rank)) {
                    throw new InvalidFileException(file, "word '" + w + "' has rank " + r + ", not an integer");
                }
                words.put(w, rank.intValue());
            });
        }
        if (!words.isEmpty()) {
            sentiment.wordIndex(words);
        }
        Sequential m = Models.loadModel(file);
        if (!(m.layers().get(0) instanceof Embedding e) || e.inputDim() != sentiment.numWords
                || m.inputShape().dim(0) != sentiment.maxlen || m.outputShape().dim(-1) != 1) {
            throw new InvalidFileException(file, "its model does not fit the settings " + json + ": expected an Embedding("
                    + sentiment.numWords + ", ...) on input (" + sentiment.maxlen + ") and one output, found input "
                    + m.inputShape() + ", output " + m.outputShape());
        }
        sentiment.model = m;
        return sentiment;
    }

    private static Map<String, Object> parse(Path file, String json) {
        try {
            return ConfigJson.parse(json, "attribute " + ATTRIBUTE);
        } catch (KerasishException e) {
            throw new InvalidFileException(file, e.getMessage(), e);
        }
    }

    private void requireUnbuilt(String what) {
        if (model != null) {
            throw new InvalidConfigException("ImdbSentiment: set " + what + " before the model is built (before "
                    + "model(), fit, evaluate or predict)");
        }
    }

    private static int positive(String what, int v) {
        if (v < 1) {
            throw new InvalidConfigException("ImdbSentiment: " + what + " must be >= 1, got " + v);
        }
        return v;
    }
}

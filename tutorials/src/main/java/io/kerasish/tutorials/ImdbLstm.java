package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationData;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.Datasets;
import io.kerasish.datasets.Imdb;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.layers.Embedding;
import io.kerasish.layers.LSTM;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.preprocessing.sequence.Sequences;
import io.kerasish.utils.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tutorial 11: IMDB sentiment with an LSTM, as Keras's {@code imdb_lstm} example. Each movie review is a sequence of
 * word ids ({@code imdb.load_data(num_words=500)}: a word of frequency rank r is r + 3, rarer words than the 497
 * most frequent are 2, "out of vocabulary", every review starts with 1); its label is 1 for a positive review, 0
 * for a negative one.
 *
 * <ol>
 *   <li>{@code pad_sequences(maxlen)} makes every review {@code maxlen} ids long, Keras's defaults: zeros in front of
 *       short reviews, the beginning of long ones cut off (their end, often the verdict, is kept).</li>
 *   <li>{@code Embedding(500, 32, mask_zero=True)} turns each id into a learned 32-number vector; the mask tells the
 *       LSTM to skip the padding. {@code LSTM(32)} reads the review word by word and returns its last state, a
 *       summary of the review; {@code Dense(1, sigmoid)} turns it into P(positive). Dropout(0.2) before and after
 *       the LSTM against over-fitting. Binary crossentropy, Adam(1e-3), batch 32.</li>
 *   <li>Accuracy on the test reviews after each epoch (Keras's example passes them as validation data), the curves
 *       in {@code imdb.png}, and predictions on raw sentences: each is encoded as the data set was (Keras's
 *       {@code text_to_word_sequence}, then {@code imdb.get_word_index()}: rank + 3, or 2), padded and predicted.
 *       The sentences are a few of my own and, when it is here, the UCI "Sentiment Labelled Sentences" IMDB file
 *       (1,000 one-line reviews, half positive).</li>
 * </ol>
 *
 * <p>Data: by default the project's shared subset of {@code imdb.load_data(num_words=500)} (the first 5,000 training
 * and 1,000 test reviews, {@code $KERASISH_DATA/imdb/keras-imdb-subset-nw500/imdb.npz}); without it, Keras's
 * {@code imdb.npz} through {@link Imdb} (downloaded when it is not in the cache), of which the first 5,000 / 1,000
 * reviews are used. Keras's word index ({@code imdb_word_index.json}) is found or downloaded the same way.
 *
 * <p>Usage: {@code imdb [imdb.npz] [--maxlen N] [--epochs N] [--train N] [--test N] [--out DIR] [--quick]}. Full
 * mode: maxlen 100, 4 epochs, test accuracy about 0.79 (4 to 6 minutes on this project's 2 cores, depending on
 * their load; maxlen 200 and 6 epochs reach about 0.81
 * in 10 minutes). {@code --quick}: 1,500 training and 500 test reviews, maxlen 50, 2 epochs.
 */
public final class ImdbLstm {
    static final int NUM_WORDS = 500;
    static final long SEED = 1;
    static final String SUBSET = "keras-imdb-subset-nw500/imdb.npz";
    static final String SENTENCES = "sentiment-labelled-sentences/imdb_labelled.txt";
    /** Sentences of my own, with the label a reader would give them. */
    static final List<String> OWN = List.of(
            "This movie was wonderful, I loved every minute of it. The acting was excellent.",
            "A boring, stupid film. The worst acting I have ever seen, a total waste of time.",
            "The story was great and the music beautiful, one of the best films of the year.",
            "It was bad, the script was bad and the ending was even worse.");
    static final int[] OWN_LABELS = {1, 0, 1, 0};

    private ImdbLstm() {
    }

    /** What the run measured, for its test. */
    record Result(History history, Map<String, Double> test, double[] ownPredictions, double sentencesAccuracy,
            Path plot) {
    }

    public static void main(String[] args) {
        run(Args.parse("imdb", args));
    }

    static Outcome run(Args args) {
        Outcome.Builder o = Outcome.builder();
        Imdb.Data data;
        Path npz = args.path(0) != null ? args.path(0) : Datasets.find("imdb", SUBSET);
        if (npz != null) {
            data = Imdb.options().numWords(NUM_WORDS).load(npz);
        } else {
            data = Imdb.options().numWords(NUM_WORDS).load();
            String note = "the shared subset " + SUBSET + " is not here: used Keras's imdb.npz";
            System.out.println("Note: " + note);
            o.note(note);
        }
        boolean quick = args.quick();
        int train = args.intOption("--train", quick ? 1_500 : 5_000);
        int test = args.intOption("--test", quick ? 500 : 1_000);
        int maxlen = args.intOption("--maxlen", quick ? 50 : 100);
        int epochs = args.intOption("--epochs", quick ? 2 : 4);
        Path sentences = Datasets.find("imdb", SENTENCES);
        Result r = run(data, Imdb.getWordIndex(), sentences, train, test, maxlen, epochs, args.out());
        List<Double> acc = r.history().get("accuracy");
        o.figure("test accuracy", r.test().get("accuracy")).figure("test loss", r.test().get("loss"))
                .figure("train accuracy", acc.get(acc.size() - 1))
                .figure("reviews", String.format("%,d train, %,d test", Math.min(train, data.xTrain().length),
                        Math.min(test, data.xTest().length)))
                .figure("maxlen, epochs", maxlen + ", " + epochs);
        if (sentences != null) {
            o.figure("accuracy on the 1,000 labelled sentences", r.sentencesAccuracy());
        } else {
            o.note(SENTENCES + " is not here: predicted only the tutorial's own sentences");
        }
        return o.plot(r.plot()).build();
    }

    static Result run(Imdb.Data data, Map<String, Integer> wordIndex, Path sentences, int train, int test, int maxlen,
            int epochs, Path out) {
        int nTrain = Math.min(train, data.xTrain().length);
        int nTest = Math.min(test, data.xTest().length);
        int[][] reviews = Arrays.copyOf(data.xTrain(), nTrain);
        INDArray xTrain = Sequences.padSequences(reviews, Sequences.maxlen(maxlen));
        INDArray yTrain = labels(Arrays.copyOf(data.yTrain(), nTrain));
        INDArray xTest = Sequences.padSequences(Arrays.copyOf(data.xTest(), nTest), Sequences.maxlen(maxlen));
        INDArray yTest = labels(Arrays.copyOf(data.yTest(), nTest));
        double meanLength = Arrays.stream(reviews).mapToInt(a -> a.length).average().orElse(0);
        long cut = Arrays.stream(reviews).filter(a -> a.length > maxlen).count();
        System.out.printf("%,d training reviews (%.0f%% positive), %,d test reviews; words per review: %.0f on "
                + "average, %d%% longer than maxlen=%d (their beginning is cut)%n", nTrain,
                100 * yTrain.sumNumber().doubleValue() / nTrain, nTest, meanLength, 100 * cut / nTrain, maxlen);
        System.out.println("x_train " + Arrays.toString(xTrain.shape()) + "; review 0 ends with "
                + Arrays.toString(Arrays.copyOfRange(xTrain.getRow(0).toIntVector(), maxlen - 10, maxlen))
                + " = \"" + decode(reviews[0], wordIndex, 10) + "\"");

        Sequential model = new Sequential("imdb_lstm").seed(SEED);
        model.add(new Embedding(NUM_WORDS, 32).maskZero(true).inputLength(maxlen));
        model.add(new Dropout(0.2));
        model.add(new LSTM(32));
        model.add(new Dropout(0.2));
        model.add(new Dense(1).activation("sigmoid"));
        model.compile(new Adam(1e-3), "binary_crossentropy", "accuracy");
        model.summary();
        History h = model.fit(xTrain, yTrain, epochs(epochs), batchSize(32), validationData(xTest, yTest),
                verbose(2));
        Map<String, Double> scores = model.evaluate(xTest, yTest, batchSize(256));
        System.out.printf("Test loss %.4f, test accuracy %.4f (half the reviews are positive: guessing gives 0.5)%n",
                scores.get("loss"), scores.get("accuracy"));
        Path plot = out.resolve("imdb.png");
        Plots.history(h, plot);
        System.out.println("Training curves: " + plot);

        System.out.println();
        System.out.println("Raw text, encoded as the data set was (label: 1 positive, 0 negative):");
        double[] own = predict(model, OWN, wordIndex, maxlen);
        for (int i = 0; i < OWN.size(); i++) {
            System.out.printf("  P(positive) %.3f  label %d  %s%n", own[i], OWN_LABELS[i], OWN.get(i));
        }
        double sentencesAccuracy = Double.NaN;
        if (sentences != null) {
            Imdb.LabelledTexts labelled = Imdb.labelledSentences(sentences);
            List<String> texts = labelled.texts();
            int[] labels = labelled.labels();
            double[] p = predict(model, texts, wordIndex, maxlen);
            int right = 0;
            for (int i = 0; i < p.length; i++) {
                right += (p[i] > 0.5 ? 1 : 0) == labels[i] ? 1 : 0;
                if (i < 6) {
                    System.out.printf("  P(positive) %.3f  label %d  %s%n", p[i], labels[i], texts.get(i));
                }
            }
            sentencesAccuracy = right / (double) p.length;
            System.out.printf("Accuracy on all %,d labelled sentences of %s (one-liners, shorter than the reviews the "
                    + "model learned from): %.4f%n", p.length, sentences.getFileName(), sentencesAccuracy);
        }
        return new Result(h, scores, own, sentencesAccuracy, plot);
    }

    /** The last {@code n} words of a review, decoded back (ids 2 as "?"), as Keras users check their data. */
    static String decode(int[] review, Map<String, Integer> wordIndex, int n) {
        String[] byId = new String[NUM_WORDS];
        wordIndex.forEach((w, rank) -> {
            if (rank + 3 < NUM_WORDS) {
                byId[rank + 3] = w;
            }
        });
        List<String> words = new ArrayList<>();
        for (int i = Math.max(0, review.length - n); i < review.length; i++) {
            int id = review[i];
            words.add(id >= 3 && byId[id] != null ? byId[id] : id == 1 ? "<start>" : "?");
        }
        return String.join(" ", words);
    }

    private static double[] predict(Sequential model, List<String> texts, Map<String, Integer> wordIndex, int maxlen) {
        int[][] encoded = texts.stream().map(t -> Imdb.encodeText(t, wordIndex, NUM_WORDS)).toArray(int[][]::new);
        return model.predict(Sequences.padSequences(encoded, Sequences.maxlen(maxlen))).reshape(texts.size())
                .toDoubleVector();
    }

    private static INDArray labels(int[] y) {
        return Nd4j.createFromArray(Arrays.stream(y).asDoubleStream().toArray()).reshape(y.length, 1);
    }
}

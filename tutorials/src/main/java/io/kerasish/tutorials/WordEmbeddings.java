package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.TextFiles;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Embedding;
import io.kerasish.layers.Flatten;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.preprocessing.text.Tokenizer;
import io.kerasish.utils.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tutorial 10: word embeddings, a small word2vec (skip-gram) trained with an ordinary Keras model. A word's vector
 * is learned from the words around it: the model reads one word (its id) and must predict a word that occurs near
 * it in the text. Words used in the same surroundings ("said", "replied", "asked") get similar vectors, so after
 * training the nearest vectors of a word, by cosine similarity, are words used like it.
 *
 * <ol>
 *   <li>Corpus: Alice's Adventures in Wonderland (the course's text, {@link TextFiles#alice()}), lowercased, cut
 *       into paragraphs. Alice's dialogue is in single quotes, which Keras's {@link Tokenizer} keeps (for words
 *       like "don't"), so quotes that are not inside a word are removed first.</li>
 *   <li>Vocabulary: {@code Tokenizer.fitOnTexts} numbers the words by frequency from 1; the {@code VOCAB - 1} most
 *       frequent ones are kept (id 0 is unused, as in Keras, where it is padding).</li>
 *   <li>Training pairs (center, context): every kept word with each kept word at most {@code WINDOW} positions
 *       away. Very frequent words ("the", "and") are subsampled as in word2vec (a word of frequency f is kept with
 *       probability {@code sqrt(t/f) + t/f}, t = 1e-3), so they do not drown the rest.</li>
 *   <li>Model: {@code Embedding(VOCAB, 50, input_length=1) -> Flatten -> Dense(VOCAB, softmax)} with
 *       {@code sparse_categorical_crossentropy} (the context word's id is the label), Adam(0.01), batch 1024, 8
 *       epochs. The Embedding's weight matrix, one row per word, is the set of word vectors.</li>
 *   <li>Nearest neighbours of a few words by cosine similarity, and a 2-D picture: the 50 most frequent words of
 *       four letters or more, projected on the two principal components of their (unit-length) vectors, in
 *       {@code words.png}; the loss per epoch in {@code loss.png}.</li>
 * </ol>
 *
 * <p>Usage: {@code word2vec [text.txt] [--epochs N] [--out DIR] [--quick]}: a UTF-8 text file of your own instead of
 * Alice. {@code --quick}: the first 40,000 characters, 300 words, 5 epochs.
 */
public final class WordEmbeddings {
    static final int DIM = 50;
    static final int WINDOW = 2;
    static final double SUBSAMPLE = 1e-3;
    static final long SEED = 1;
    /** Large batches: each step is cheap, so fewer, larger steps train the same vectors faster. */
    static final int BATCH = 1024;
    /** Words whose neighbours are printed (those in the vocabulary). */
    static final List<String> PROBES = List.of("alice", "queen", "king", "rabbit", "said", "hatter", "turtle",
            "little", "head", "thought");

    private WordEmbeddings() {
    }

    /** What the run measured, for its test. */
    record Result(int vocabulary, int pairs, List<Double> loss, INDArray vectors, Map<String, List<String>> neighbours,
            Path wordsPlot, Path lossPlot) {
    }

    public static void main(String[] args) {
        run(Args.parse("word2vec", args));
    }

    static Outcome run(Args args) {
        String text = args.path(0) == null ? TextFiles.alice() : TextFiles.load(args.path(0));
        String source = args.path(0) == null ? "Alice's Adventures in Wonderland" : args.path(0).toString();
        if (args.quick()) {
            text = text.substring(0, Math.min(text.length(), 40_000));
            source += " (QUICK: its first 40,000 characters)";
        }
        Result r = run(text, source, args.quick() ? 300 : 1000, args.intOption("--epochs", args.quick() ? 5 : 8),
                args.out());
        List<Double> loss = r.loss();
        Outcome.Builder o = Outcome.builder().figure("vocabulary", String.valueOf(r.vocabulary()))
                .figure("training pairs", String.format("%,d", r.pairs()))
                .figure("loss, first epoch", loss.get(0)).figure("loss, last epoch", loss.get(loss.size() - 1))
                .figure("uniform guess, ln(vocabulary - 1)", Math.log(r.vocabulary() - 1));
        r.neighbours().forEach((w, n) -> o.figure("nearest to " + w, String.join(", ", n)));
        return o.plot(r.wordsPlot()).plot(r.lossPlot()).build();
    }

    static Result run(String text, String source, int vocab, int epochs, Path out) {
        // 1. The corpus: lowercased paragraphs, quotes that are not apostrophes inside a word removed
        List<String> paragraphs = new ArrayList<>();
        for (String p : text.toLowerCase(Locale.ROOT).split("\\n\\s*\\n")) {
            String clean = p.replaceAll("(?<!\\p{L})'|'(?!\\p{L})", " ");
            if (!clean.isBlank()) {
                paragraphs.add(clean);
            }
        }
        // 2. The vocabulary: ids by frequency, from 1
        Tokenizer tokenizer = new Tokenizer();
        tokenizer.fitOnTexts(paragraphs);
        int[][] sequences = tokenizer.textsToSequences(paragraphs);
        int v = Math.min(vocab, tokenizer.wordIndex().size() + 1);
        long words = tokenizer.wordCounts().values().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("Corpus: %s, %d paragraphs, %,d words, %,d distinct; vocabulary: the %d most frequent "
                + "(ids 1-%d)%n", source, paragraphs.size(), words, tokenizer.wordIndex().size(), v - 1, v - 1);

        // 3. (center, context) pairs within WINDOW words, frequent words subsampled
        float[][] pairs = skipGramPairs(sequences, v, tokenizer, words);
        int n = pairs[0].length;
        System.out.printf("Skip-gram pairs (window %d, subsampling t=%s): %,d, e.g.", WINDOW, SUBSAMPLE, n);
        for (int i = 0; i < 4; i++) {
            System.out.printf(" (%s -> %s)", tokenizer.indexWord().get((int) pairs[0][i]),
                    tokenizer.indexWord().get((int) pairs[1][i]));
        }
        System.out.println();
        INDArray x = Nd4j.createFromArray(pairs[0]).reshape(n, 1);
        INDArray y = Nd4j.createFromArray(pairs[1]).reshape(n, 1);

        // 4. The model: the Embedding's rows are the word vectors
        Sequential model = new Sequential("skip_gram").seed(SEED);
        model.add(new Embedding(v, DIM).inputLength(1).name("embedding"));
        model.add(new Flatten());
        model.add(new Dense(v).activation("softmax"));
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy");
        model.summary();
        History h = model.fit(x, y, epochs(epochs), batchSize(BATCH), verbose(2));
        List<Double> loss = h.get("loss");
        System.out.printf("Loss %.4f -> %.4f; guessing uniformly among the %d words would give ln(%d) = %.4f%n",
                loss.get(0), loss.get(loss.size() - 1), v - 1, v - 1, Math.log(v - 1));

        // 5. Word vectors: the Embedding's weights, one row per id; unit length, so a dot product is the cosine
        INDArray vectors = model.getLayer("embedding").getWeights().get(0);
        INDArray unit = vectors.div(vectors.norm2(1).reshape(v, 1).add(1e-12));
        System.out.printf("Embedding matrix: %s (one %d-dimensional vector per word id)%n",
                Arrays.toString(vectors.shape()), DIM);
        Map<String, List<String>> neighbours = new java.util.LinkedHashMap<>();
        System.out.println("Nearest words by cosine similarity:");
        for (String w : PROBES) {
            Integer id = tokenizer.wordIndex().get(w);
            if (id == null || id >= v) {
                continue;
            }
            double[] sim = unit.mmul(unit.getRow(id).reshape(DIM, 1)).toDoubleVector();
            List<Integer> order = new ArrayList<>();
            for (int i = 1; i < v; i++) {
                if (i != id) {
                    order.add(i);
                }
            }
            order.sort((a, b) -> Double.compare(sim[b], sim[a]));
            List<String> near = new ArrayList<>();
            StringBuilder line = new StringBuilder(String.format("  %-9s", w));
            for (int i : order.subList(0, 6)) {
                near.add(tokenizer.indexWord().get(i));
                line.append(String.format(" %s (%.2f)", tokenizer.indexWord().get(i), sim[i]));
            }
            neighbours.put(w, near);
            System.out.println(line);
        }

        // 6. A 2-D picture of 50 frequent words: the first two principal components of their vectors
        List<String> shown = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i < v && shown.size() < 50; i++) {
            String w = tokenizer.indexWord().get(i);
            if (w.length() >= 4) {
                shown.add(w);
                ids.add(i);
            }
        }
        double[][] points = new double[ids.size()][];
        for (int k = 0; k < points.length; k++) {
            points[k] = unit.getRow(ids.get(k)).toDoubleVector();
        }
        double[][] xy = pca2(points);
        Path wordsPlot = out.resolve("words.png");
        Plots.scatter("Word vectors of " + shown.size() + " frequent words (PCA)", "principal component 1",
                "principal component 2", xy[0], xy[1], shown, wordsPlot);
        Path lossPlot = out.resolve("loss.png");
        Plots.history(h, lossPlot, "loss");
        System.out.println("Plots: " + wordsPlot + ", " + lossPlot);
        return new Result(v, n, loss, vectors, neighbours, wordsPlot, lossPlot);
    }

    /**
     * Keras's {@code skipgrams} without negative sampling, for a softmax over the vocabulary: for each word with an
     * id below {@code v} (kept with word2vec's subsampling probability), each neighbour within {@link #WINDOW} words
     * that also has an id below {@code v}. Shuffled. Returns {centers, contexts}.
     */
    static float[][] skipGramPairs(int[][] sequences, int v, Tokenizer tokenizer, long words) {
        Random random = new Random(SEED);
        double[] keep = new double[v];
        for (int i = 1; i < v; i++) {
            double f = tokenizer.wordCounts().get(tokenizer.indexWord().get(i)) / (double) words;
            keep[i] = Math.min(1, Math.sqrt(SUBSAMPLE / f) + SUBSAMPLE / f);
        }
        List<int[]> pairs = new ArrayList<>();
        for (int[] s : sequences) {
            for (int i = 0; i < s.length; i++) {
                if (s[i] >= v || random.nextDouble() >= keep[s[i]]) {
                    continue;
                }
                for (int j = Math.max(0, i - WINDOW); j <= Math.min(s.length - 1, i + WINDOW); j++) {
                    if (j != i && s[j] < v) {
                        pairs.add(new int[] {s[i], s[j]});
                    }
                }
            }
        }
        Collections.shuffle(pairs, random);
        float[][] out = new float[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }

    /**
     * The rows of {@code points} projected on their first two principal components: the data centred, then the two
     * leading eigenvectors of its covariance matrix found by power iteration (the second after removing the first).
     * Returns {xs, ys}.
     */
    static double[][] pca2(double[][] points) {
        int n = points.length;
        int d = points[0].length;
        double[][] c = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] p : points) {
                mean += p[j] / n;
            }
            for (int i = 0; i < n; i++) {
                c[i][j] = points[i][j] - mean;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : c) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += row[a] * row[b] / n;
                }
            }
        }
        double[][] out = new double[2][n];
        for (int k = 0; k < 2; k++) {
            double[] u = new double[d];
            Arrays.fill(u, 1 / Math.sqrt(d));
            double lambda = 0;
            for (int it = 0; it < 1000; it++) {
                double[] next = new double[d];
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        next[a] += cov[a][b] * u[b];
                    }
                }
                double norm = Math.sqrt(Arrays.stream(next).map(t -> t * t).sum());
                if (norm == 0) {
                    break;
                }
                for (int a = 0; a < d; a++) {
                    next[a] /= norm;
                }
                double change = 0;
                for (int a = 0; a < d; a++) {
                    change += Math.abs(next[a] - u[a]);
                }
                u = next;
                lambda = norm;
                if (change < 1e-10) {
                    break;
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    s += c[i][a] * u[a];
                }
                out[k][i] = s;
            }
            for (int a = 0; a < d; a++) { // deflate: remove this component before looking for the next
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * u[a] * u[b];
                }
            }
        }
        return out;
    }
}

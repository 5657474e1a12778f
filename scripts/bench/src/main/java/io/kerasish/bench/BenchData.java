package io.kerasish.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasish.datasets.Datasets;
import io.kerasish.datasets.FashionMnist;
import io.kerasish.datasets.ImageData;
import io.kerasish.datasets.Imdb;
import io.kerasish.datasets.TextFiles;
import io.kerasish.preprocessing.sequence.Sequences;
import io.kerasish.utils.Utils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Writes each model's data once, as float32 .npy files plus {@code meta.json}, so that kerasish, raw DL4J and
 * PyTorch train on identical arrays: real Fashion-MNIST (MLP, LeNet-5), the shared IMDB subset of
 * {@code imdb.load_data(num_words=500)} (Embedding+LSTM), Alice's text as one-hot 40-character windows (char-LSTM),
 * and eight random 224x224x3 images (VGG-16 inference).
 */
final class BenchData {
    static final long SEED = 42;
    /**
     * The version of what meta.json asks for; data prepared under another is prepared again. 2: more epochs (the
     * throughput is the fastest after the first), for the JIT compiler to finish before the timed epochs: IMDB's
     * epochs are 50 batches, and its second took 1.2-1.5 s where the fifth took 0.6-0.7.
     */
    static final int PROTOCOL = 2;
    /**
     * Epochs per model. An epoch of the Fashion-MNIST models is 938 batches; Alice's is 64 (of 35 ms each: its
     * second epoch was 4% slower than its fourth), IMDB's 50 (of 13 ms).
     */
    static final int EPOCHS = 3;
    static final int IMDB_EPOCHS = 6;

    private BenchData() {
    }

    /**
     * Prepares {@code dir/model} unless its meta.json is there already, of this {@link #PROTOCOL}; {@code quick}
     * makes every set small.
     */
    static Path prepare(Path dir, String model, boolean quick) {
        Path d = dir.resolve(model);
        if (Files.exists(d.resolve("meta.json"))) {
            if (Meta.read(d).json().path("protocol").asInt() == PROTOCOL) {
                return d;
            }
            System.out.println("bench: the " + model + " data in " + d + " is from an older protocol");
            delete(d);
        }
        System.out.println("bench: preparing the " + model + " data in " + d);
        switch (model) {
            case "mlp", "lenet" -> fashion(dir, d, model, quick);
            case "imdb" -> imdb(d, quick);
            case "alice" -> alice(d, quick);
            case "vgg16" -> vgg(d, quick);
            default -> throw new IllegalArgumentException("unknown model " + model + "; models: mlp, lenet, imdb, alice, vgg16");
        }
        return d;
    }

    private static ObjectNode meta(String model, int batch, int inferBatch, int epochs, String optimizer, double lr) {
        ObjectNode m = Meta.JSON.createObjectNode();
        m.put("model", model).put("batch", batch).put("infer_batch", inferBatch).put("infer_repeats", 1)
                .put("epochs", epochs).put("optimizer", optimizer).put("lr", lr).put("seed", SEED)
                .put("protocol", PROTOCOL);
        return m;
    }

    /** Fashion-MNIST scaled to [0,1], one-hot labels; the arrays are written once and linked for the second model. */
    private static void fashion(Path root, Path d, String model, boolean quick) {
        Path shared = root.resolve("fashion-mnist");
        if (!Files.exists(shared.resolve("y_test.npy"))) {
            ImageData data = FashionMnist.loadData();
            int train = quick ? 6_000 : 60_000;
            int test = quick ? 2_000 : 10_000;
            mkdirs(shared);
            Meta.writeArray(shared, "x_train", ImageData.scaled(data.xTrain()).get(NDArrayIndex.interval(0, train)));
            Meta.writeArray(shared, "y_train", Utils.toCategorical(data.yTrain(), 10).get(NDArrayIndex.interval(0, train)));
            Meta.writeArray(shared, "x_test", ImageData.scaled(data.xTest()).get(NDArrayIndex.interval(0, test)));
            Meta.writeArray(shared, "y_test", Utils.toCategorical(data.yTest(), 10).get(NDArrayIndex.interval(0, test)));
        }
        mkdirs(d);
        for (String name : new String[] {"x_train", "y_train", "x_test", "y_test"}) {
            try {
                Files.createSymbolicLink(d.resolve(name + ".npy"), Path.of("..", "fashion-mnist", name + ".npy"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Meta.write(d, meta(model, 64, 256, EPOCHS, "adam", 1e-3));
    }

    /** The shared IMDB subset (num_words 500), reviews padded/truncated in front to maxlen 100 as Keras does. */
    private static void imdb(Path d, boolean quick) {
        int maxlen = 100;
        int train = quick ? 320 : 1_600;
        int test = quick ? 256 : 1_000;
        Path subset = Datasets.find("imdb", "keras-imdb-subset-nw500/imdb.npz"); // the project's shared data
        Imdb.Data data = subset != null ? Imdb.options().numWords(500).load(subset) : Imdb.options().numWords(500).load();
        mkdirs(d);
        Meta.writeArray(d, "x_train", Sequences.padSequences(Arrays.copyOf(data.xTrain(), train), Sequences.maxlen(maxlen)));
        Meta.writeArray(d, "y_train", labels(Arrays.copyOf(data.yTrain(), train)));
        Meta.writeArray(d, "x_test", Sequences.padSequences(Arrays.copyOf(data.xTest(), test), Sequences.maxlen(maxlen)));
        Meta.writeArray(d, "y_test", labels(Arrays.copyOf(data.yTest(), test)));
        ObjectNode m = meta("imdb", 32, 256, IMDB_EPOCHS, "adam", 1e-3);
        m.put("num_words", 500).put("maxlen", maxlen).put("embedding_dim", 32).put("units", 32).put("dropout", 0.2);
        Meta.write(d, m);
    }

    private static INDArray labels(int[] y) {
        return Nd4j.createFromArray(y).castTo(DataType.FLOAT).reshape(y.length, 1);
    }

    /** The Keras example's windows: 40 lower-cased characters (step 3) one-hot, and the next character one-hot. */
    private static void alice(Path d, boolean quick) {
        int maxlen = 40;
        int step = 3;
        int train = quick ? 1_024 : 8_192;
        int test = quick ? 256 : 1_024;
        String text = TextFiles.alice().toLowerCase(Locale.ROOT).substring(0, (train + test) * step + maxlen + 1);
        TreeSet<Character> chars = new TreeSet<>();
        text.chars().forEach(c -> chars.add((char) c));
        int[] index = new int[Character.MAX_VALUE + 1];
        int v = 0;
        for (char c : chars) {
            index[c] = v++;
        }
        int n = train + test;
        float[] x = new float[n * maxlen * v];
        float[] y = new float[n * v];
        for (int i = 0; i < n; i++) {
            int start = i * step;
            for (int t = 0; t < maxlen; t++) {
                x[(i * maxlen + t) * v + index[text.charAt(start + t)]] = 1f;
            }
            y[i * v + index[text.charAt(start + maxlen)]] = 1f;
        }
        INDArray xs = Nd4j.create(x, new long[] {n, maxlen, v}, 'c');
        INDArray ys = Nd4j.create(y, new long[] {n, v}, 'c');
        mkdirs(d);
        Meta.writeArray(d, "x_train", xs.get(NDArrayIndex.interval(0, train)));
        Meta.writeArray(d, "y_train", ys.get(NDArrayIndex.interval(0, train)));
        Meta.writeArray(d, "x_test", xs.get(NDArrayIndex.interval(train, n)));
        Meta.writeArray(d, "y_test", ys.get(NDArrayIndex.interval(train, n)));
        ObjectNode m = meta("alice", 128, 128, EPOCHS, "rmsprop", 0.01);
        m.put("units", 128).put("vocab", v).put("maxlen", maxlen);
        Meta.write(d, m);
    }

    /** Eight random images, channels-last; inference only (the weights are random too: speed does not depend on them). */
    private static void vgg(Path d, boolean quick) {
        mkdirs(d);
        Nd4j.getRandom().setSeed(SEED);
        Meta.writeArray(d, "x_test", Nd4j.rand(DataType.FLOAT, 8, 224, 224, 3).muli(255).subi(128));
        ObjectNode m = meta("vgg16", 8, 8, 0, "none", 0);
        m.put("infer_repeats", quick ? 1 : 3).put("classes", 1000);
        Meta.write(d, m);
    }

    /** A model's directory: its files and links (the links' targets, the shared Fashion-MNIST arrays, stay). */
    private static void delete(Path d) {
        try (var files = Files.list(d)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
            Files.delete(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path d) {
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

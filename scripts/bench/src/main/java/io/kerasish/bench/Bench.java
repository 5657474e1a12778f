package io.kerasish.bench;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.FashionMnist;
import io.kerasish.datasets.ImageData;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.utils.Utils;
import io.kerasish.zoo.LeNet5;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains the same networks on the same Fashion-MNIST data, batches (64), optimizer (Adam 1e-3) and seed through
 * kerasish and through hand-written raw DL4J ({@link RawModels}), in one JVM, and reports training and inference
 * examples/s, their ratio, test accuracy and peak RSS. Run with {@code scripts/bench/run}; not a test.
 *
 * <p>Arguments: {@code --examples N} training examples per epoch (default 60000), {@code --epochs E} (default 2;
 * the last epoch is timed), {@code --rounds R} (default 3), {@code --models mlp,lenet}, {@code --out FILE}.
 */
public final class Bench {
    private static final int BATCH = 64;
    private static final long SEED = 42;

    record Row(String model, String impl, double trainPerSec, double inferPerSec, double accuracy) {
    }

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        int examples = 60_000;
        int epochCount = 2;
        int rounds = 3;
        List<String> models = List.of("mlp", "lenet");
        Path out = Path.of("scripts/bench/results/latest.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--examples" -> examples = Integer.parseInt(args[++i]);
                case "--epochs" -> epochCount = Integer.parseInt(args[++i]);
                case "--models" -> models = List.of(args[++i].split(","));
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // the settings kerasish picks by default (oneDNN helpers, BLAS threads) apply to both sides
        io.kerasish.internal.NativeSetup.ensure();
        ImageData data = FashionMnist.loadData();
        INDArray xTrain = ImageData.scaled(data.xTrain()).get(NDArrayIndex.interval(0, examples)).dup();
        INDArray yTrain = Utils.toCategorical(data.yTrain(), 10).get(NDArrayIndex.interval(0, examples)).dup();
        INDArray xTest = ImageData.scaled(data.xTest());
        INDArray yTest = Utils.toCategorical(data.yTest(), 10);

        List<Row> rows = new ArrayList<>();
        for (String model : models) {
            // raw, then kerasish, alternating for some rounds, keeping the best of each: drift hits both sides
            Row raw = null;
            Row facade = null;
            for (int round = 0; round < rounds; round++) {
                raw = best(raw, runRaw(model, xTrain, yTrain, xTest, yTest, epochCount));
                facade = best(facade, runKerasish(model, xTrain, yTrain, xTest, yTest, epochCount));
            }
            rows.add(raw);
            rows.add(facade);
            System.out.println(format(raw));
            System.out.println(format(facade));
        }
        String report = report(rows, examples, epochCount, rounds);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, report);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("written to " + out);
    }

    private static Row best(Row a, Row b) {
        if (a == null) {
            return b;
        }
        return new Row(b.model(), b.impl(), Math.max(a.trainPerSec(), b.trainPerSec()),
                Math.max(a.inferPerSec(), b.inferPerSec()), b.accuracy());
    }

    /** Best time of three runs after one warm-up run. */
    private static double bestSeconds(Runnable r) {
        r.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    static Sequential kerasishModel(String model) {
        Sequential m;
        if (model.equals("mlp")) {
            m = new Sequential("mlp");
            m.add(new Flatten().inputShape(28, 28, 1));
            m.add(new Dense(512).activation("relu"));
            m.add(new Dense(256).activation("relu"));
            m.add(new Dense(10).activation("softmax"));
        } else {
            m = LeNet5.build();
        }
        m.seed(SEED);
        m.compile(new Adam(1e-3), "categorical_crossentropy");
        return m;
    }

    static Row runKerasish(String model, INDArray x, INDArray y, INDArray xTest, INDArray yTest, int epochCount) {
        Sequential m = kerasishModel(model);
        double seconds = 0;
        for (int e = 0; e < epochCount; e++) {
            long t0 = System.nanoTime();
            m.fit(x, y, epochs(1), batchSize(BATCH), verbose(0));
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        double inferSeconds = bestSeconds(() -> m.predict(xTest, batchSize(256)));
        INDArray p = m.predict(xTest, batchSize(256));
        return new Row(model, "kerasish", x.size(0) / seconds, xTest.size(0) / inferSeconds, accuracy(p, yTest));
    }

    static Row runRaw(String model, INDArray x, INDArray y, INDArray xTest, INDArray yTest, int epochCount) {
        MultiLayerNetwork net = model.equals("mlp") ? RawModels.mlp(SEED) : RawModels.lenet5(SEED);
        INDArray xs = rawInput(model, x);
        INDArray xt = rawInput(model, xTest);
        double seconds = 0;
        for (int e = 0; e < epochCount; e++) {
            long t0 = System.nanoTime();
            DataSet all = new DataSet(xs.dup(), y.dup());
            all.shuffle(SEED + e);
            net.fit(new ListDataSetIterator<>(all.batchBy(BATCH), 1)); // 1 DataSet (of BATCH examples) per step
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        double inferSeconds = bestSeconds(() -> rawPredict(net, xt));
        INDArray p = rawPredict(net, xt);
        return new Row(model, "raw DL4J", x.size(0) / seconds, xTest.size(0) / inferSeconds, accuracy(p, yTest));
    }

    static INDArray rawPredict(MultiLayerNetwork net, INDArray x) {
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < x.size(0); from += 256) {
            parts.add(net.output(x.get(NDArrayIndex.interval(from, Math.min(x.size(0), from + 256))), false));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** The layout a raw DL4J user loads the data in, converted once outside the timings: [N, 784] or NCHW. */
    static INDArray rawInput(String model, INDArray keras) {
        return model.equals("mlp") ? keras.reshape('c', keras.size(0), 784).dup()
                : keras.permute(0, 3, 1, 2).dup('c');
    }

    static double accuracy(INDArray p, INDArray y) {
        return Nd4j.argMax(p, 1).eq(Nd4j.argMax(y, 1)).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }

    private static String format(Row r) {
        return String.format(Locale.ROOT, "%-6s %-9s train %8.0f ex/s  infer %8.0f ex/s  test acc %.4f", r.model(),
                r.impl(), r.trainPerSec(), r.inferPerSec(), r.accuracy());
    }

    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    static String report(List<Row> rows, int examples, int epochCount, int rounds) {
        StringBuilder b = new StringBuilder();
        b.append("# kerasish vs raw DL4J, Fashion-MNIST\n\n");
        b.append(String.format(Locale.ROOT, "%s, %d cores, %s %s, Java %s, OMP_NUM_THREADS=%s; %d training examples, "
                        + "batch %d, Adam(1e-3), epoch %d of %d timed, best of %d alternating rounds; inference batch 256 on 10,000 test images, best of 3.%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getenv("OMP_NUM_THREADS"),
                examples, BATCH, epochCount, epochCount, rounds));
        b.append("| model | implementation | train examples/s | inference examples/s | test accuracy |\n");
        b.append("|---|---|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.4f |%n", r.model(), r.impl(),
                    r.trainPerSec(), r.inferPerSec(), r.accuracy()));
        }
        b.append("\n| model | kerasish / raw DL4J, training | kerasish / raw DL4J, inference |\n|---|---:|---:|\n");
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            Row raw = rows.get(i);
            Row k = rows.get(i + 1);
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", raw.model(), k.trainPerSec() / raw.trainPerSec(),
                    k.inferPerSec() / raw.inferPerSec()));
        }
        b.append(String.format(Locale.ROOT, "%nPeak RSS of the whole run (both implementations, all models): %.0f MB%n",
                peakRssKb() / 1024.0));
        return b.toString();
    }
}

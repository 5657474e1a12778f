package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationData;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.FashionMnist;
import io.kerasish.datasets.ImageData;
import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.utils.Plots;
import io.kerasish.utils.Utils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 15: random search vs grid search (Bergstra and Bengio, 2012). Two hyperparameters of an MLP on
 * Fashion-MNIST (784 pixels, Dense(units, relu), Dense(10, softmax), Adam) are tuned with the same budget of 9
 * trials, each scored by its validation accuracy:
 * <ul>
 *   <li><b>grid search</b> tries every pair of 3 learning rates (1e-4, 1e-3, 1e-2) and 3 widths (16, 64, 256);</li>
 *   <li><b>random search</b> draws 9 pairs from the same ranges, both on a logarithmic scale (a learning rate of
 *       1e-4 to 1e-3 is as wide a step as 1e-3 to 1e-2), with a fixed seed.</li>
 * </ul>
 * The learning rate matters more than the width here (the grid's mean score per value of each shows it). The grid
 * spends its 9 trials on only 3 learning rates, 3 times each; random search tries 9 different learning rates (and
 * 9 widths), so it sees more of the one that matters. Both tables are printed sorted by score, with the best of each, which is then evaluated once on the
 * test set. {@code search-trials.png} shows the trials in the (learning rate, units) plane labelled with their
 * scores, {@code search-scores.png} the score against the learning rate.
 *
 * <p>Usage: {@code search [--trials N] [--seed S] [--epochs N] [--out DIR] [--quick]}: 5,000 training images
 * (the next 2,000 for validation), 5 epochs of batches of 64 per trial; {@code --quick}: 1,000 images (500 for
 * validation), 3 epochs. {@code --trials} must be a square for the grid (4, 9, 16). Without Fashion-MNIST the
 * loader's error says which files to put where.
 */
public final class HyperparameterSearch {
    static final double MIN_LR = 1e-4;
    static final double MAX_LR = 1e-2;
    static final int MIN_UNITS = 16;
    static final int MAX_UNITS = 256;

    private HyperparameterSearch() {
    }

    /** One setting of the hyperparameters and, once trained, its validation accuracy. */
    record Trial(double learningRate, int units, double score) {
        Trial scored(double s) {
            return new Trial(learningRate, units, s);
        }
    }

    /** What the run measured, for its test: both searches' trials in the order they ran, the best's test accuracy. */
    record Result(List<Trial> grid, List<Trial> random, double gridTest, double randomTest, Path trialsPlot,
            Path scoresPlot) {
    }

    public static void main(String[] args) {
        run(Args.parse("search", args));
    }

    static Outcome run(Args args) {
        Result r = result(args);
        Trial g = best(r.grid());
        Trial s = best(r.random());
        return Outcome.builder()
                .figure("grid search, best", String.format("learning_rate %.1e, units %d: val_accuracy %.4f, test "
                        + "accuracy %.4f", g.learningRate(), g.units(), g.score(), r.gridTest()))
                .figure("random search, best", String.format("learning_rate %.1e, units %d: val_accuracy %.4f, "
                        + "test accuracy %.4f", s.learningRate(), s.units(), s.score(), r.randomTest()))
                .figure("learning rates tried (grid, random)", distinctRates(r.grid()) + ", "
                        + distinctRates(r.random()))
                .plot(r.trialsPlot()).plot(r.scoresPlot()).build();
    }

    /** The run that {@code args} asks for. */
    static Result result(Args args) {
        return run(FashionMnist.loadData(), args.quick() ? 1000 : 5000, args.quick() ? 500 : 2000,
                args.intOption("--epochs", args.quick() ? 3 : 5), args.intOption("--trials", 9),
                args.intOption("--seed", 15), args.out());
    }

    /** The grid: every pair of {@code side} learning rates and {@code side} widths, evenly spaced in log scale. */
    static List<Trial> grid(int trials) {
        int side = (int) Math.round(Math.sqrt(trials));
        if (side < 2 || side * side != trials) {
            throw new io.kerasish.InvalidConfigException("search: --trials must be a square of 2 or more (4, 9, "
                    + "16, ...) so that the grid has as many trials as random search; got " + trials);
        }
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < side; i++) {
            double lr = logBetween(MIN_LR, MAX_LR, (double) i / (side - 1));
            for (int j = 0; j < side; j++) {
                out.add(new Trial(lr, (int) Math.round(logBetween(MIN_UNITS, MAX_UNITS, (double) j / (side - 1))),
                        Double.NaN));
            }
        }
        return out;
    }

    /** {@code trials} settings drawn log-uniformly from the same ranges, repeatably for a seed. */
    static List<Trial> random(int trials, long seed) {
        Random rng = new Random(seed);
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            double lr = logBetween(MIN_LR, MAX_LR, rng.nextDouble());
            int units = (int) Math.round(logBetween(MIN_UNITS, MAX_UNITS, rng.nextDouble()));
            out.add(new Trial(lr, units, Double.NaN));
        }
        return out;
    }

    private static double logBetween(double lo, double hi, double t) {
        return Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)));
    }

    static Result run(ImageData data, int train, int validation, int epochs, int trials, long seed, Path out) {
        INDArray x = ImageData.scaled(data.xTrain().get(NDArrayIndex.interval(0, train + validation)))
                .reshape(train + validation, 784);
        INDArray y = Utils.toCategorical(data.yTrain().get(NDArrayIndex.interval(0, train + validation)), 10);
        Split split = new Split(x.get(NDArrayIndex.interval(0, train), NDArrayIndex.all()),
                y.get(NDArrayIndex.interval(0, train), NDArrayIndex.all()),
                x.get(NDArrayIndex.interval(train, train + validation), NDArrayIndex.all()),
                y.get(NDArrayIndex.interval(train, train + validation), NDArrayIndex.all()), epochs);
        System.out.printf("Fashion-MNIST: %,d training images, the next %,d for validation; each trial trains "
                + "Dense(units, relu) -> Dense(10, softmax) with Adam(learning_rate) for %d epochs%n", train,
                validation, epochs);
        System.out.printf("Ranges: learning_rate %.0e to %.0e, units %d to %d, both on a log scale; %d trials each%n",
                MIN_LR, MAX_LR, MIN_UNITS, MAX_UNITS, trials);

        Map<Trial, Sequential> models = new LinkedHashMap<>();
        List<Trial> grid = search("grid", grid(trials), split, models);
        List<Trial> random = search("random", random(trials, seed), split, models);
        print("Grid search", grid);
        print("Random search (seed " + seed + ")", random);
        System.out.println("Grid, mean val_accuracy per learning rate: " + meanBy(grid, t -> String.format("%.0e",
                t.learningRate())) + "; per width: " + meanBy(grid, t -> String.valueOf(t.units())));
        System.out.printf("Distinct learning rates tried: grid %d, random %d; distinct widths: grid %d, random %d%n",
                distinctRates(grid), distinctRates(random), grid.stream().map(Trial::units).distinct().count(),
                random.stream().map(Trial::units).distinct().count());

        INDArray xTest = ImageData.scaled(data.xTest()).reshape(data.xTest().size(0), 784);
        INDArray yTest = Utils.toCategorical(data.yTest(), 10);
        double gridTest = models.get(best(grid)).evaluate(xTest, yTest, batchSize(256)).get("accuracy");
        double randomTest = models.get(best(random)).evaluate(xTest, yTest, batchSize(256)).get("accuracy");
        System.out.printf("Best of the grid:   learning_rate %.2e, units %3d: val_accuracy %.4f, test accuracy %.4f%n",
                best(grid).learningRate(), best(grid).units(), best(grid).score(), gridTest);
        System.out.printf("Best of the random: learning_rate %.2e, units %3d: val_accuracy %.4f, test accuracy %.4f%n",
                best(random).learningRate(), best(random).units(), best(random).score(), randomTest);

        Path trialsPlot = out.resolve("search-trials.png");
        Plots.scatter("Trials and their val_accuracy", "learning_rate", "units", points(grid, random, true),
                trialsPlot, true, true);
        Path scoresPlot = out.resolve("search-scores.png");
        Plots.scatter("val_accuracy by learning rate", "learning_rate", "val_accuracy", points(grid, random, false),
                scoresPlot, true, false);
        System.out.println("Trials in the (learning_rate, units) plane: " + trialsPlot + "; score by learning rate: "
                + scoresPlot);
        return new Result(grid, random, gridTest, randomTest, trialsPlot, scoresPlot);
    }

    /** The training and validation data and the epochs of every trial. */
    private record Split(INDArray xTrain, INDArray yTrain, INDArray xVal, INDArray yVal, int epochs) {
    }

    /** Trains a fresh model for each setting; returns the settings with their scores, keeps the models. */
    private static List<Trial> search(String name, List<Trial> settings, Split d, Map<Trial, Sequential> models) {
        List<Trial> done = new ArrayList<>();
        for (Trial t : settings) {
            Sequential model = new Sequential().seed(15); // the same seed: only the hyperparameters differ
            model.add(new Dense(t.units()).inputDim(784).activation("relu"));
            model.add(new Dense(10).activation("softmax"));
            model.compile(new Adam(t.learningRate()), "categorical_crossentropy", "accuracy");
            History h = model.fit(d.xTrain(), d.yTrain(), epochs(d.epochs()), batchSize(64),
                    validationData(d.xVal(), d.yVal()), verbose(0));
            List<Double> acc = h.get("val_accuracy");
            Trial scored = t.scored(acc.get(acc.size() - 1));
            models.put(scored, model);
            done.add(scored);
            System.out.printf("%-6s trial %d/%d: learning_rate %.2e, units %3d -> val_accuracy %.4f%n", name,
                    done.size(), settings.size(), t.learningRate(), t.units(), scored.score());
        }
        return done;
    }

    private static void print(String title, List<Trial> trials) {
        System.out.println();
        System.out.println(title + ", best first:");
        System.out.printf("%4s %14s %6s %13s%n", "rank", "learning_rate", "units", "val_accuracy");
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingDouble(Trial::score).reversed());
        for (int i = 0; i < sorted.size(); i++) {
            Trial t = sorted.get(i);
            System.out.printf("%4d %14.2e %6d %13.4f%n", i + 1, t.learningRate(), t.units(), t.score());
        }
    }

    /** The mean score of the trials sharing each value of {@code key}, e.g. {@code {1e-04=0.72, 1e-03=0.81}}. */
    private static Map<String, String> meanBy(List<Trial> trials, java.util.function.Function<Trial, String> key) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        trials.forEach(t -> groups.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t.score()));
        Map<String, String> means = new LinkedHashMap<>();
        groups.forEach((k, v) -> means.put(k, String.format("%.4f", v.stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow())));
        return means;
    }

    static Trial best(List<Trial> trials) {
        return trials.stream().max(Comparator.comparingDouble(Trial::score)).orElseThrow();
    }

    static long distinctRates(List<Trial> trials) {
        return trials.stream().map(Trial::learningRate).distinct().count();
    }

    /** Both searches' trials as points: (learning rate, units) labelled with the score, or (learning rate, score). */
    private static Map<String, List<Plots.Point>> points(List<Trial> grid, List<Trial> random, boolean plane) {
        Map<String, List<Plots.Point>> series = new LinkedHashMap<>();
        series.put("grid", new ArrayList<>());
        series.put("random", new ArrayList<>());
        for (Trial t : grid) {
            series.get("grid").add(point(t, plane));
        }
        for (Trial t : random) {
            series.get("random").add(point(t, plane));
        }
        return series;
    }

    private static Plots.Point point(Trial t, boolean plane) {
        return plane ? new Plots.Point(t.learningRate(), t.units(), String.format("%.2f", t.score()))
                : new Plots.Point(t.learningRate(), t.score(), null);
    }
}

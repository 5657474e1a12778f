package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationData;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.AutoMpg;
import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.RMSprop;
import io.kerasish.utils.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tutorial 14: K-fold cross-validation, as Chollet validates his Boston-housing regression in <i>Deep Learning with
 * Python</i> (section 3.6), here on Auto MPG. With only 314 training cars, a single validation split of ~80 cars
 * gives a score that depends on which cars landed in it. K-fold validation splits the training cars into
 * {@code k} folds, trains a fresh model on {@code k - 1} of them and validates on the one left out, {@code k} times,
 * and averages: the spread of the {@code k} scores shows how much one split could have misled.
 *
 * <p>Each fold computes its normalization (mean and standard deviation of every feature) from its own training
 * part only, as any preprocessing must be fitted without the data it is validated on. The validation MAE of every
 * epoch, averaged over the folds, is drawn in {@code kfold-mae.png} to choose the number of epochs: where the
 * average, smoothed by a moving mean over 9 epochs (the book smooths with an exponential moving average, which
 * lags behind the curve and so would pick too many epochs), is lowest. A final model is then
 * trained on all training cars for that many epochs and evaluated once on the test cars, which took no part in any
 * of these choices.
 *
 * <p>Usage: {@code kfold [path/to/auto-mpg.data] [--folds K] [--epochs N] [--out DIR] [--quick]} ({@code --quick}:
 * 40 epochs per fold instead of 200).
 */
public final class KFold {
    static final long SEED = 14;
    static final int BATCH = 16;

    private KFold() {
    }

    /**
     * What the run measured, for its test: each fold's validation MAE after the last epoch, the validation MAE per
     * epoch averaged over folds, the epoch count chosen from it, and the final model's test MAE.
     */
    record Result(double[] foldMae, List<Double> meanCurve, int bestEpochs, double testMae, Path plot) {
        double mean() {
            return Arrays.stream(foldMae).average().orElseThrow();
        }

        /** The population standard deviation, as {@code np.std}. */
        double std() {
            double m = mean();
            return Math.sqrt(Arrays.stream(foldMae).map(v -> (v - m) * (v - m)).sum() / foldMae.length);
        }
    }

    public static void main(String[] args) {
        run(Args.parse("kfold", args));
    }

    static Outcome run(Args args) {
        Result r = result(args);
        int k = r.foldMae().length;
        return Outcome.builder()
                .figure("mean validation MAE (" + k + " folds)", String.format("%.3f ± %.3f", r.mean(), r.std()))
                .figure("fold MAEs", Arrays.toString(Arrays.stream(r.foldMae())
                        .mapToObj(v -> String.format("%.3f", v)).toArray()))
                .figure("epochs chosen", String.valueOf(r.bestEpochs()))
                .figure("test MAE, final model", r.testMae())
                .plot(r.plot()).build();
    }

    /** The run that {@code args} asks for. */
    static Result result(Args args) {
        AutoMpg.Data cars = args.path(0) == null ? AutoMpg.loadData() : AutoMpg.loadData(args.path(0));
        return run(cars, args.intOption("--folds", 4), args.intOption("--epochs", args.quick() ? 40 : 200),
                args.out());
    }

    static Result run(AutoMpg.Data data, int k, int epochs, Path out) {
        AutoMpg.Split split = data.oneHotOrigin().split(0.8, 0);
        AutoMpg.Data train = split.train(); // in random order: consecutive folds are random subsets
        int n = train.size();
        if (k < 2 || k > n) {
            throw new io.kerasish.InvalidConfigException("kfold: --folds must be between 2 and " + n + ", got " + k);
        }
        System.out.printf("Auto MPG: %d training cars in %d folds of about %d, %d test cars kept aside; %d epochs "
                + "per fold%n", n, k, n / k, split.test().size(), epochs);
        buildModel().summary();

        double[] foldMae = new double[k];
        List<List<Double>> curves = new ArrayList<>();
        for (int fold = 0; fold < k; fold++) {
            int from = fold * n / k;
            int to = (fold + 1) * n / k;
            AutoMpg.Data val = rows(train, from, to, true);
            AutoMpg.Data rest = rows(train, from, to, false);
            AutoMpg.Normalization norm = rest.normalization(); // from this fold's training part only
            Sequential model = buildModel();
            History h = model.fit(norm.apply(rest).x(), rest.y(), epochs(epochs), batchSize(BATCH),
                    validationData(norm.apply(val).x(), val.y()), verbose(0));
            List<Double> valMae = h.get("val_mae");
            curves.add(valMae);
            foldMae[fold] = valMae.get(valMae.size() - 1);
            System.out.printf("fold %d: validating on cars %d-%d, training on the other %d: val_mae %.3f after %d "
                    + "epochs (lowest %.3f)%n", fold + 1, from, to - 1, rest.size(), foldMae[fold], epochs,
                    valMae.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        }
        List<Double> mean = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            final int epoch = e;
            mean.add(curves.stream().mapToDouble(c -> c.get(epoch)).average().orElseThrow());
        }
        List<Double> smooth = smooth(mean, 4);
        int best = 0;
        for (int e = 1; e < epochs; e++) {
            if (smooth.get(e) < smooth.get(best)) {
                best = e;
            }
        }
        Result partial = new Result(foldMae, mean, best + 1, Double.NaN, null);
        System.out.printf("Validation MAE per fold: %s; mean %.3f, standard deviation %.3f (MPG)%n",
                Arrays.toString(Arrays.stream(foldMae).mapToObj(v -> String.format("%.3f", v)).toArray()),
                partial.mean(), partial.std());
        System.out.printf("Averaged over folds and smoothed, the validation MAE is lowest after %d epochs (%.3f)%n",
                best + 1, smooth.get(best));

        // as the book does, the first 10 epochs are left out of the plot: their MAE (from about 20 MPG down) would
        // squeeze the part that matters into a line
        int skip = epochs > 20 ? 10 : 0;
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (int f = 0; f < k; f++) {
            series.put("fold " + (f + 1), withoutFirst(curves.get(f), skip));
        }
        series.put("mean of the folds, smoothed (9 epochs)", withoutFirst(smooth, skip));
        Path plot = out.resolve("kfold-mae.png");
        Plots.lines("Auto MPG: validation MAE per epoch, " + k + "-fold" + (skip > 0 ? " (from epoch " + (skip + 1)
                + ")" : ""), "epoch", "val_mae (MPG)", series, plot);
        System.out.println("Validation MAE per epoch: " + plot);

        // the final model: every training car, the chosen number of epochs, one look at the test cars
        AutoMpg.Normalization norm = train.normalization();
        Sequential model = buildModel();
        model.fit(norm.apply(train).x(), train.y(), epochs(best + 1), batchSize(BATCH), verbose(0));
        Map<String, Double> test = model.evaluate(norm.apply(split.test()).x(), split.test().y());
        System.out.printf("Final model, trained on all %d training cars for %d epochs: test MAE %.3f, test MSE %.3f%n",
                n, best + 1, test.get("mae"), test.get("loss"));
        return new Result(foldMae, mean, best + 1, test.get("mae"), plot);
    }

    /** Chollet's model: two Dense(64, relu) layers and one linear output; RMSprop, MSE, metric MAE. */
    static Sequential buildModel() {
        Sequential model = new Sequential().seed(SEED);
        model.add(new Dense(64).inputDim(9).activation("relu"));
        model.add(new Dense(64).activation("relu"));
        model.add(new Dense(1));
        model.compile(new RMSprop(0.001), "mse", "mae");
        return model;
    }

    /** The cars {@code [from, to)} ({@code inside}) or all the others, in order. */
    static AutoMpg.Data rows(AutoMpg.Data d, int from, int to, boolean inside) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if ((i >= from && i < to) == inside) {
                idx.add(i);
            }
        }
        float[][] f = new float[idx.size()][];
        float[] y = new float[idx.size()];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < idx.size(); j++) {
            f[j] = d.features()[idx.get(j)];
            y[j] = d.mpg()[idx.get(j)];
            names.add(d.carNames().get(idx.get(j)));
        }
        return new AutoMpg.Data(f, y, names, d.columnNames());
    }

    /** The values with the first {@code n} left blank (null: a gap in the plot, which keeps the epoch numbers). */
    private static List<Double> withoutFirst(List<Double> values, int n) {
        List<Double> out = new ArrayList<>(values);
        for (int i = 0; i < Math.min(n, out.size()); i++) {
            out.set(i, null);
        }
        return out;
    }

    /** A centred moving mean: each value averaged with up to {@code half} neighbours on each side. */
    static List<Double> smooth(List<Double> values, int half) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(values.size(), i + half + 1);
            out.add(values.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        }
        return out;
    }
}

package io.kerasish.tutorials;

import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationSplit;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.callbacks.CSVLogger;
import io.kerasish.callbacks.EarlyStopping;
import io.kerasish.callbacks.ModelCheckpoint;
import io.kerasish.datasets.AutoMpg;
import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.utils.Plots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tutorial 12: Auto MPG regression, TensorFlow's "Basic regression" exercise with Keras's callbacks. An MLP that
 * is deliberately too big (3 x 256 hidden units for 250 training cars) predicts fuel efficiency from 9 normalized
 * features. Trained for many epochs it over-fits: the training loss keeps falling far below the validation loss,
 * which stops improving, and the test loss ends worse. {@code EarlyStopping} stops a second run 10 epochs after
 * the validation loss last improved and restores the best weights; {@code ModelCheckpoint} saves the best model to
 * {@code best.h5}, which is loaded back and must predict exactly what the trained model predicts. {@code CSVLogger}
 * writes both runs' curves ({@code overfit.csv}, {@code early-stopping.csv}), drawn in {@code loss.png}.
 *
 * <p>Usage: {@code auto-mpg [path/to/auto-mpg.data] [--out DIR] [--quick]}. Without a path the data set is looked
 * for where {@link AutoMpg#loadData()} looks ({@code $KERASISH_DATA/auto-mpg/}, then the cache); the error says
 * where to put it.
 */
public final class AutoMpgRegression {
    static final long SEED = 7;

    private AutoMpgRegression() {
    }

    /** What the tutorial measured, for its test. */
    record Result(int longRun, int bestOverfitEpoch, double overfitTrainLoss, double overfitValLoss,
            Map<String, Double> overfitTest, int earlyEpochs, int bestEpoch, Map<String, Double> earlyTest,
            Path checkpoint, double reloadDiff) {
    }

    public static void main(String[] args) {
        run(Args.parse("auto-mpg", args));
    }

    static Outcome run(Args args) {
        AutoMpg.Data cars = args.path(0) == null ? AutoMpg.loadData() : AutoMpg.loadData(args.path(0));
        Path out = args.out();
        Result r = run(cars, out, args.quick() ? 200 : 1000);
        return Outcome.builder()
                .figure("test MSE, " + r.longRun() + " epochs", r.overfitTest().get("mse"))
                .figure("test MSE, early stopping", r.earlyTest().get("mse"))
                .figure("test MAE, early stopping", r.earlyTest().get("mae"))
                .figure("stopped after", r.earlyEpochs() + " epochs (best " + (r.bestEpoch() + 1) + ")")
                .figure("reloaded checkpoint, max abs diff", r.reloadDiff() == 0 ? "0 (identical)"
                        : String.valueOf(r.reloadDiff()))
                .plot(out.resolve("loss.png")).build();
    }

    static Result run(AutoMpg.Data data, Path out, int longRun) {
        AutoMpg.Data cars = data.oneHotOrigin();
        AutoMpg.Split split = cars.split(0.8, 0);
        AutoMpg.Normalization norm = split.train().normalization(); // statistics of the training cars only
        INDArray xTrain = norm.apply(split.train()).x();
        INDArray yTrain = split.train().y();
        INDArray xTest = norm.apply(split.test()).x();
        INDArray yTest = split.test().y();
        System.out.printf("Auto MPG: %d cars for training, %d for testing; features %s%n", split.train().size(),
                split.test().size(), cars.columnNames());
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // 1. Many epochs, no early stopping: the model learns the training cars far better than unseen ones
        Sequential overfit = buildModel();
        overfit.summary();
        History h = overfit.fit(xTrain, yTrain, epochs(longRun), validationSplit(0.2), verbose(0),
                callbacks(new CSVLogger(out.resolve("overfit.csv").toString())));
        List<Double> valLoss = h.get("val_loss");
        List<Double> loss = h.get("loss");
        int best = argMin(valLoss);
        int last = valLoss.size() - 1;
        System.out.printf("Without early stopping (%d epochs): val_loss is lowest at epoch %d (%.3f) and %.3f at the "
                        + "end, while the training loss falls to %.3f: the model fits the cars it trains on far "
                        + "better than the others (over-fitting).%n", longRun, best + 1, valLoss.get(best),
                valLoss.get(last), loss.get(last));
        Map<String, Double> overfitTest = overfit.evaluate(xTest, yTest);
        System.out.printf("Over-fitted model, test set: %s%n", format(overfitTest));

        // 2. The same model and data, stopped by EarlyStopping; the best model is checkpointed
        Path bestFile = out.resolve("best.h5");
        EarlyStopping early = new EarlyStopping().monitor("val_loss").patience(10).restoreBestWeights(true)
                .verbose(1);
        ModelCheckpoint checkpoint = new ModelCheckpoint(bestFile).monitor("val_loss").saveBestOnly(true);
        Sequential model = buildModel();
        History stopped = model.fit(xTrain, yTrain, epochs(longRun), validationSplit(0.2), verbose(0),
                callbacks(early, checkpoint, new CSVLogger(out.resolve("early-stopping.csv").toString())));
        System.out.printf("With EarlyStopping(patience=10): trained %d epochs instead of %d; best val_loss %.3f at "
                + "epoch %d, restored.%n", stopped.epoch().size(), longRun, early.best(), early.bestEpoch() + 1);
        Map<String, Double> earlyTest = model.evaluate(xTest, yTest);
        System.out.printf("Early-stopped model, test set: %s%n", format(earlyTest));

        // 3. The checkpoint is a complete Keras model file: load it and predict
        Sequential reloaded = Models.loadModel(bestFile);
        INDArray got = reloaded.predict(xTest);
        double diff = model.predict(xTest).sub(got).amaxNumber().doubleValue();
        System.out.printf("Checkpoint %s reloaded: max abs difference from the trained model's predictions %s%n",
                bestFile.getFileName(), diff == 0 ? "0 (identical)" : diff);
        System.out.println("  true MPG  predicted");
        for (int i = 0; i < 5; i++) {
            System.out.printf("  %8.1f  %9.1f   %s%n", yTest.getDouble(i, 0), got.getDouble(i, 0),
                    split.test().carNames().get(i));
        }
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        curves.put("loss, no early stopping", loss);
        curves.put("val_loss, no early stopping", valLoss);
        curves.put("loss, early stopping", stopped.get("loss"));
        curves.put("val_loss, early stopping", stopped.get("val_loss"));
        Path plot = out.resolve("loss.png");
        Plots.lines("Auto MPG: training and validation loss (MSE)", "epoch", "loss", curves, plot, true);
        System.out.println("Training curves: " + out.resolve("overfit.csv") + ", " + out.resolve("early-stopping.csv")
                + "; plot: " + plot);
        return new Result(longRun, best, loss.get(last), valLoss.get(last), overfitTest, stopped.epoch().size(),
                early.bestEpoch(), earlyTest, bestFile, diff);
    }

    /**
     * A model deliberately too big for 250 cars: three hidden layers of 256 ReLU units (about 135,000 weights), one
     * linear output; Adam(0.001) as the TF tutorial compiles it, mean squared error, metrics mae and mse.
     */
    static Sequential buildModel() {
        Sequential model = new Sequential().seed(SEED);
        model.add(new Dense(256).inputDim(9).activation("relu"));
        model.add(new Dense(256).activation("relu"));
        model.add(new Dense(256).activation("relu"));
        model.add(new Dense(1));
        model.compile(new Adam(0.001), "mse", "mae", "mse");
        return model;
    }

    private static int argMin(List<Double> values) {
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) < values.get(best)) {
                best = i;
            }
        }
        return best;
    }

    private static String format(Map<String, Double> scores) {
        StringBuilder s = new StringBuilder();
        scores.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(String.format(" %.3f", v)));
        return s.toString();
    }
}

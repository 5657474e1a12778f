package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.validationData;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.FashionMnist;
import io.kerasish.datasets.ImageData;
import io.kerasish.layers.Activation;
import io.kerasish.layers.BatchNormalization;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.LearningRateSchedule;
import io.kerasish.optimizers.Optimizer;
import io.kerasish.optimizers.SGD;
import io.kerasish.utils.Plots;
import io.kerasish.utils.Utils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 17: the effects of learning-rate decay and of batch normalization, on one problem: a small MLP
 * (784-128-64-10) classifying a subset of Fashion-MNIST, trained with plain SGD (no momentum, so that the learning
 * rate alone sets the step size) from the same initial weights in four runs:
 * <ol>
 * <li><b>constant</b>: {@code SGD(learning_rate=0.1)} all along;</li>
 * <li><b>exponential decay</b>: the same start, multiplied by 0.7 every epoch, Keras's
 * {@code ExponentialDecay(0.1, decay_steps=steps_per_epoch, decay_rate=0.7)} passed to the optimizer
 * ({@code new SGD(0.1).schedule(LearningRateSchedule.exponentialDecay(0.1, steps, 0.7, false))}); the rate falls
 * smoothly at every step. Big steps early move fast; small steps late let the weights settle into a minimum
 * instead of jumping around it, so the validation accuracy stops jumping from epoch to epoch.
 * {@code LearningRateSchedule.inverseTimeDecay} is Keras's {@code InverseTimeDecay}; the other way, per epoch, is
 * the {@code LearningRateScheduler} callback:
 * {@code callbacks(new LearningRateScheduler((epoch, lr) -> epoch == 0 ? lr : lr * 0.7))}, which also records
 * {@code lr} in the History;</li>
 * <li><b>batch normalization</b>: {@code BatchNormalization} between each hidden {@code Dense} layer and its ReLU,
 * same constant rate: each layer sees inputs with a steady mean and spread, so the training loss falls faster.
 * At inference BN uses moving averages of the batch statistics, which lag behind weights that still change fast:
 * watch its validation curve;</li>
 * <li><b>batch normalization with 5x the learning rate</b> ({@code 0.5}), decayed as in run 2: normalized layers
 * tolerate much larger steps, and the decay lets them settle.</li>
 * </ol>
 * It prints a table (final training loss, validation loss and accuracy, the best validation accuracy, and how much
 * the validation accuracy still jumps between epochs), draws the training loss of all runs in {@code loss.png},
 * the validation accuracy in {@code val-accuracy.png}, and the learning rate per epoch (the rate at each epoch's
 * first step) in {@code learning-rate.png}.
 *
 * <p>Usage: {@code lr-decay-bn [--epochs N] [--train N] [--lr 0.1] [--out DIR] [--quick]} (defaults: 12,000
 * training images, the next 2,000 for validation, 10 epochs per run; {@code --quick}: 3,000 and 1,000, 5 epochs).
 */
public final class LrDecayBatchNorm {
    static final long SEED = 17;
    static final int BATCH = 64;
    static final double DECAY_RATE = 0.7;
    static final double BN_FACTOR = 5;

    private LrDecayBatchNorm() {
    }

    /** One run: its name, schedule (the learning rate at each step) and History. */
    record Run(String name, LearningRateSchedule schedule, History history) {
        double last(String key) {
            return history.last(key);
        }

        double bestValAccuracy() {
            return history.get("val_accuracy").stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        /** The epoch (1-based) of the best validation accuracy. */
        int bestEpoch() {
            return history.get("val_accuracy").indexOf(bestValAccuracy()) + 1;
        }

        /** The mean absolute change of val_accuracy between consecutive epochs in the second half of the run. */
        double jumps() {
            List<Double> v = history.get("val_accuracy");
            int from = Math.max(1, v.size() / 2);
            double sum = 0;
            for (int e = from; e < v.size(); e++) {
                sum += Math.abs(v.get(e) - v.get(e - 1));
            }
            return v.size() > from ? sum / (v.size() - from) : 0;
        }
    }

    /** What the tutorial measured, for its test: the runs in the order of the class comment. */
    record Result(List<Run> runs, int stepsPerEpoch, Path lossPlot, Path accuracyPlot, Path lrPlot) {
    }

    public static void main(String[] args) {
        run(Args.parse("lr-decay-bn", args));
    }

    static Outcome run(Args args) {
        Result r = run(FashionMnist.loadData(), args.intOption("--train", args.quick() ? 3000 : 12_000),
                args.quick() ? 1000 : 2000, args.intOption("--epochs", args.quick() ? 5 : 10),
                args.doubleOption("--lr", 0.1), args.out());
        Outcome.Builder o = Outcome.builder();
        for (Run run : r.runs()) {
            o.figure(run.name() + ": loss / val_accuracy / best val_accuracy", String.format("%.4f / %.4f / %.4f",
                    run.last("loss"), run.last("val_accuracy"), run.bestValAccuracy()));
        }
        return o.plot(r.lossPlot()).plot(r.accuracyPlot()).plot(r.lrPlot()).build();
    }

    static Result run(ImageData data, int nTrain, int nVal, int epochs, double lr, Path out) {
        INDArray x = data.xTrain().castTo(DataType.FLOAT).divi(255f);
        INDArray y = Utils.toCategorical(data.yTrain(), 10);
        // training images, then the next ones for validation (the test set stays untouched)
        INDArray xTrain = x.get(NDArrayIndex.interval(0, nTrain));
        INDArray yTrain = y.get(NDArrayIndex.interval(0, nTrain));
        INDArray xVal = x.get(NDArrayIndex.interval(nTrain, nTrain + nVal));
        INDArray yVal = y.get(NDArrayIndex.interval(nTrain, nTrain + nVal));
        int steps = (nTrain + BATCH - 1) / BATCH;
        System.out.printf("Fashion-MNIST subset: %d training images (%d steps of %d per epoch), %d for validation; "
                + "%d epochs per run%n", nTrain, steps, BATCH, nVal, epochs);

        // Keras: keras.optimizers.schedules.ExponentialDecay(lr, decay_steps=steps, decay_rate=0.7)
        LearningRateSchedule decay = LearningRateSchedule.exponentialDecay(lr, steps, DECAY_RATE, false);
        double high = lr * BN_FACTOR;
        LearningRateSchedule highDecay = LearningRateSchedule.exponentialDecay(high, steps, DECAY_RATE, false);
        List<Run> runs = new ArrayList<>();
        runs.add(train("constant lr=" + lr, false, new SGD(lr), step -> lr, xTrain, yTrain, xVal, yVal, epochs));
        runs.add(train("decay from " + lr, false, new SGD(lr).schedule(decay), decay, xTrain, yTrain, xVal, yVal,
                epochs));
        runs.add(train("BN, constant lr=" + lr, true, new SGD(lr), step -> lr, xTrain, yTrain, xVal, yVal, epochs));
        runs.add(train("BN, decay from " + (float) high, true, new SGD(high).schedule(highDecay), highDecay, xTrain,
                yTrain, xVal, yVal, epochs));

        System.out.println();
        System.out.printf("%-24s %8s %9s %13s %19s %10s%n", "run", "loss", "val_loss", "val_accuracy",
                "best (epoch)", "val jumps");
        for (Run r : runs) {
            System.out.printf("%-24s %8.4f %9.4f %13.4f %13.4f (%3d) %10.4f%n", r.name(), r.last("loss"),
                    r.last("val_loss"), r.last("val_accuracy"), r.bestValAccuracy(), r.bestEpoch(), r.jumps());
        }
        Run lowest = runs.stream().min(Comparator.comparingDouble(r -> r.last("loss"))).orElseThrow();
        Run best = runs.stream().max(Comparator.comparingDouble(r -> r.last("val_accuracy"))).orElseThrow();
        System.out.printf("Lowest final training loss: %s. Best final validation accuracy: %s.%n", lowest.name(),
                best.name());
        System.out.println("'val jumps': the mean change of val_accuracy from one epoch to the next over the second "
                + "half of a run; a decayed rate should make it smaller, as the weights settle.");

        Map<String, List<Double>> loss = new LinkedHashMap<>();
        Map<String, List<Double>> valAccuracy = new LinkedHashMap<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (Run r : runs) {
            loss.put(r.name(), r.history().get("loss"));
            valAccuracy.put(r.name(), r.history().get("val_accuracy"));
            List<Double> perEpoch = new ArrayList<>();
            for (int e = 0; e < r.history().epoch().size(); e++) {
                perEpoch.add(r.schedule().at(e * steps));
            }
            rates.put(r.name(), perEpoch);
        }
        Path lossPlot = out.resolve("loss.png");
        Path accuracyPlot = out.resolve("val-accuracy.png");
        Path lrPlot = out.resolve("learning-rate.png");
        Plots.lines("Training loss per epoch", "epoch", "loss", loss, lossPlot);
        Plots.lines("Validation accuracy per epoch", "epoch", "val_accuracy", valAccuracy, accuracyPlot);
        Plots.lines("Learning rate at the start of each epoch", "epoch", "learning rate", rates, lrPlot);
        System.out.println("Plots: " + lossPlot + ", " + accuracyPlot + ", " + lrPlot);
        return new Result(runs, steps, lossPlot, accuracyPlot, lrPlot);
    }

    private static Run train(String name, boolean batchNorm, Optimizer optimizer, LearningRateSchedule schedule,
            INDArray xTrain, INDArray yTrain, INDArray xVal, INDArray yVal, int epochs) {
        Sequential model = buildModel(batchNorm);
        System.out.println();
        System.out.println("== " + name);
        if (batchNorm) {
            model.summary();
        }
        model.compile(optimizer, "categorical_crossentropy", "accuracy");
        History h = model.fit(xTrain, yTrain, epochs(epochs), batchSize(BATCH), validationData(xVal, yVal),
                verbose(2));
        return new Run(name, schedule, h);
    }

    /**
     * The MLP, with {@code BatchNormalization} between each hidden layer's weighted sum and its ReLU when
     * {@code batchNorm}. The same seed gives the Dense layers of all runs the same initial weights.
     */
    static Sequential buildModel(boolean batchNorm) {
        Sequential model = new Sequential().seed(SEED);
        model.add(new Flatten().inputShape(28, 28));
        for (int units : new int[] {128, 64}) {
            if (batchNorm) {
                model.add(new Dense(units));
                model.add(new BatchNormalization());
                model.add(new Activation("relu"));
            } else {
                model.add(new Dense(units).activation("relu"));
            }
        }
        model.add(new Dense(10).activation("softmax"));
        return model;
    }
}

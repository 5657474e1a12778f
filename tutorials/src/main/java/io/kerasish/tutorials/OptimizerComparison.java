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
import io.kerasish.optimizers.Adagrad;
import io.kerasish.optimizers.Adam;
import io.kerasish.optimizers.Optimizer;
import io.kerasish.optimizers.RMSprop;
import io.kerasish.optimizers.SGD;
import io.kerasish.utils.Plots;
import io.kerasish.utils.Utils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tutorial 16: how the optimizer changes training. The same MLP (784 pixels, Dense(128, relu), Dense(10,
 * softmax)) learns Fashion-MNIST from the same initial weights (the same seed, so also the same batches) with six
 * optimizers at Keras's default settings:
 * <ul>
 *   <li>{@code SGD(0.01)}: plain gradient descent, steady but slow;</li>
 *   <li>{@code SGD(0.01, momentum=0.9)}: a velocity that accumulates consistent gradients, about ten times the
 *       step along them;</li>
 *   <li>{@code SGD(0.01, momentum=0.9, nesterov=True)}: the gradient taken after the momentum step, a look ahead;</li>
 *   <li>{@code Adagrad}: a step per weight that shrinks with the sum of its squared gradients; its Keras default
 *       learning rate of 0.001 is too small to compete here, so it runs with 0.01 (Keras 1's default);</li>
 *   <li>{@code RMSprop(0.001)}: a step per weight scaled by a moving average of squared gradients;</li>
 *   <li>{@code Adam(0.001)}: RMSprop's scaling plus momentum, with bias correction.</li>
 * </ul>
 * It prints the training loss of each per epoch and a table of final loss and accuracy, and draws the training loss
 * in {@code optimizers-loss.png} and the validation accuracy in {@code optimizers-val-accuracy.png}.
 *
 * <p>Usage: {@code optimizers [--epochs N] [--out DIR] [--quick]}: 6,000 training images (the next 2,000 for
 * validation), 10 epochs; {@code --quick}: 2,000 images (500 for validation), 4 epochs. Without Fashion-MNIST the
 * loader's error says which files to put where.
 */
public final class OptimizerComparison {
    static final long SEED = 16;

    private OptimizerComparison() {
    }

    /** One optimizer's training curves. */
    record Run(String name, Optimizer optimizer, History history) {
        double last(String key) {
            return history.last(key);
        }
    }

    /** What the run measured, for its test. */
    record Result(List<Run> runs, Path lossPlot, Path accuracyPlot) {
        Run run(String name) {
            return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        }
    }

    public static void main(String[] args) {
        run(Args.parse("optimizers", args));
    }

    static Outcome run(Args args) {
        Result r = result(args);
        Outcome.Builder outcome = Outcome.builder();
        for (Run run : r.runs()) {
            outcome.figure(run.name(), String.format("loss %.4f, val_accuracy %.4f", run.last("loss"),
                    run.last("val_accuracy")));
        }
        return outcome.plot(r.lossPlot()).plot(r.accuracyPlot()).build();
    }

    /** The run that {@code args} asks for. */
    static Result result(Args args) {
        return run(FashionMnist.loadData(), args.quick() ? 2000 : 6000, args.quick() ? 500 : 2000,
                args.intOption("--epochs", args.quick() ? 4 : 10), args.out());
    }

    /** The optimizers compared, by the name the tables and plots use. */
    static Map<String, Optimizer> optimizers() {
        Map<String, Optimizer> o = new LinkedHashMap<>();
        o.put("SGD", new SGD(0.01));
        o.put("SGD + momentum", new SGD(0.01).momentum(0.9));
        o.put("SGD + Nesterov", new SGD(0.01).momentum(0.9).nesterov(true));
        o.put("Adagrad", new Adagrad(0.01));
        o.put("RMSprop", new RMSprop(0.001));
        o.put("Adam", new Adam(0.001));
        return o;
    }

    /** The MLP, seeded: every call starts from the same weights. */
    static Sequential model() {
        Sequential model = new Sequential().seed(SEED);
        model.add(new Dense(128).inputDim(784).activation("relu"));
        model.add(new Dense(10).activation("softmax"));
        return model;
    }

    static Result run(ImageData data, int train, int validation, int epochs, Path out) {
        INDArray x = ImageData.scaled(data.xTrain().get(NDArrayIndex.interval(0, train + validation)))
                .reshape(train + validation, 784);
        INDArray y = Utils.toCategorical(data.yTrain().get(NDArrayIndex.interval(0, train + validation)), 10);
        INDArray xTrain = x.get(NDArrayIndex.interval(0, train), NDArrayIndex.all());
        INDArray yTrain = y.get(NDArrayIndex.interval(0, train), NDArrayIndex.all());
        INDArray xVal = x.get(NDArrayIndex.interval(train, train + validation), NDArrayIndex.all());
        INDArray yVal = y.get(NDArrayIndex.interval(train, train + validation), NDArrayIndex.all());
        System.out.printf("Fashion-MNIST: %,d training images, the next %,d for validation, flattened to 784 "
                + "values in [0, 1]; %d epochs of batches of 32 per optimizer%n", train, validation, epochs);
        model().summary();

        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, Optimizer> e : optimizers().entrySet()) {
            Sequential model = model();
            model.compile(e.getValue(), "categorical_crossentropy", "accuracy");
            System.out.printf("%-15s %s%n", e.getKey(), describe(e.getValue()));
            History h = model.fit(xTrain, yTrain, epochs(epochs), batchSize(32), validationData(xVal, yVal),
                    verbose(0));
            runs.add(new Run(e.getKey(), e.getValue(), h));
        }

        System.out.println();
        System.out.println("Training loss per epoch:");
        StringBuilder header = new StringBuilder("epoch");
        runs.forEach(r -> header.append(String.format(" %15s", r.name())));
        System.out.println(header);
        for (int i = 0; i < epochs; i++) {
            StringBuilder line = new StringBuilder(String.format("%5d", i + 1));
            for (Run r : runs) {
                line.append(String.format(" %15.4f", r.history().get("loss").get(i)));
            }
            System.out.println(line);
        }
        System.out.println();
        System.out.printf("%-15s %13s %10s %10s %10s %13s%n", "optimizer", "learning_rate", "loss", "accuracy",
                "val_loss", "val_accuracy");
        for (Run r : runs) {
            System.out.printf("%-15s %13s %10.4f %10.4f %10.4f %13.4f%n", r.name(), r.optimizer().learningRate(),
                    r.last("loss"), r.last("accuracy"), r.last("val_loss"), r.last("val_accuracy"));
        }
        Run fastest = runs.stream().min((a, b) -> Double.compare(a.last("loss"), b.last("loss"))).orElseThrow();
        Run slowest = runs.stream().max((a, b) -> Double.compare(a.last("loss"), b.last("loss"))).orElseThrow();
        System.out.printf("Lowest training loss after %d epochs: %s (%.4f); highest: %s (%.4f).%n", epochs,
                fastest.name(), fastest.last("loss"), slowest.name(), slowest.last("loss"));

        Map<String, List<Double>> loss = new LinkedHashMap<>();
        Map<String, List<Double>> acc = new LinkedHashMap<>();
        for (Run r : runs) {
            loss.put(r.name(), r.history().get("loss"));
            acc.put(r.name(), r.history().get("val_accuracy"));
        }
        Path lossPlot = out.resolve("optimizers-loss.png");
        Plots.lines("Fashion-MNIST MLP: training loss by optimizer", "epoch", "loss", loss, lossPlot);
        Path accPlot = out.resolve("optimizers-val-accuracy.png");
        Plots.lines("Fashion-MNIST MLP: validation accuracy by optimizer", "epoch", "val_accuracy", acc, accPlot);
        System.out.println("Training loss: " + lossPlot + "; validation accuracy: " + accPlot);
        return new Result(runs, lossPlot, accPlot);
    }

    /** The optimizer as Keras would be called to make it, e.g. {@code SGD(learning_rate=0.01, momentum=0.9)}. */
    private static String describe(Optimizer o) {
        Map<String, Object> c = o.getConfig();
        StringBuilder s = new StringBuilder(o.name()).append("(");
        c.forEach((k, v) -> {
            if (!k.equals("name") && !k.equals("decay")) {
                s.append(s.charAt(s.length() - 1) == '(' ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return s.append(")").toString();
    }
}

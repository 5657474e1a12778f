package io.kerasish.tutorials;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.layers.Dense;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.SGD;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tutorial 01: the perceptron. One sigmoid unit computes AND of two inputs: first with the weights worked out by
 * hand (w = 1, 1 and b = -1.5), then with weights learned by gradient descent.
 */
public final class AndGate {
    private AndGate() {
    }

    public static void main(String[] args) {
        run(Args.parse("and", args));
    }

    static Outcome run(Args args) {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {0}, {0}, {1}};

        Sequential model = new Sequential().seed(42);
        model.add(new Dense(1).inputDim(2).activation("sigmoid"));
        model.compile(new SGD(1.0), "binary_crossentropy", "accuracy");
        model.summary();

        model.setWeights(List.of(Nd4j.createFromArray(new float[][] {{1}, {1}}), Nd4j.createFromArray(new float[] {-1.5f})));
        System.out.println("Hand-set weights w=(1, 1), b=-1.5 -> classes " + Arrays.toString(model.predictClasses(x)));

        model.fit(x, y, epochs(args.quick() ? 100 : 500), batchSize(4), verbose(0));
        System.out.println("Learned weights: kernel " + model.getWeights().get(0).toStringFull().replaceAll("\\s+", "")
                + ", bias " + model.getWeights().get(1));
        java.util.Map<String, Double> scores = model.evaluate(x, y);
        System.out.println("Learned perceptron -> classes " + Arrays.toString(model.predictClasses(x))
                + ", evaluate " + scores);
        return Outcome.builder().figure("accuracy", scores.get("accuracy")).figure("loss", scores.get("loss"))
                .build();
    }
}

package io.kerasish.tutorials;

import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tutorial 02: XOR, which no single perceptron can learn. A hidden layer of 5 sigmoid units and a softmax over
 * the two classes (one-hot labels) learns it in a few hundred Adam steps.
 */
public final class Xor {
    private Xor() {
    }

    public static void main(String[] args) {
        run(Args.parse("xor", args));
    }

    static Outcome run(Args args) {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{1, 0}, {0, 1}, {0, 1}, {1, 0}};

        Sequential model = new Sequential().seed(7);
        model.add(new Dense(5).inputDim(2).kernelInitializer("normal").activation("sigmoid"));
        model.add(new Dense(2).activation("softmax"));
        model.summary();
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");

        History history = model.fit(x, y, epochs(args.quick() ? 500 : 1000), verbose(0));
        List<Double> loss = history.get("loss");
        System.out.printf("loss: %.4f after epoch 1, %.4f after epoch %d%n", loss.get(0), loss.get(loss.size() - 1),
                loss.size());

        INDArray p = model.predict(x);
        int[] classes = model.predictClasses(x);
        for (int i = 0; i < x.length; i++) {
            System.out.printf("%s -> p=%s class %d (expected %d)%n", Arrays.toString(x[i]),
                    p.getRow(i).toString().replaceAll("\\s+", ""), classes[i], y[i][1] > 0 ? 1 : 0);
        }
        Map<String, Double> scores = model.evaluate(x, y);
        System.out.println("evaluate: " + scores);
        System.out.println(scores.get("accuracy") == 1.0 ? "XOR learned: all 4 predictions right."
                : "XOR not learned yet: train longer.");
        return Outcome.builder().figure("accuracy", scores.get("accuracy")).figure("loss", scores.get("loss"))
                .build();
    }
}

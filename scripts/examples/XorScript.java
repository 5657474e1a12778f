// The script from the README, as a single file: scripts/kerasish run scripts/examples/XorScript.java
import io.kerasish.models.Sequential;
import io.kerasish.models.History;
import io.kerasish.layers.Dense;
import io.kerasish.optimizers.Adam;
import static io.kerasish.models.Fit.*;   // epochs, batchSize, verbose, validationSplit, validationData, shuffle, callbacks, initialEpoch, classWeight
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.Map;

public class XorScript {
    public static void main(String[] args) {
        double[][] x = {{0,0},{0,1},{1,0},{1,1}};
        double[][] y = {{1,0},{0,1},{0,1},{1,0}};
        Sequential model = new Sequential();
        model.add(new Dense(5).inputDim(2).kernelInitializer("normal").activation("sigmoid"));
        model.add(new Dense(2).activation("softmax"));
        model.summary();                                   // Keras table: Layer (type) | Output Shape | Param #, Total params: 27
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");   // the string "adam" works too
        History history = model.fit(x, y, epochs(1000), verbose(0));
        INDArray p = model.predict(x);
        Map<String, Double> scores = model.evaluate(x, y);  // keys "loss", "accuracy"
        System.out.println(p);
        System.out.println(scores);
    }
}

package io.kerasish.internal;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.layers.Activation;
import io.kerasish.layers.AveragePooling2D;
import io.kerasish.layers.Conv2D;
import io.kerasish.layers.Dense;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.Layer;
import io.kerasish.layers.MaxPooling2D;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conv2D(relu) + MaxPooling2D runs the ReLU after the pooling (Translation#takeConvRelu). The model must predict and
 * train exactly as the same model written with the ReLU as its own layer, which stays unfused.
 */
class ReluInPoolingTest {
    private static Sequential fused(String pooling) {
        Sequential m = new Sequential().seed(11);
        m.add(new Conv2D(4, 3, 3).padding("same").activation("relu").inputShape(9, 9, 2));
        m.add(pooling.equals("max") ? new MaxPooling2D(2, 2) : new AveragePooling2D(2, 2));
        m.add(new Conv2D(3, 2, 2).activation("relu"));
        m.add(new MaxPooling2D(2, 2).padding("same"));
        m.add(new Flatten());
        m.add(new Dense(3).activation("softmax"));
        return m;
    }

    private static Sequential separate(String pooling) {
        Sequential m = new Sequential().seed(11);
        m.add(new Conv2D(4, 3, 3).padding("same").inputShape(9, 9, 2));
        m.add(new Activation("relu"));
        m.add(pooling.equals("max") ? new MaxPooling2D(2, 2) : new AveragePooling2D(2, 2));
        m.add(new Conv2D(3, 2, 2));
        m.add(new Activation("relu"));
        m.add(new MaxPooling2D(2, 2).padding("same"));
        m.add(new Flatten());
        m.add(new Dense(3).activation("softmax"));
        return m;
    }

    private static List<List<INDArray>> weights(Sequential m) {
        List<List<INDArray>> w = new ArrayList<>();
        for (Layer<?> l : m.layers()) {
            if (!l.getWeights().isEmpty()) {
                w.add(l.getWeights());
            }
        }
        return w;
    }

    private static void copyWeights(Sequential from, Sequential to) {
        List<List<INDArray>> w = weights(from);
        int i = 0;
        for (Layer<?> l : to.layers()) {
            if (!l.getWeights().isEmpty()) {
                l.setWeights(w.get(i++));
            }
        }
    }

    private static long poolingsWithRelu(Sequential m) {
        return m.dl4j().getLayerWiseConfigurations().getConfs().stream().map(c -> c.getLayer())
                .filter(l -> l instanceof NativePooling p && p.isReluAfter()).count();
    }

    private static long linearConvs(Sequential m) {
        return m.dl4j().getLayerWiseConfigurations().getConfs().stream().map(c -> c.getLayer())
                .filter(l -> l instanceof ConvolutionLayer c && c.getActivationFn() instanceof ActivationIdentity)
                .count();
    }

    private static INDArray[] data() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 24, 9, 9, 2).subi(0.5); // half the pre-activations below 0
        INDArray y = Nd4j.zeros(DataType.FLOAT, 24, 3);
        for (int i = 0; i < 24; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new INDArray[] {x, y};
    }

    @Test
    void maxPoolingAfterReluConvPredictsAndTrainsAsTheSeparateRelu() {
        Sequential fused = fused("max");
        Sequential separate = separate("max");
        fused.compile(new SGD(0.5), "categorical_crossentropy");
        separate.compile(new SGD(0.5), "categorical_crossentropy");
        copyWeights(fused, separate);
        assertEquals(2, poolingsWithRelu(fused), "both poolings take their convolution's ReLU");
        assertEquals(2, linearConvs(fused));
        assertEquals(0, poolingsWithRelu(separate), "an Activation layer between stays as it is");

        INDArray[] d = data();
        INDArray expected = separate.predict(d[0]);
        assertEquals(0, expected.distance1(fused.predict(d[0])), 1e-5, "predictions");

        List<INDArray> firstBefore = fused.layers().get(0).getWeights();
        separate.fit(d[0], d[1], epochs(3), batchSize(8), verbose(0));
        fused.fit(d[0], d[1], epochs(3), batchSize(8), verbose(0));
        List<List<INDArray>> a = weights(separate);
        List<List<INDArray>> b = weights(fused);
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).size(); j++) {
                assertEquals(0, a.get(i).get(j).distance1(b.get(i).get(j)), 1e-4, "weights " + i + "/" + j);
            }
        }
        assertTrue(firstBefore.get(0).distance1(b.get(0).get(0)) > 1e-3, "training moved the first kernel");
        assertEquals(0, separate.predict(d[0]).distance1(fused.predict(d[0])), 1e-4, "predictions after fit");
        assertTrue(fused.toJson().contains("relu"), "the saved config keeps Conv2D's ReLU");
    }

    @Test
    void averagePoolingKeepsTheReluInTheConvolution() {
        Sequential fused = fused("avg");
        fused.compile(new SGD(0.5), "categorical_crossentropy");
        assertEquals(1, poolingsWithRelu(fused), "only the max pooling");
        Sequential separate = separate("avg");
        separate.compile(new SGD(0.5), "categorical_crossentropy");
        copyWeights(fused, separate);
        INDArray[] d = data();
        assertEquals(0, separate.predict(d[0]).distance1(fused.predict(d[0])), 1e-5);
    }
}

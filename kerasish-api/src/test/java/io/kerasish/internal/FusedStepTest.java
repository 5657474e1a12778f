package io.kerasish.internal;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.shuffle;
import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.layers.Dense;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.optimizers.Optimizer;
import io.kerasish.optimizers.RMSprop;
import io.kerasish.optimizers.SGD;
import io.kerasish.regularizers.Regularizers;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * kerasish's fit updates the weights in one pass where that is exact (FusedStep): the weights and the optimizer's
 * state must then be those of DL4J's own three-pass update, batch after batch, a short last batch included.
 */
class FusedStepTest {
    static List<Arguments> cases() {
        return List.of(
                Arguments.of("adam", new Adam(0.01), false, true),
                Arguments.of("sgd with momentum", new SGD(0.1).momentum(0.9), false, true),
                Arguments.of("adam with an l2 regularizer", new Adam(0.01), true, false),
                Arguments.of("rmsprop (DL4J's updater)", new RMSprop(0.01), false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsAsDl4jsOwnUpdate(String name, Optimizer optimizer, boolean l2, boolean fused) {
        Sequential m = new Sequential().seed(5);
        Dense hidden = new Dense(16).activation("relu").inputShape(7);
        if (l2) {
            hidden.kernelRegularizer(Regularizers.l2(0.01));
        }
        m.add(hidden);
        m.add(new Dense(3).activation("softmax"));
        m.compile(optimizer, "categorical_crossentropy");
        MultiLayerNetwork net = m.dl4j();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        dl4j.init(net.params().dup(), true);
        INDArray start = net.params().dup();

        Nd4j.getRandom().setSeed(8);
        int n = 23; // batches of 5, 5, 5, 5 and 3
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 7).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7) % 3, 1);
        }
        m.fit(x, y, epochs(2), batchSize(5), shuffle(false), verbose(0));
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < n; from += 5) {
                int to = Math.min(n, from + 5);
                dl4j.fit(x.get(NDArrayIndex.interval(from, to)).dup(), y.get(NDArrayIndex.interval(from, to)).dup());
            }
        }

        assertEquals(fused, FusedStep.active(net), "fused update taken");
        assertFalse(FusedStep.active(dl4j));
        assertEquals(0, net.params().distance1(dl4j.params()), 1e-4, "weights after 10 steps");
        INDArray state = net.getUpdater().getStateViewArray();
        if (state != null) {
            assertEquals(0, state.distance1(dl4j.getUpdater().getStateViewArray()), 1e-4, "optimizer state");
        }
        assertTrue(start.distance1(net.params()) > 1e-2, "training moved the weights");
        assertEquals(10, net.getIterationCount());
    }
}

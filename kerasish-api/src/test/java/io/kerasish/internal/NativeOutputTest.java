package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * kerasish's output layer, with its softmax and categorical crossentropy in Java, computes what DL4J's OutputLayer
 * with LossMCXENT computes: output, loss, weight and bias gradients, and the gradient passed back.
 */
class NativeOutputTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sameAsDl4j(boolean bias) {
        OutputLayer dl4jConf = new OutputLayer.Builder(new LossMCXENT()).nIn(13).nOut(10).hasBias(bias)
                .activation(new ActivationSoftmax()).name("out").build();
        OutputLayer oursConf = new OutputLayer.Builder(new SampleWeightedLoss(new LossMCXENT())).nIn(13).nOut(10)
                .hasBias(bias).activation(new Softmax()).name("out").build();
        Layer dl4j = instantiate(dl4jConf);
        Layer ours = instantiate(NativeOutput.of(oursConf));
        assertInstanceOf(NativeOutput.Impl.class, ours);
        LayerPair pair = LayerPair.of(dl4j, ours, 11, 4);
        INDArray grads = pair.dl4jGradients();
        INDArray ourGrads = pair.ourGradients();

        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Nd4j.rand(DataType.FLOAT, 21, 13).subi(0.5).muli(3);
        // one-hot labels as a view of whole rows, as a batch of kerasish's shuffled copy is
        INDArray allLabels = Nd4j.zeros(DataType.FLOAT, 30, 10);
        for (int i = 0; i < 30; i++) {
            allLabels.putScalar(i, (i * 7) % 10, 1f);
        }
        INDArray labels = allLabels.get(NDArrayIndex.interval(4, 25), NDArrayIndex.all());
        x.putRow(0, x.getRow(0).muli(40)); // a confident row, so that the loss's clipping matters

        INDArray expected = dl4j.activate(x, true, mgr);
        INDArray actual = ours.activate(x, true, mgr);
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-5, "softmax output");

        ((IOutputLayer) dl4j).setLabels(labels);
        ((IOutputLayer) ours).setLabels(labels);
        Pair<Gradient, INDArray> e = dl4j.backpropGradient(null, mgr);
        Pair<Gradient, INDArray> a = ours.backpropGradient(null, mgr);
        assertEquals(0, e.getSecond().sub(a.getSecond()).amaxNumber().doubleValue(), 1e-5, "gradient passed back");
        assertEquals(0, grads.sub(ourGrads).amaxNumber().doubleValue(), 1e-5, "weight and bias gradients");
        assertTrue(ourGrads.amaxNumber().doubleValue() > 0.1, "gradients were written");

        double expectedScore = ((IOutputLayer) dl4j).computeScore(0, true, mgr);
        double actualScore = ((IOutputLayer) ours).computeScore(0, true, mgr);
        assertEquals(expectedScore, actualScore, 1e-5 * Math.abs(expectedScore));
        assertTrue(expectedScore > 0.5, "a loss that is not near 0: " + expectedScore);
    }

    /** The input a recurrent layer's last step hands over: a strided view of [batch, time, features]. */
    @Test
    void stridedInputAsDl4j() {
        OutputLayer conf = new OutputLayer.Builder(new LossMCXENT()).nIn(13).nOut(10)
                .activation(new ActivationSoftmax()).build();
        Layer dl4j = instantiate(conf);
        Layer ours = instantiate(NativeOutput.of(conf));
        LayerPair.of(dl4j, ours, 12, 1);
        INDArray seq = Nd4j.rand(DataType.FLOAT, 9, 5, 13).subi(0.5);
        INDArray last = seq.get(NDArrayIndex.all(), NDArrayIndex.point(4), NDArrayIndex.all());
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray expected = dl4j.activate(last.dup(), false, mgr);
        INDArray actual = ours.activate(last, false, mgr);
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-5);
    }

    /** The loss at the clipping edge: probabilities of 0 and 1 are clipped as LossMCXENT clips them. */
    @Test
    void clippedLossEqualsLossMcxent() {
        INDArray z = Nd4j.createFromArray(new float[][] {{200f, 0f, -200f}, {0f, 0f, 0f}, {-300f, 300f, 1f}});
        INDArray y = Nd4j.createFromArray(new float[][] {{0f, 0f, 1f}, {0f, 1f, 0f}, {0f, 1f, 0f}});
        LossMCXENT loss = new LossMCXENT();
        ILossFunction ours = new SampleWeightedLoss(loss);
        for (boolean average : new boolean[] {true, false}) {
            double expected = loss.computeScore(y, z.dup(), new ActivationSoftmax(), null, average);
            assertEquals(expected, ours.computeScore(y, z.dup(), new Softmax(), null, average), 1e-6 * expected);
        }
        INDArray g = loss.computeGradient(y, z.dup(), new ActivationSoftmax(), null);
        assertEquals(0, g.sub(ours.computeGradient(y, z.dup(), new Softmax(), null)).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void otherLossesKeepDl4j() {
        INDArray z = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 3);
        assertTrue(SoftmaxCrossentropy.applies(new LossMCXENT(), y, z, new Softmax(), null));
        assertFalse(SoftmaxCrossentropy.applies(new LossSparseMCXENT(), Nd4j.zeros(DataType.FLOAT, 4, 1), z,
                new Softmax(), null));
        assertFalse(SoftmaxCrossentropy.applies(new LossMCXENT(Nd4j.ones(DataType.FLOAT, 1, 3)), y, z, new Softmax(),
                null), "class weights");
        assertFalse(SoftmaxCrossentropy.applies(new LossMCXENT(), y, z, new ActivationSigmoid(), null));
        assertFalse(SoftmaxCrossentropy.applies(new LossMCXENT(), y, z, new Softmax(), Nd4j.ones(DataType.FLOAT, 4, 1)),
                "a mask");
        assertFalse(SoftmaxCrossentropy.applies(new LossMSE(), y, z, new Softmax(), null));
        assertFalse(SoftmaxCrossentropy.applies(new LossMCXENT(), y.castTo(DataType.DOUBLE), z.castTo(DataType.DOUBLE),
                new Softmax(), null));
    }

    private static Layer instantiate(OutputLayer conf) {
        NeuralNetConfiguration nn = new NeuralNetConfiguration.Builder().layer(conf).build();
        long n = conf.initializer().numParams(nn);
        return conf.instantiate(nn, List.of(), 0, Nd4j.zeros(DataType.FLOAT, 1, n), true, DataType.FLOAT);
    }
}

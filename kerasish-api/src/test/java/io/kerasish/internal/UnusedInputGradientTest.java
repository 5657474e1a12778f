package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A first layer that skips its input gradient in kerasish's training step trains to exactly DL4J's weights, and
 * outside such a step it still passes the gradient back.
 */
class UnusedInputGradientTest {
    @ParameterizedTest(name = "{0} input channel(s), {1}, {2}x{2} kernel, {3}")
    @CsvSource({"1, Same, 5, NCHW", "3, Same, 3, NCHW", "1, Truncate, 5, NCHW", "2, Truncate, 2, NCHW",
            "1, Same, 5, NHWC", "3, Same, 3, NHWC", "1, Truncate, 5, NHWC", "2, Truncate, 2, NHWC"})
    void firstConvolutionTrainsAsDl4j(int channels, ConvolutionMode mode, int k, CNN2DFormat format) {
        NativeSetup.ensure();
        assumeTrue(OneDnn.nativeUsesOneDnn(), "this ND4J build has no oneDNN (not the onednn classifier)");
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(k, k).nOut(4).convolutionMode(mode)
                .dataFormat(format).activation(new Relu());
        INDArray x = format == CNN2DFormat.NCHW ? Nd4j.rand(DataType.FLOAT, 6, channels, 9, 9).subi(0.5)
                : Nd4j.rand(DataType.FLOAT, 6, 9, 9, channels).subi(0.5);
        assertSameTraining(new NativeConv(b), b.build(), InputType.convolutional(9, 9, channels, format), x);
    }

    @Test
    void firstDenseLayerTrainsAsDl4j() {
        DenseLayer d = new DenseLayer.Builder().nOut(16).activation(new Relu()).build();
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 20).subi(0.5);
        assertSameTraining(NativeDense.of(d), d, InputType.feedForward(20), x);
    }

    @Test
    void onlyPreprocessorsThatPassNullOn() {
        assertTrue(UnusedInputGradient.takesNull(null));
        assertTrue(UnusedInputGradient.takesNull(new KerasFlattenPreProcessor(new long[] {2, 2, 1}, new long[] {4})));
        assertFalse(UnusedInputGradient.takesNull(new CnnToFeedForwardPreProcessor(4, 4, 2)));
    }

    /** Trains both networks one SGD step from the same weights; ours inside the skip, DL4J's without. */
    private static void assertSameTraining(Layer ours, Layer dl4j, InputType type, INDArray x) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, x.size(0), 3);
        for (int i = 0; i < x.size(0); i++) {
            y.putScalar(i, i % 3, 1);
        }
        MultiLayerNetwork a = network(ours, type);
        MultiLayerNetwork e = network(dl4j, type);
        Nd4j.getRandom().setSeed(3);
        a.setParams(Nd4j.rand(DataType.FLOAT, 1, a.numParams()).subi(0.5));
        e.setParams(a.params().dup());

        AtomicReference<INDArray> passedBack = new AtomicReference<>(Nd4j.ones(1));
        UnusedInputGradient.during(a, () -> {
            a.fit(x, y);
            // what the first layer passes back inside the step
            INDArray out = a.getLayer(0).activate(x, true, LayerWorkspaceMgr.noWorkspaces());
            INDArray eps = Nd4j.rand(DataType.FLOAT, out.shape());
            passedBack.set(a.getLayer(0).backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond());
        });
        e.fit(x, y);
        INDArray diff = a.params().sub(e.params());
        assertEquals(0, diff.amaxNumber().doubleValue(), 1e-5, "weights after a training step");
        assertFalse(a.params().equalsWithEps(a.params().mul(0), 1e-9), "the step trained something");
        assertNull(passedBack.get(), "the first layer skips its input gradient in the step");

        INDArray eps = Nd4j.rand(DataType.FLOAT, a.getLayer(0).activate(x, true, LayerWorkspaceMgr.noWorkspaces()).shape());
        assertNotNull(a.getLayer(0).backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond(),
                "outside a training step the gradient is passed back");
    }

    private static MultiLayerNetwork network(Layer first, InputType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Sgd(0.5)).dataType(DataType.FLOAT)
                .list().layer(first)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(type).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}

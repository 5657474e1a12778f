package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** kerasish's convolution layer, which keeps its forward pre-activation, computes DL4J's gradients. */
class NativeConvTest {
    /** Against DL4J's layer in NCHW, the long-tested path: kerasish's runs Conv2D in NHWC. */
    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void sameOutputAndGradientsAsDl4jWithTheKeptPreActivation(CNN2DFormat format) {
        NativeSetup.ensure(); // oneDNN helpers allowed, as in every kerasish model
        assumeTrue(OneDnn.nativeUsesOneDnn(), "this ND4J build has no oneDNN (not the onednn classifier)");
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(5, 5).nIn(3).nOut(4)
                .convolutionMode(ConvolutionMode.Same).activation(new Relu()).name("c");
        Layer ours = instantiate(new NativeConv(b.dataFormat(format)));
        Layer dl4j = instantiate(b.dataFormat(CNN2DFormat.NCHW).build());
        assertInstanceOf(NativeConv.Impl.class, ours);
        assertNotNull(ours.getHelper(), "the kept pre-activation is for the oneDNN path");

        LayerPair pair = LayerPair.of(dl4j, ours, 9, 1);
        INDArray grads = pair.dl4jGradients();
        INDArray ourGrads = pair.ourGradients();

        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 9, 9).subi(0.5);
        INDArray expected = dl4j.activate(x, true, mgr);
        INDArray actual = toNchw(ours.activate(fromNchw(x, format), true, mgr), format);
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(0, expected.distance1(actual), 1e-4);

        INDArray eps = Nd4j.rand(DataType.FLOAT, expected.shape()).subi(0.5);
        INDArray e = dl4j.backpropGradient(eps.dup(), mgr).getSecond();
        INDArray a = toNchw(ours.backpropGradient(fromNchw(eps, format), mgr).getSecond(), format);
        assertEquals(0, e.distance1(a), 1e-3, "gradient passed back");
        assertEquals(0, grads.distance1(ourGrads), 1e-3, "kernel and bias gradients");

        // a second backward pass without a forward one computes the pre-activation again
        ourGrads.assign(0);
        ours.backpropGradient(fromNchw(eps, format), mgr);
        dl4j.backpropGradient(eps.dup(), mgr);
        assertEquals(0, grads.distance1(ourGrads), 1e-3, "gradients, recomputed");
    }

    /** A channels-first array in {@code format}, as a new c-order array. */
    static INDArray fromNchw(INDArray nchw, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW ? nchw.dup() : nchw.permute(0, 2, 3, 1).dup('c');
    }

    /** An array in {@code format} as channels-first. */
    static INDArray toNchw(INDArray a, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW ? a : a.permute(0, 3, 1, 2);
    }

    private static Layer instantiate(ConvolutionLayer conf) {
        NeuralNetConfiguration nn = new NeuralNetConfiguration.Builder().layer(conf).build();
        long n = conf.initializer().numParams(nn);
        return conf.instantiate(nn, List.of(), 0, Nd4j.zeros(DataType.FLOAT, 1, n), true, DataType.FLOAT);
    }
}

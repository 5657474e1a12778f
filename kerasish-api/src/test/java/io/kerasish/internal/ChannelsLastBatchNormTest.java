package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * kerasish runs BatchNormalization on images channels-last (NHWC, oneDNN's helper on axis 3) beside Conv2D and
 * pooling; DL4J's layer must then train exactly as in NCHW: outputs, gradients and moving statistics.
 */
class ChannelsLastBatchNormTest {
    @Test
    void trainsAsInChannelsFirst() {
        NativeSetup.ensure(); // helpers allowed, as in every kerasish model
        BatchNormalization.Builder b = new BatchNormalization.Builder().nIn(5).nOut(5).eps(1e-3).decay(0.9).useLogStd(false);
        Layer nhwc = instantiate(b.dataFormat(CNN2DFormat.NHWC).build());
        Layer nchw = instantiate(b.dataFormat(CNN2DFormat.NCHW).build());
        Nd4j.getRandom().setSeed(11);
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, nchw.numParams()).addi(0.5);
        nchw.setParams(params.dup());
        nhwc.setParams(params.dup());
        INDArray gNchw = Nd4j.zeros(DataType.FLOAT, 1, nchw.numParams());
        INDArray gNhwc = Nd4j.zeros(DataType.FLOAT, 1, nchw.numParams());
        nchw.setBackpropGradientsViewArray(gNchw);
        nhwc.setBackpropGradientsViewArray(gNhwc);

        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5, 6, 7).muli(3).subi(1);
        INDArray expected = nchw.activate(x, true, mgr);
        INDArray actual = NativeConvTest.toNchw(nhwc.activate(NativeConvTest.fromNchw(x, CNN2DFormat.NHWC), true, mgr),
                CNN2DFormat.NHWC);
        assertEquals(0, expected.distance1(actual), 1e-3, "training output");

        INDArray eps = Nd4j.rand(DataType.FLOAT, expected.shape()).subi(0.5);
        INDArray e = nchw.backpropGradient(eps.dup(), mgr).getSecond();
        INDArray a = NativeConvTest.toNchw(
                nhwc.backpropGradient(NativeConvTest.fromNchw(eps, CNN2DFormat.NHWC), mgr).getSecond(), CNN2DFormat.NHWC);
        assertEquals(0, e.distance1(a), 1e-3, "gradient passed back");
        assertEquals(0, gNchw.distance1(gNhwc), 1e-3, "gamma and beta gradients, moving mean and variance");
        assertEquals(0, nchw.params().distance1(nhwc.params()), 1e-4, "moving statistics");
    }

    private static Layer instantiate(BatchNormalization conf) {
        NeuralNetConfiguration nn = new NeuralNetConfiguration.Builder().layer(conf).build();
        long n = conf.initializer().numParams(nn);
        return conf.instantiate(nn, List.of(), 0, Nd4j.zeros(DataType.FLOAT, 1, n), true, DataType.FLOAT);
    }
}

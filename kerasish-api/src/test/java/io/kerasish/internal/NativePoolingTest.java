package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** kerasish's pooling layer gives DL4J's values, forward and backward, for every shape kerasish creates. */
class NativePoolingTest {
    static List<Arguments> cases() {
        return List.of(
                Arguments.of(PoolingType.MAX, ConvolutionMode.Truncate, 2, 2, 28),
                Arguments.of(PoolingType.MAX, ConvolutionMode.Same, 3, 2, 11),
                Arguments.of(PoolingType.MAX, ConvolutionMode.Truncate, 3, 1, 9),
                Arguments.of(PoolingType.MAX, ConvolutionMode.Same, 2, 2, 10), // "same" that needs no padding
                Arguments.of(PoolingType.MAX, ConvolutionMode.Truncate, 2, 2, 9), // a row and a column left over
                Arguments.of(PoolingType.MAX, ConvolutionMode.Truncate, 3, 3, 12),
                Arguments.of(PoolingType.AVG, ConvolutionMode.Truncate, 2, 2, 10),
                Arguments.of(PoolingType.AVG, ConvolutionMode.Same, 3, 2, 7),
                Arguments.of(PoolingType.AVG, ConvolutionMode.Same, 2, 2, 5));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameValuesAndGradientsAsDl4j(PoolingType type, ConvolutionMode mode, int pool, int stride, int size) {
        SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(type)
                .kernelSize(pool, pool).stride(stride, stride).convolutionMode(mode)
                .avgPoolIncludePadInDivisor(false).dataFormat(CNN2DFormat.NCHW).name("pool");
        Layer ours = instantiate(new NativePooling(b));
        Layer dl4j = instantiate(b.build());
        assertTrue(ours instanceof NativePooling.Impl);
        assertNull(ours.getHelper(), "no oneDNN helper");

        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, size, size).subi(0.5);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(0); // ties, as after a ReLU
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray expected = dl4j.activate(x, true, mgr);
        INDArray actual = ours.activate(x, true, mgr);
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(0, expected.distance1(actual), 1e-4, "forward " + type + " " + mode);

        INDArray eps = Nd4j.rand(DataType.FLOAT, expected.shape());
        INDArray expectedGrad = dl4j.backpropGradient(eps, mgr).getSecond();
        INDArray actualGrad = ours.backpropGradient(eps, mgr).getSecond();
        assertArrayEquals(x.shape(), actualGrad.shape());
        assertEquals(0, expectedGrad.distance1(actualGrad), 1e-4, "backward " + type + " " + mode);
    }

    private static Layer instantiate(SubsamplingLayer conf) {
        NeuralNetConfiguration nn = new NeuralNetConfiguration.Builder().layer(conf).build();
        return conf.instantiate(nn, List.of(), 0, null, true, DataType.FLOAT);
    }
}

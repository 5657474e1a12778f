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
        List<Arguments> cases = new java.util.ArrayList<>();
        for (CNN2DFormat format : CNN2DFormat.values()) {
            cases.add(Arguments.of(PoolingType.MAX, ConvolutionMode.Truncate, 2, 2, 28, format));
            cases.add(Arguments.of(PoolingType.MAX, ConvolutionMode.Same, 3, 2, 11, format));
            cases.add(Arguments.of(PoolingType.MAX, ConvolutionMode.Truncate, 3, 1, 9, format));
            cases.add(Arguments.of(PoolingType.MAX, ConvolutionMode.Same, 2, 2, 10, format)); // "same" that needs no padding
            cases.add(Arguments.of(PoolingType.MAX, ConvolutionMode.Truncate, 2, 2, 9, format)); // a row and a column left over
            cases.add(Arguments.of(PoolingType.MAX, ConvolutionMode.Truncate, 3, 3, 12, format));
            cases.add(Arguments.of(PoolingType.AVG, ConvolutionMode.Truncate, 2, 2, 10, format));
            cases.add(Arguments.of(PoolingType.AVG, ConvolutionMode.Same, 3, 2, 7, format));
            cases.add(Arguments.of(PoolingType.AVG, ConvolutionMode.Same, 2, 2, 5, format));
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameValuesAndGradientsAsDl4j(PoolingType type, ConvolutionMode mode, int pool, int stride, int size,
            CNN2DFormat format) {
        SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(type)
                .kernelSize(pool, pool).stride(stride, stride).convolutionMode(mode)
                .avgPoolIncludePadInDivisor(false).name("pool");
        Layer ours = instantiate(new NativePooling(b.dataFormat(format)));
        Layer dl4j = instantiate(b.dataFormat(CNN2DFormat.NCHW).build()); // the reference: DL4J's layer in NCHW
        assertTrue(ours instanceof NativePooling.Impl);
        assertNull(ours.getHelper(), "no DL4J helper");

        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, size, size).subi(0.5);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(0); // ties, as after a ReLU
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray expected = dl4j.activate(x, true, mgr);
        INDArray actual = NativeConvTest.toNchw(ours.activate(NativeConvTest.fromNchw(x, format), true, mgr), format);
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(0, expected.distance1(actual), 1e-4, "forward " + type + " " + mode + " " + format);

        INDArray eps = Nd4j.rand(DataType.FLOAT, expected.shape());
        INDArray expectedGrad = dl4j.backpropGradient(eps, mgr).getSecond();
        INDArray actualGrad = NativeConvTest.toNchw(
                ours.backpropGradient(NativeConvTest.fromNchw(eps, format), mgr).getSecond(), format);
        assertArrayEquals(x.shape(), actualGrad.shape());
        assertEquals(0, expectedGrad.distance1(actualGrad), 1e-4, "backward " + type + " " + mode + " " + format);
    }

    private static Layer instantiate(SubsamplingLayer conf) {
        NeuralNetConfiguration nn = new NeuralNetConfiguration.Builder().layer(conf).build();
        return conf.instantiate(nn, List.of(), 0, null, true, DataType.FLOAT);
    }
}

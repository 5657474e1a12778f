package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** kerasish's dense layer computes what DL4J's does: output, weight and bias gradients, and the gradient it passes back. */
class NativeDenseTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sameOutputAndGradientsAsDl4j(boolean bias) {
        DenseLayer conf = new DenseLayer.Builder().nIn(37).nOut(23).hasBias(bias).activation(new Relu()).name("d").build();
        NativeDense copy = NativeDense.of(conf);
        assertEquals(conf.getNIn(), copy.getNIn());
        assertEquals(conf.getActivationFn(), copy.getActivationFn());
        assertEquals(conf.hasBias(), copy.hasBias());

        Layer dl4j = instantiate(conf);
        Layer ours = instantiate(copy);
        assertInstanceOf(NativeDense.Impl.class, ours);
        LayerPair pair = LayerPair.of(dl4j, ours, 5, 1);
        INDArray grads = pair.dl4jGradients();
        INDArray ourGrads = pair.ourGradients();

        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        // a strided, Fortran-ordered input, as the flatten preprocessor can hand over
        INDArray x = Nd4j.rand(DataType.FLOAT, 37, 19).subi(0.5).transpose();
        INDArray expected = dl4j.activate(x, true, mgr);
        INDArray actual = ours.activate(x, true, mgr);
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(0, expected.distance1(actual), 1e-4);

        INDArray eps = Nd4j.rand(DataType.FLOAT, 19, 23).subi(0.5);
        Pair<Gradient, INDArray> e = dl4j.backpropGradient(eps.dup(), mgr);
        Pair<Gradient, INDArray> a = ours.backpropGradient(eps.dup(), mgr);
        assertArrayEquals(e.getSecond().shape(), a.getSecond().shape());
        assertEquals(0, e.getSecond().distance1(a.getSecond()), 1e-4, "gradient passed back");
        assertEquals(e.getFirst().gradientForVariable().keySet(), a.getFirst().gradientForVariable().keySet());
        assertEquals(0, grads.distance1(ourGrads), 1e-4, "weight and bias gradients, in DL4J's flat view");
        assertEquals(true, ourGrads.sumNumber().doubleValue() != 0, "gradients were written");

        // a new input without a forward pass: the kept pre-activation is not for it, so it is computed again
        INDArray x2 = Nd4j.rand(DataType.FLOAT, 19, 37).subi(0.5);
        dl4j.setInput(x2, mgr);
        ours.setInput(x2, mgr);
        INDArray e2 = dl4j.backpropGradient(eps.dup(), mgr).getSecond();
        INDArray a2 = ours.backpropGradient(eps.dup(), mgr).getSecond();
        assertEquals(0, e2.distance1(a2), 1e-4, "gradient passed back, recomputed");
        assertEquals(0, grads.distance1(ourGrads), 1e-4, "weight and bias gradients, recomputed");
    }

    /**
     * The bias add equals libnd4j's {@code addiRowVector}: a bias inside a flat parameter vector (at an offset, as
     * DL4J holds it), a strided bias and a view as the output (both left to the op), and float64 (the op too).
     */
    @Test
    void biasAddEqualsAddiRowVector() {
        Nd4j.getRandom().setSeed(8);
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 100).subi(0.5);
        INDArray inFlat = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(40, 51)).reshape(1, 11);
        INDArray strided = Nd4j.rand(DataType.FLOAT, 11, 3).getColumn(1);
        INDArray wide = Nd4j.rand(DataType.FLOAT, 7, 20);
        for (INDArray bias : new INDArray[] {inFlat, strided}) {
            for (INDArray z : new INDArray[] {Nd4j.rand(DataType.FLOAT, 7, 11).subi(0.5),
                    wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 13))}) {
                INDArray expected = z.dup().addiRowVector(bias.dup());
                INDArray before = z.dup();
                NativeDense.addBias(z, bias);
                assertEquals(0, expected.sub(z).amaxNumber().doubleValue(), 0, "bias added once to every row");
                assertEquals(true, before.sub(z).amaxNumber().doubleValue() > 0.01, "changed");
            }
        }
        INDArray z64 = Nd4j.rand(DataType.DOUBLE, 5, 11);
        INDArray expected64 = z64.dup().addiRowVector(inFlat.castTo(DataType.DOUBLE));
        NativeDense.addBias(z64, inFlat.castTo(DataType.DOUBLE));
        assertEquals(0, expected64.sub(z64).amaxNumber().doubleValue(), 0);
    }

    private static Layer instantiate(DenseLayer conf) {
        NeuralNetConfiguration nn = new NeuralNetConfiguration.Builder().layer(conf).build();
        long n = conf.initializer().numParams(nn);
        return conf.instantiate(nn, List.of(), 0, Nd4j.zeros(DataType.FLOAT, 1, n), true, DataType.FLOAT);
    }
}

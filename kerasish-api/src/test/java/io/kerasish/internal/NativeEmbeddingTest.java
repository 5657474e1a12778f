package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** kerasish's Embedding backward pass (in Java) gives DL4J's gradient; the cases it does not handle go to DL4J. */
class NativeEmbeddingTest {
    private static final int N = 5;
    private static final int T = 7;
    private static final int WORDS = 11;
    private static final int DIM = 4;

    /** Repeated ids (their rows add up), and a mask with fractional and zero entries (the gradient is scaled). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sameOutputAndGradientAsDl4j(boolean withMask) {
        Layer dl4j = instantiate(conf(false));
        Layer ours = instantiate(NativeEmbedding.of(conf(false)));
        assertInstanceOf(NativeEmbedding.Impl.class, ours);
        Nd4j.getRandom().setSeed(4);
        ours.setParams(Nd4j.rand(DataType.FLOAT, 1, dl4j.numParams()));
        dl4j.setParams(ours.params().dup());
        INDArray ids = Nd4j.rand(DataType.FLOAT, N, T).muli(WORDS).castTo(DataType.INT).castTo(DataType.FLOAT);
        ids.putScalar(0, 0, 3);
        ids.putScalar(1, 2, 3); // id 3 twice at least
        INDArray mask = null;
        if (withMask) {
            mask = Nd4j.ones(DataType.FLOAT, N, T);
            mask.putScalar(0, 0, 0.25);
            mask.putScalar(2, 6, 0);
            mask.putScalar(4, 5, 0);
        }
        dl4j.setMaskArray(mask);
        ours.setMaskArray(mask);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        assertEquals(dl4j.activate(ids, true, mgr), ours.activate(ids, true, mgr), "output");
        INDArray eps = Nd4j.rand(DataType.FLOAT, N, T, DIM).subi(0.5);
        Pair<Gradient, INDArray> e = dl4j.backpropGradient(eps.dup(), mgr);
        Pair<Gradient, INDArray> a = ours.backpropGradient(eps, mgr);
        assertNull(a.getSecond(), "ids have no gradient");
        INDArray ge = e.getFirst().getGradientFor("W");
        INDArray ga = a.getFirst().getGradientFor("W");
        assertTrue(ga.amaxNumber().doubleValue() > 0.1, "written");
        assertEquals(0, ge.sub(ga).amaxNumber().doubleValue(), 1e-6, "embeddings' gradient");
        assertEquals(List.copyOf(e.getFirst().gradientForVariable().keySet()),
                List.copyOf(a.getFirst().gradientForVariable().keySet()));
    }

    @Test
    void withABiasItIsDl4jsLayer() {
        Layer ours = instantiate(NativeEmbedding.of(conf(true)));
        Nd4j.getRandom().setSeed(5);
        ours.setParams(Nd4j.rand(DataType.FLOAT, 1, ours.numParams()));
        INDArray ids = Nd4j.rand(DataType.FLOAT, N, T).muli(WORDS).castTo(DataType.INT).castTo(DataType.FLOAT);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        ours.activate(ids, true, mgr);
        Gradient g = ours.backpropGradient(Nd4j.rand(DataType.FLOAT, N, T, DIM), mgr).getFirst();
        assertFalse(g.getGradientFor("b") == null, "DL4J's backward pass computed the bias gradient");
    }

    private static EmbeddingSequenceLayer conf(boolean bias) {
        return new EmbeddingSequenceLayer.Builder().nIn(WORDS).nOut(DIM).hasBias(bias).inputLength(T)
                .outputDataFormat(RNNFormat.NWC).name("embedding").build();
    }

    private static Layer instantiate(EmbeddingSequenceLayer conf) {
        NeuralNetConfiguration nn = new NeuralNetConfiguration.Builder().layer(conf).build();
        long n = conf.initializer().numParams(nn);
        Layer layer = conf.instantiate(nn, List.of(), 0, Nd4j.zeros(DataType.FLOAT, 1, n), true, DataType.FLOAT);
        layer.setBackpropGradientsViewArray(Nd4j.zeros(DataType.FLOAT, 1, n));
        return layer;
    }
}

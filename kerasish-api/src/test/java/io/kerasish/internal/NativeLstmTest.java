package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** kerasish's LSTM (LstmBptt's passes, FastTanh's activations) computes what DL4J's does. */
class NativeLstmTest {
    private static final int N = 6;
    private static final int T = 9;
    private static final int FEATURES = 5;
    private static final int UNITS = 7;

    /**
     * Unmasked, and with a mask whose real steps come first (what ZeroMask hands over; one row all real); the
     * backward pass from the training forward pass's gates, and (after an inference pass in between) from its own
     * forward pass.
     */
    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void sameOutputAndGradientsAsDl4j(boolean withMask, boolean inferenceBetween) {
        Layer[] pair = pair(lstm(Activation.SIGMOID));
        assertInstanceOf(NativeLstm.Impl.class, pair[1]);
        INDArray mask = withMask ? prefixMask(new int[] {9, 1, 4, 9, 2, 6}) : null;
        assertSame(pair[0], pair[1], mask, true, inferenceBetween);
    }

    /**
     * Inside DL4J's own training loop (workspaces on, the forward pass's gates kept for the backward pass), a network
     * with the layer trains to the weights the same network with DL4J's LSTM reaches; with and without a mask.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trainsToDl4jsWeightsInsideANetwork(boolean withMask) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.5))
                .dataType(DataType.FLOAT).list()
                .layer(NativeLstm.of(lstm(Activation.SIGMOID)))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(UNITS).nOut(3)
                        .activation(Activation.IDENTITY).dataFormat(RNNFormat.NWC).build())
                .build();
        MultiLayerNetwork ours = new MultiLayerNetwork(conf);
        ours.init();
        String json = conf.toJson();
        assertTrue(json.contains(NativeLstm.class.getName()));
        MultiLayerNetwork dl4j = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(
                json.replace(NativeLstm.class.getName(), LSTM.class.getName())));
        dl4j.init(ours.params().dup(), true);
        assertInstanceOf(NativeLstm.Impl.class, ours.getLayer(0));
        assertFalse(dl4j.getLayer(0) instanceof NativeLstm.Impl);

        Nd4j.getRandom().setSeed(5);
        INDArray start = ours.params().dup();
        for (int step = 0; step < 3; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, N, T, FEATURES).subi(0.5);
            INDArray y = Nd4j.rand(DataType.FLOAT, N, T, 3);
            INDArray mask = withMask ? prefixMask(new int[] {9, 1, 4, 9, 2, 6}) : null;
            ours.fit(new DataSet(x, y, mask, mask));
            dl4j.fit(new DataSet(x.dup(), y.dup(), mask, mask));
        }
        assertTrue(ours.params().sub(start).amaxNumber().doubleValue() > 1e-3, "trained");
        // 3e-5: the layer's rational tanh and sigmoid (FastTanh, off by up to 3.3e-7) against DL4J's, through three
        // steps at learning rate 0.5 (1.05e-5 measured); the same network with Math.exp's activations was within 1e-5
        assertEquals(0, ours.params().sub(dl4j.params()).amaxNumber().doubleValue(), 3e-5, "weights after 3 steps");
    }

    /** A mask with a gap is DL4J's business (its state reset differs from running through): the layer falls back. */
    @Test
    void otherMasksAndActivationsRunDl4jsCode() {
        INDArray gap = prefixMask(new int[] {9, 3, 4, 9, 2, 6});
        gap.putScalar(1, 5, 1.0);
        assertFalse(NativeLstm.Impl.prefixMask(gap, N, T));
        assertTrue(NativeLstm.Impl.prefixMask(prefixMask(new int[] {9, 3, 4, 9, 2, 6}), N, T));
        assertSame(pair(lstm(Activation.SIGMOID))[0], pair(lstm(Activation.SIGMOID))[1], gap, false, true);
        Layer[] hard = pair(lstm(Activation.HARDSIGMOID));
        assertSame(hard[0], hard[1], null, false, true);
    }

    private static void assertSame(Layer dl4j, Layer ours, INDArray mask, boolean strict, boolean inferenceBetween) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        // a strided input, as a permute or slice upstream can hand over
        INDArray x = Nd4j.rand(DataType.FLOAT, FEATURES, T, N).subi(0.5).permute(2, 1, 0);
        dl4j.setMaskArray(mask);
        ours.setMaskArray(mask);
        INDArray expected = dl4j.activate(x, true, mgr).dup();
        INDArray actual = ours.activate(x, true, mgr).dup();
        assertArrayEquals(new long[] {N, T, UNITS}, actual.shape());
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-5, "output");
        if (inferenceBetween) {
            INDArray inferred = ours.activate(x, false, mgr).dup();
            assertEquals(0, expected.sub(inferred).amaxNumber().doubleValue(), 1e-5, "inference output");
        }

        INDArray eps = Nd4j.rand(DataType.FLOAT, N, T, UNITS).subi(0.5);
        if (mask != null) {
            // what a layer after a masked LSTM passes back (MaskedLastStep: the last real step only): nothing at
            // padded steps. DL4J's backward pass would carry a gradient there back through the state it reset.
            eps.muli(mask.reshape(N, T, 1).broadcast(N, T, UNITS));
        }
        Pair<Gradient, INDArray> e = dl4j.backpropGradient(eps.dup(), mgr);
        if (mask != null && strict) {
            // kerasish's passes mask the incoming gradient themselves: values at padded steps change nothing (not so
            // for the masks with gaps that DL4J's code handles, the non-strict case)
            INDArray padded = mask.rsub(1.0).reshape(N, T, 1).broadcast(N, T, UNITS);
            eps.addi(Nd4j.rand(DataType.FLOAT, N, T, UNITS).muli(padded));
        }
        INDArray epsCopy = eps.dup();
        Pair<Gradient, INDArray> a = ours.backpropGradient(eps, mgr);
        assertEquals(epsCopy, eps, "the incoming gradient is not modified");
        assertArrayEquals(x.shape(), a.getSecond().shape());
        assertEquals(0, e.getSecond().sub(a.getSecond()).amaxNumber().doubleValue(), 1e-5, "gradient passed back");
        assertEquals(List.copyOf(e.getFirst().gradientForVariable().keySet()),
                List.copyOf(a.getFirst().gradientForVariable().keySet()));
        for (String k : e.getFirst().gradientForVariable().keySet()) {
            INDArray ge = e.getFirst().getGradientFor(k);
            INDArray ga = a.getFirst().getGradientFor(k);
            assertEquals(0, ge.sub(ga).amaxNumber().doubleValue(), 1e-5 * (1 + ge.amaxNumber().doubleValue()), k);
            assertTrue(ga.amaxNumber().doubleValue() > (strict ? 1e-3 : 0), k + " was written");
        }
    }

    private static LSTM lstm(Activation gate) {
        return new LSTM.Builder().nIn(FEATURES).nOut(UNITS).activation(Activation.TANH).gateActivationFunction(gate)
                .forgetGateBiasInit(1.0).dataFormat(RNNFormat.NWC).name("lstm").build();
    }

    /** DL4J's layer and kerasish's, with the same random parameters (the bias too, so gate order matters). */
    private static Layer[] pair(LSTM conf) {
        NativeLstm copy = NativeLstm.of(conf);
        assertEquals(conf.getNOut(), copy.getNOut());
        assertEquals(conf.getGateActivationFn(), copy.getGateActivationFn());
        Layer dl4j = instantiate(conf);
        Layer ours = instantiate(copy);
        LayerPair.of(dl4j, ours, 11, 1);
        return new Layer[] {dl4j, ours};
    }

    private static Layer instantiate(LSTM conf) {
        NeuralNetConfiguration nn = new NeuralNetConfiguration.Builder().layer(conf).build();
        long n = conf.initializer().numParams(nn);
        return conf.instantiate(nn, List.of(), 0, Nd4j.zeros(DataType.FLOAT, 1, n), true, DataType.FLOAT);
    }

    private static INDArray prefixMask(int[] lengths) {
        INDArray m = Nd4j.zeros(DataType.FLOAT, lengths.length, T);
        for (int r = 0; r < lengths.length; r++) {
            for (int t = 0; t < lengths[r]; t++) {
                m.putScalar(r, t, 1.0);
            }
        }
        return m;
    }
}

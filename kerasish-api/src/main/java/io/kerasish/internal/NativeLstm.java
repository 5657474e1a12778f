package io.kerasish.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link LSTM} with the whole sequence in a few native calls each way, in {@link LstmBptt}: one product over
 * all the steps for the inputs' projection and for each gradient, one small product per step each way (in Java for
 * small layers), and the gate arithmetic in Java, vectorized by the JIT ({@link FastTanh}); training keeps the
 * forward pass's gates for the backward pass. DL4J's layer loops over the time steps in Java, a dozen small ops per
 * step each way, and runs its forward pass twice in training. Measured on 2 cores (bench worker, three alternating
 * runs each, 2026-12-03): the Alice char-LSTM (128 x 40 steps, 128 units) trains at about 3,200-3,400 examples/s
 * (raw DL4J about 770) and predicts at 10,500-12,600; the IMDB Embedding+LSTM(32) trains at 900-1,500 (raw DL4J
 * 160-200; 1,530-1,720 with the step products in Java, 2026-12-04) and predicts at 11,200-13,900. libnd4j's
 * whole-sequence {@code lstmLayer} op, which inference used before, predicted at 4,500-5,100 and 4,900-7,800, and
 * the Java loops with {@code Math.exp} slower still.
 * Outputs and gradients equal DL4J's to 1e-5 (NativeLstmTest; the rational activations are off by up to 3.3e-7).
 *
 * <p>Both take Keras's gate order (i, f, c, o), DL4J's parameters hold (c, f, o, i): the weights are reordered
 * going in and the gradients coming out ({@link WeightConversions#LSTM_GATES}), so saving, loading and DL4J's own
 * code see DL4J's layout. A mask must have each row's real steps first, as {@link ZeroMask} arranges: the outputs
 * after them are zeroed, as DL4J's state reset gives for that form, and so are the incoming gradients there (DL4J's
 * backward pass would carry those back through the state it reset; {@link MaskedLastStep} sends none). Anything else
 * (another mask, other activations, weight noise, layer dropout, float64, stepping with stored state, truncated
 * BPTT) runs DL4J's code. libnd4j's backward op ({@code lstmLayer_bp}) is not used: in 1.0.0-M2.1 it leaks memory
 * at every step (see {@link LstmBptt}).
 */
public class NativeLstm extends LSTM {
    private static final String W = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    private static final String RW = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    private static final String B = LSTMParamInitializer.BIAS_KEY;

    /** For Jackson, which DL4J uses to copy and save configurations. */
    public NativeLstm() {
    }

    /** A copy of a built LSTM configuration (LSTM's builder constructor is private). */
    public static NativeLstm of(LSTM built) {
        return Dl4jLayers.copyFields(LSTM.class, built, new NativeLstm());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray params, boolean initialize, DataType dataType) {
        return Dl4jLayers.wire(new Impl(conf, dataType), initializer(), conf, listeners, index, params, initialize);
    }

    /** The layer: DL4J's, with {@link LstmBptt}'s passes for the plain case. */
    static final class Impl extends org.deeplearning4j.nn.layers.recurrent.LSTM {
        private final LstmBptt bptt = new LstmBptt();
        private INDArray keptFor; // the input of the training forward pass whose gates bptt keeps

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /**
         * {@link LstmBptt}'s forward pass; in training, what it keeps serves the backward pass (DL4J's layer runs its
         * forward pass again there).
         */
        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            keptFor = null;
            if (!plain()) {
                return super.activate(training, mgr);
            }
            INDArray x = input.castTo(params.get(W).dataType());
            INDArray h = mgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.size(0), x.size(1), units());
            INDArray[] w = kerasWeights();
            bptt.forward(x, w[0], w[1], w[2], h);
            keptFor = training ? input : null;
            return masked(h);
        }

        @Override
        public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr mgr) {
            setInput(input, mgr);
            return activate(training, mgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            if (!plain()) {
                return super.backpropGradient(epsilon, mgr);
            }
            INDArray x = input.castTo(params.get(W).dataType());
            INDArray eps = epsilon.castTo(x.dataType());
            eps = maskArray == null ? eps : masked(eps.dup());
            INDArray[] w = kerasWeights();
            if (keptFor != input) {
                bptt.forward(x, w[0], w[1], w[2], null);
            }
            keptFor = null;
            INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape());
            INDArray[] dw = bptt.backward(x, w[0], w[1], eps, dx);
            Gradient gradient = new DefaultGradient();
            String[] keys = {W, RW, B};
            for (int k = 0; k < keys.length; k++) {
                INDArray view = gradientViews.get(keys[k]);
                view.assign(WeightConversions.LSTM_GATES.toDl4j(dw[k], view.shape()));
                gradient.gradientForVariable().put(keys[k], view);
            }
            return new Pair<>(gradient, dx);
        }

        /**
         * Whether the ops compute what DL4J's code would: a fresh sequence (no stored state) in [batch, steps,
         * features], tanh and sigmoid, no weight noise or layer dropout, and a mask, if any, in prefix form.
         */
        private boolean plain() {
            org.deeplearning4j.nn.conf.layers.LSTM c = layerConf();
            return input != null && input.rank() == 3 && input.size(2) == params.get(W).size(0)
                    && c.getRnnDataFormat() == RNNFormat.NWC && c.getIDropout() == null && c.getWeightNoise() == null
                    && c.getActivationFn() instanceof ActivationTanH
                    && c.getGateActivationFn() instanceof ActivationSigmoid
                    && input.dataType().isFPType() && params.get(W).dataType() == DataType.FLOAT
                    && input.size(0) * input.size(1) * 4 * units() < Integer.MAX_VALUE // LstmBptt's Java arrays
                    && (maskArray == null || prefixMask(maskArray, input.size(0), input.size(1)));
        }

        private long units() {
            return params.get(RW).size(0);
        }

        /** The parameters in Keras's gate order, as the ops take them: input kernel, recurrent kernel, bias. */
        private INDArray[] kerasWeights() {
            INDArray w = params.get(W);
            INDArray rw = params.get(RW);
            INDArray b = params.get(B);
            return new INDArray[] {WeightConversions.LSTM_GATES.toKeras(w, w.shape()),
                    WeightConversions.LSTM_GATES.toKeras(rw, rw.shape()),
                    WeightConversions.LSTM_GATES.toKeras(b, new long[] {b.length()})};
        }

        /** {@code a} [batch, steps, n] with the masked steps zeroed, in place. */
        private INDArray masked(INDArray a) {
            if (maskArray != null) {
                Nd4j.getExecutioner().exec(new BroadcastMulOp(a, maskArray.castTo(a.dataType()), a, 0, 1));
            }
            return a;
        }

        /** Whether each row of the mask [batch, steps] is 1s then 0s (and of the input's size). */
        static boolean prefixMask(INDArray mask, long batch, long steps) {
            if (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != steps) {
                return false;
            }
            float[] m = mask.castTo(DataType.FLOAT).dup('c').data().asFloat();
            for (int r = 0; r < batch; r++) {
                boolean ended = false;
                for (int t = 0; t < steps; t++) {
                    float v = m[(int) (r * steps + t)];
                    if (v != 0 && v != 1 || v == 1 && ended) {
                        return false;
                    }
                    ended |= v == 0;
                }
            }
            return true;
        }
    }
}

package io.kerasish.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's hidden {@link DenseLayer} with its three matrix products sent straight to libnd4j's {@code matmul} op,
 * which runs oneDNN's multi-threaded sgemm. DL4J's layer goes through {@code INDArray.mmuli} and {@code Nd4j.gemm}:
 * OpenBLAS on one thread (the setting that keeps OpenBLAS's threads from fighting OpenMP's) and, forward, a
 * temporary copied into the output. Measured on 2 cores for 64x784 times 784x512: {@code mmuli} 1.9 ms, the op
 * 0.6 ms. And the training forward pass keeps its pre-activation for the backward pass, which DL4J computes again.
 * MLP 784-512-256-10 training went from about 5,400-6,000 to 6,500-7,600 examples/s, inference from 42,000-52,000
 * to 76,000-100,000. As the network's first layer in kerasish's training steps it skips its input gradient
 * ({@link UnusedInputGradient}), the widest of an MLP's products. The bias is added in Java ({@link #addBias}), for
 * "relu" in the same loop as the ReLU, which keeps a copy of the output for the backward pass instead of the
 * pre-activation (MLP training with the Java ReLU and loss, {@link SoftmaxCrossentropy}: 18,900-20,200 to
 * 21,600-24,400 examples/s).
 * Same arithmetic otherwise; layers with layer normalization or weight noise (kerasish creates neither) keep DL4J's
 * code.
 */
public class NativeDense extends DenseLayer {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;
    private static final String B = DefaultParamInitializer.BIAS_KEY;

    /** For Jackson, which DL4J uses to copy and save configurations. */
    public NativeDense() {
    }

    /** A copy of a built DenseLayer configuration (DenseLayer's builder constructor is private). */
    public static NativeDense of(DenseLayer built) {
        return Dl4jLayers.copyFields(DenseLayer.class, built, new NativeDense());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray params, boolean initialize, DataType dataType) {
        return Dl4jLayers.wire(new Impl(conf, dataType), initializer(), conf, listeners, index, params, initialize);
    }

    /** {@code z += bias} on each row: in Java for float32 ({@link JavaFloats#addBias}), else libnd4j's op. */
    static void addBias(INDArray z, INDArray bias) {
        if (!JavaFloats.addBias(z, bias, false, null)) {
            z.addiRowVector(bias);
        }
    }

    /** {@code in . w (+ bias)}, a new [batch, units] activations array; the product on libnd4j's matmul op. */
    static INDArray linear(INDArray in, INDArray w, INDArray bias, LayerWorkspaceMgr mgr) {
        INDArray z = mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), in.size(0), w.size(1));
        matmul(in.castTo(w.dataType()), w, z, false, false);
        if (bias != null) {
            addBias(z, bias);
        }
        return z;
    }

    /** {@code out = op(a) . op(b)}, op a transpose where asked, on libnd4j's matmul op. */
    static void matmul(INDArray a, INDArray b, INDArray out, boolean transposeA, boolean transposeB) {
        try (OpContext ctx = Nd4j.getExecutioner().buildContext()) {
            ctx.setInputArrays(a, b);
            ctx.setOutputArrays(out);
            ctx.setIArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0);
            ctx.setTArguments(1.0, 0.0);
            Nd4j.exec(DynamicCustomOp.builder("matmul").build(), ctx);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("matmul failed: " + e.getMessage(), e);
        }
    }

    /** The layer: DL4J's, with its own forward and backward passes for the plain case. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        private INDArray cachedZ; // the training forward pass's pre-activation, for the backward pass
        private INDArray cachedRelu; // or, for "relu", its output
        private INDArray cachedFor; // the input it was computed from

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /**
         * DL4J's forward pass, keeping a copy of the pre-activation when training. DL4J's backward pass computes it
         * again (a quarter of an MLP's matrix products). The copy lives where activations live, as long as the
         * layer's input, which the backward pass needs anyway; it is used only for that same input. For "relu" the
         * bias and the ReLU are one Java loop ({@link JavaFloats#addBias}) that also writes the copy, of the output:
         * {@code output > 0} exactly where {@code z > 0}.
         */
        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            cachedZ = null;
            cachedRelu = null;
            cachedFor = null;
            if (!plain()) {
                return super.activate(training, mgr);
            }
            if (layerConf().getActivationFn() instanceof Relu && maskArray == null && hasBias()) {
                return fusedRelu(training, mgr);
            }
            if (!training) {
                return super.activate(false, mgr);
            }
            INDArray z = preOutputWithPreNorm(true, false, mgr).getFirst();
            cachedZ = mgr.dup(ArrayType.ACTIVATIONS, z);
            cachedFor = input;
            INDArray out = layerConf().getActivationFn().getActivation(z, true);
            if (maskArray != null) {
                applyMask(out);
            }
            return out;
        }

        /** {@code relu(in . w + b)}, the bias and ReLU in one Java loop (libnd4j's ops where it does not apply). */
        private INDArray fusedRelu(boolean training, LayerWorkspaceMgr mgr) {
            assertInputSet(false);
            applyDropOutIfNecessary(training, mgr);
            INDArray w = params.get(W);
            INDArray z = linear(input, w, null, mgr);
            INDArray copy = training
                    ? mgr.createUninitialized(ArrayType.ACTIVATIONS, z.dataType(), z.shape(), 'c') : null;
            if (!JavaFloats.addBias(z, params.get(B), true, copy)) {
                addBias(z, params.get(B));
                INDArray out = layerConf().getActivationFn().getActivation(z, training);
                if (training) {
                    cachedZ = mgr.dup(ArrayType.ACTIVATIONS, out); // relu's gradient from its output: the same
                    cachedFor = input;
                }
                return out;
            }
            if (training) {
                cachedRelu = copy;
                cachedFor = input;
            }
            return z;
        }

        /** Whether this layer can take the fast path: no layer norm, no weight noise, 2-d input that fits. */
        private boolean plain() {
            return !hasLayerNorm() && layerConf().getWeightNoise() == null && input != null && input.rank() == 2
                    && input.size(1) == params.get(W).size(0);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                LayerWorkspaceMgr mgr) {
            if (!plain()) {
                return super.preOutputWithPreNorm(training, forBackprop, mgr); // DL4J's, with its error messages
            }
            assertInputSet(forBackprop);
            applyDropOutIfNecessary(training, mgr);
            INDArray z = linear(input, params.get(W), hasBias() ? params.get(B) : null, mgr);
            if (maskArray != null) {
                applyMask(z);
            }
            return new Pair<>(z, z);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            if (!plain()) {
                return super.backpropGradient(epsilon, mgr);
            }
            assertInputSet(true);
            boolean cached = cachedFor == input;
            INDArray relu = cached && cachedRelu != null && !cachedRelu.wasClosed() ? cachedRelu : null;
            INDArray z = relu == null && cached && cachedZ != null && !cachedZ.wasClosed() ? cachedZ : null;
            cachedZ = null;
            cachedRelu = null;
            cachedFor = null;
            INDArray delta;
            if (relu != null) {
                delta = Relu.gradient(relu, epsilon, relu); // the copy is this layer's own
            } else {
                if (z == null) {
                    z = preOutputWithPreNorm(true, true, mgr).getFirst();
                }
                delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            }
            if (maskArray != null) {
                applyMask(delta);
            }
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(B);
                if (!JavaFloats.columnSums(delta, biasGrad)) {
                    delta.sum(biasGrad, 0);
                }
                gradient.gradientForVariable().put(B, biasGrad);
            }
            INDArray w = params.get(W);
            INDArray weightGrad = gradientViews.get(W);
            matmul(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false);
            gradient.gradientForVariable().put(W, weightGrad);
            if (UnusedInputGradient.skips(this)) {
                return new Pair<>(gradient, null);
            }
            INDArray epsilonNext = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {delta.size(0), w.size(0)}, 'c');
            matmul(delta, w, epsilonNext, false, true);
            return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
        }
    }
}

package io.kerasish.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link ConvolutionLayer} whose training forward pass keeps its pre-activation for the backward pass. DL4J's
 * backward pass runs the convolution again to get it: 0.4 ms of LeNet-5's first convolution and 0.5 ms of its second
 * per batch of 64 on 2 cores. Only where the oneDNN helper does the work (DL4J's own path also needs its im2col
 * buffer from that second run); the copy lives where activations live, as long as the layer's input, and is used
 * only for that same input.
 *
 * <p>As the network's first layer in a training step ({@link UnusedInputGradient}) it computes only the kernel and
 * bias gradients, the kernel's as a convolution of the input with the output gradient (batch and channels swapped:
 * {@code dW[i,o] = conv(x[i,b], dZ[o,b])}) on the same oneDNN op. DL4J's op computes the input gradient too, and for
 * LeNet-5's single input channel oneDNN pads it to 16: 3.4 ms against 1.8 ms per batch of 64 on 2 cores (CIFAR-10's
 * first layer, 3 to 32 channels, 17.6 ms against 13.3; VGG-16's at batch 8, 471 against 259). Stride 1 and
 * dilation 1 only, with padding the same on both sides; other layers keep DL4J's backward pass.
 *
 * <p>kerasish runs it in NHWC, Keras's layout, where oneDNN's convolution reads and writes the arrays as they are
 * (in NCHW every call reordered its input and output to NHWC and back: for LeNet-5 about 0.2 ms per batch of 64),
 * and the forward pass calls DL4J's oneDNN helper directly, without the channels-first copy of the input that
 * DL4J's layer makes and never uses.
 */
public class NativeConv extends ConvolutionLayer {
    private static final String W = ConvolutionParamInitializer.WEIGHT_KEY;
    private static final String B = ConvolutionParamInitializer.BIAS_KEY;

    /** For Jackson, which DL4J uses to copy and save configurations. */
    public NativeConv() {
    }

    /** The configuration the builder describes, validated as {@link ConvolutionLayer.Builder#build()} does. */
    public NativeConv(ConvolutionLayer.Builder builder) {
        super(validated(builder));
    }

    private static ConvolutionLayer.Builder validated(ConvolutionLayer.Builder builder) {
        builder.build();
        return builder;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray params, boolean initialize, DataType dataType) {
        return Dl4jLayers.wire(new Impl(conf, dataType), initializer(), conf, listeners, index, params, initialize);
    }

    /** The layer: DL4J's, with the pre-activation kept between the passes. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private INDArray cachedZ;
        private INDArray cachedFor;
        private INDArray onesColumn;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
            boolean helped = helper != null && helperCountFail == 0;
            if (forBackprop && helped && cachedZ != null && cachedFor == input && !cachedZ.wasClosed()) {
                INDArray z = cachedZ;
                cachedZ = null;
                cachedFor = null;
                return new Pair<>(z, null);
            }
            cachedZ = null;
            cachedFor = null;
            Pair<INDArray, INDArray> p = helped ? channelsLastForward(training, mgr) : null;
            if (p == null) {
                p = super.preOutput(training, forBackprop, mgr);
            }
            if (training && !forBackprop && helped) {
                // the activation works in place; a linear layer's backward pass does not read the values at all
                boolean linear = layerConf().getActivationFn() instanceof ActivationIdentity;
                cachedZ = linear ? p.getFirst() : mgr.dup(ArrayType.ACTIVATIONS, p.getFirst());
                cachedFor = input;
            }
            return p;
        }

        /**
         * The oneDNN convolution on NHWC input as DL4J's layer runs it, without the channels-first copy of the input
         * that DL4J's layer makes first and then does not use; null where DL4J's own path must run (no bias,
         * dilation).
         */
        private Pair<INDArray, INDArray> channelsLastForward(boolean training, LayerWorkspaceMgr mgr) {
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
            if (c.getCnn2dDataFormat() != CNN2DFormat.NHWC || !hasBias() || !allOnes(c.getDilation())) {
                // oneDNN 2.3 refused dilated NHWC convolutions here; DL4J's layer catches that and runs its own code
                return null;
            }
            assertInputSet(false);
            INDArray bias = getParamWithNoise(B, training, mgr);
            INDArray weights = getParamWithNoise(W, training, mgr);
            validateInputRank();
            validateInputDepth(weights.size(1));
            INDArray z = helper.preOutput(input.castTo(dataType), weights, bias, c.getKernelSize(), c.getStride(),
                    c.getPadding(), c.getCudnnAlgoMode(), c.getCudnnFwdAlgo(), convolutionMode, c.getDilation(),
                    CNN2DFormat.NHWC, mgr); // works out "same" padding itself
            return z == null ? null : new Pair<>(z, null);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            if (!UnusedInputGradient.skips(this) || !weightsOnly()) {
                return super.backpropGradient(epsilon, mgr);
            }
            assertInputSet(true);
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
            INDArray weights = getParamWithNoise(W, true, mgr);
            INDArray z = preOutput(true, true, mgr).getFirst();
            boolean nhwc = c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
            // both as [batch, channels, height, width] views
            INDArray delta = c.getActivationFn().backprop(z, epsilon).getFirst();
            INDArray layerInput = input.castTo(delta.dataType());
            INDArray x = layerInput;
            if (nhwc) {
                delta = delta.permute(0, 3, 1, 2);
                x = x.permute(0, 3, 1, 2);
            }
            long batch = x.size(0);
            long in = weights.size(1);
            long out = weights.size(0);
            int[] pad = c.getPadding();
            if (convolutionMode == ConvolutionMode.Same) {
                pad = ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) delta.size(2), (int) delta.size(3)},
                        new int[] {(int) x.size(2), (int) x.size(3)}, c.getKernelSize(), c.getStride(),
                        c.getDilation());
            }
            // one input channel: [batch, 1, h, w] and [1, batch, h, w] are the same memory in either layout
            INDArray xT = in == 1 ? layerInput.reshape('c', 1, batch, x.size(2), x.size(3))
                    : mgr.dup(ArrayType.BP_WORKING_MEM, x.permute(1, 0, 2, 3), 'c');
            INDArray deltaT = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                    new long[] {out, batch, delta.size(2), delta.size(3)}, 'c');
            deltaT.assign(delta.permute(1, 0, 2, 3)); // (a dup of the view took 5 ms where this takes 0.1)
            INDArray kernelGradT = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                    new long[] {in, out, weights.size(2), weights.size(3)}, 'c');
            try (OpContext ctx = Nd4j.getExecutioner().buildContext()) {
                ctx.setInputArrays(xT, deltaT);
                ctx.setOutputArrays(kernelGradT);
                // the output gradient is the kernel: [out, batch, outH, outW] in the [oC, iC, kH, kW] format (1)
                ctx.setIArguments(delta.size(2), delta.size(3), 1, 1, pad[0], pad[1], 1, 1, 0, 0, 1);
                Nd4j.exec(DynamicCustomOp.builder("conv2d").build(), ctx);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(c.getLayerName() + ": kernel gradient failed: " + e.getMessage(), e);
            }
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(B);
                INDArray rows = deltaT.reshape('c', out, deltaT.length() / out);
                INDArray sums = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(), out, 1);
                NativeDense.matmul(rows, ones(rows.size(1), delta.dataType()), sums, false, false);
                biasGrad.assign(sums.reshape(biasGrad.shape()));
                gradient.setGradientFor(B, biasGrad);
            }
            INDArray kernelGrad = gradientViews.get(W);
            kernelGrad.assign(kernelGradT.permute(1, 0, 2, 3));
            gradient.setGradientFor(W, kernelGrad, 'c');
            weightNoiseParams.clear();
            return new Pair<>(gradient, null);
        }

        /** Whether the kernel gradient can be the one convolution: oneDNN, stride and dilation 1, even padding. */
        private boolean weightsOnly() {
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
            boolean oddKernel = c.getKernelSize()[0] % 2 == 1 && c.getKernelSize()[1] % 2 == 1;
            return helper != null && helperCountFail == 0 && c.getWeightNoise() == null
                    && input != null && input.rank() == 4
                    && allOnes(c.getStride()) && allOnes(c.getDilation())
                    && (convolutionMode == ConvolutionMode.Same ? oddKernel
                            : convolutionMode == ConvolutionMode.Truncate || convolutionMode == ConvolutionMode.Strict);
        }

        private static boolean allOnes(int[] values) {
            for (int v : values) {
                if (v != 1) {
                    return false;
                }
            }
            return true;
        }

        /** A column of ones, kept outside the workspaces (sums the bias gradient as one matrix product). */
        private INDArray ones(long length, DataType type) {
            if (onesColumn == null || onesColumn.size(0) != length || onesColumn.dataType() != type) {
                try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    onesColumn = Nd4j.ones(type, length, 1);
                }
            }
            return onesColumn;
        }
    }
}

package io.kerasish.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link SubsamplingLayer} calling libnd4j's pooling ops itself, with the fastest kernel for the layout. In
 * NHWC, kerasish's layout, oneDNN's JIT pooling (platform helpers on): for 64x28x28x6 max pooling 73 us forward and
 * 226 us backward on 2 cores, against 197 and 661 us for libnd4j's own kernels on the same values in NCHW. In NCHW
 * oneDNN has only a reference kernel ({@code simple_nchw}), so there the helpers are off and libnd4j's kernels run
 * (3-5x faster forward and 3x backward than DL4J's path through oneDNN: 64x6x28x28 2.1 ms vs 0.4 ms forward,
 * 3.5 ms vs 1.1 ms backward). Values and gradients are DL4J's layer's in NCHW either way; other backends (CUDA)
 * keep their helpers.
 *
 * <p>Max pooling can also apply the ReLU of the convolution below it ({@link #setReluAfter}; {@link Translation}
 * moves it here): {@code relu(max(x)) = max(relu(x))} because ReLU never decreases, and the gradients agree too
 * (a window whose maximum is not above 0 passes nothing back either way). The ReLU then runs on a quarter of the
 * values for 2x2 pooling, forward and backward.
 */
public class NativePooling extends SubsamplingLayer {
    private static final Relu RELU = new Relu();
    private boolean reluAfter;
    /** For Jackson, which DL4J uses to copy and save configurations. */
    public NativePooling() {
    }

    /** The configuration the builder describes, validated as {@link SubsamplingLayer.Builder#build()} does. */
    public NativePooling(SubsamplingLayer.Builder builder) {
        super(validated(builder));
    }

    private static SubsamplingLayer.Builder validated(SubsamplingLayer.Builder builder) {
        builder.build();
        return builder;
    }

    /** True when this (max) pooling applies the ReLU of the layer below it to its output. */
    public boolean isReluAfter() {
        return reluAfter;
    }

    /** Only for max pooling (see {@link Translation#takeConvRelu()}). */
    public void setReluAfter(boolean reluAfter) {
        this.reluAfter = reluAfter;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray params, boolean initialize, DataType dataType) {
        return Dl4jLayers.wire(new Impl(conf, dataType), initializer(), conf, listeners, index, params, initialize);
    }

    /** The layer: DL4J's, with forward and backward passes that call the pooling ops themselves. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        private static final boolean CPU = Nd4j.getEnvironment().isCPU();
        private INDArray cachedOut;
        private INDArray cachedFor;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            helper = null; // DL4J's helpers call the same ops, with oneDNN
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            assertInputSet(false);
            SubsamplingLayer c = layerConf();
            if (input.rank() != 4) {
                throw new IllegalStateException(c.getLayerName() + ": pooling expects 4-d input, got shape "
                        + java.util.Arrays.toString(input.shape()));
            }
            applyDropOutIfNecessary(training, mgr);
            INDArray in = input.castTo(dataType);
            int[] out = ConvolutionUtils.getOutputSize(in, c.getKernelSize(), c.getStride(), c.getPadding(),
                    c.getConvolutionMode(), c.getDilation(), c.getCnn2dDataFormat());
            long n = in.size(0);
            long channels = in.size(nhwc() ? 3 : 1);
            long[] shape = nhwc() ? new long[] {n, out[0], out[1], channels} : new long[] {n, channels, out[0], out[1]};
            INDArray result = mgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), shape, 'c');
            run(opName(false), c.getPadding(), result, in);
            cachedOut = null;
            cachedFor = null;
            if (reluAfter()) {
                RELU.getActivation(result, training);
                if (training) {
                    cachedOut = result; // the next layer's input, alive until this layer's backward pass
                    cachedFor = input;
                }
            }
            return result;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            assertInputSet(true);
            SubsamplingLayer c = layerConf();
            INDArray in = input.castTo(dataType);
            INDArray eps = epsilon.castTo(dataType);
            int[] padding = c.getPadding();
            if (c.getConvolutionMode() == ConvolutionMode.Same) {
                int h = nhwc() ? 1 : 2;
                int[] inSize = {(int) in.size(h), (int) in.size(h + 1)};
                int[] outSize = {(int) eps.size(h), (int) eps.size(h + 1)};
                padding = ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, c.getKernelSize(), c.getStride(),
                        c.getDilation());
            }
            if (reluAfter()) {
                eps = reluGradient(eps, mgr);
            }
            INDArray grad = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), 'c');
            run(opName(true), padding, grad, in, eps);
            return new Pair<>(new DefaultGradient(), backpropDropOutIfPresent(grad));
        }

        private boolean reluAfter() {
            return ((NativePooling) layerConf()).isReluAfter();
        }

        /** The output gradient through the ReLU: passed where this layer's output is above 0, 0 elsewhere. */
        private INDArray reluGradient(INDArray eps, LayerWorkspaceMgr mgr) {
            INDArray out = cachedOut;
            if (out == null || cachedFor != input || out.wasClosed()) {
                out = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, eps.dataType(), eps.shape(), 'c');
                run(opName(false), layerConf().getPadding(), out, input.castTo(dataType));
            }
            cachedOut = null;
            cachedFor = null;
            INDArray g = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, eps.dataType(), eps.shape(), 'c');
            return Relu.gradient(out, eps, g);
        }

        private boolean nhwc() {
            return layerConf().getCnn2dDataFormat() == CNN2DFormat.NHWC;
        }

        private String opName(boolean backward) {
            String name = switch (layerConf().getPoolingType()) {
                case MAX -> "maxpool2d";
                case AVG -> "avgpool2d";
                case PNORM -> "pnormpool2d";
                default -> throw new UnsupportedOperationException(
                        layerConf().getLayerName() + ": pooling type " + layerConf().getPoolingType());
            };
            return backward ? name + "_bp" : name;
        }

        private void run(String op, int[] padding, INDArray output, INDArray... inputs) {
            SubsamplingLayer c = layerConf();
            int[] k = c.getKernelSize();
            int[] s = c.getStride();
            int[] d = c.getDilation();
            long extra = switch (c.getPoolingType()) {
                case AVG -> c.isAvgPoolIncludePadInDivisor() ? 1 : 0;
                case PNORM -> c.getPnorm();
                default -> 0;
            };
            try (OpContext ctx = Nd4j.getExecutioner().buildContext()) {
                ctx.allowHelpers(!CPU || nhwc());
                ctx.setInputArrays(inputs);
                ctx.setOutputArrays(output);
                ctx.setIArguments(k[0], k[1], s[0], s[1], padding[0], padding[1], d[0], d[1],
                        c.getConvolutionMode() == ConvolutionMode.Same ? 1 : 0, extra, nhwc() ? 1 : 0);
                if (c.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.PNORM) {
                    ctx.setTArguments(c.getEps());
                }
                Nd4j.exec(DynamicCustomOp.builder(op).build(), ctx);
            } catch (Exception e) {
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(c.getLayerName() + ": " + op + " failed: " + e.getMessage(), e);
            }
        }
    }
}

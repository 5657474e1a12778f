package io.kerasish.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link OutputLayer} (a Dense layer that ends a model) with its pre-activation {@code x . W + b} computed as
 * {@link NativeDense}'s: the product on libnd4j's matmul op, the bias added in Java. DL4J computes it three times
 * in a training step (forward, backward and for the loss), each time with a one-thread OpenBLAS product and
 * libnd4j's broadcast add, which took 80-200 us even for [64, 10]. Loss, gradients and everything else are DL4J's.
 */
public class NativeOutput extends OutputLayer {
    /** For Jackson, which DL4J uses to copy and save configurations. */
    public NativeOutput() {
    }

    /** A copy of a built OutputLayer configuration (OutputLayer's builder constructor is private). */
    public static NativeOutput of(OutputLayer built) {
        return Dl4jLayers.copyFields(OutputLayer.class, built, new NativeOutput());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray params, boolean initialize, DataType dataType) {
        return Dl4jLayers.wire(new Impl(conf, dataType), initializer(), conf, listeners, index, params, initialize);
    }

    /** The layer: DL4J's, with the pre-activation computed as {@link NativeDense}'s. */
    static final class Impl extends org.deeplearning4j.nn.layers.OutputLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                LayerWorkspaceMgr mgr) {
            INDArray w = params.get(DefaultParamInitializer.WEIGHT_KEY);
            boolean plain = layerConf().getWeightNoise() == null && !hasLayerNorm() && input != null
                    && input.rank() == 2 && input.size(1) == w.size(0);
            if (!plain) {
                return super.preOutputWithPreNorm(training, forBackprop, mgr); // DL4J's, with its error messages
            }
            assertInputSet(forBackprop);
            applyDropOutIfNecessary(training, mgr);
            INDArray z = NativeDense.linear(input, w, hasBias() ? params.get(DefaultParamInitializer.BIAS_KEY) : null,
                    mgr);
            if (maskArray != null) {
                applyMask(z);
            }
            return new Pair<>(z, z);
        }
    }
}

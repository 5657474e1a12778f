package io.kerasish.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link EmbeddingSequenceLayer} with its backward pass in Java: the embeddings' gradient is each id's row
 * of the incoming gradient added into that id's row, a few adds per id. DL4J's layer runs its forward lookup again
 * and then libnd4j's {@code scatterUpdate} op, which took a fifth of the IMDB model's training time (Embedding(500,
 * 32) over batches of 32 x 100 ids; JFR's samples, 2026-12-03). Same arithmetic, mask included (the gradient at
 * masked steps is multiplied by the mask, as DL4J's is); a bias, another activation, channels-first output or
 * float64 keep DL4J's code.
 */
public class NativeEmbedding extends EmbeddingSequenceLayer {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;

    /** For Jackson, which DL4J uses to copy and save configurations. */
    public NativeEmbedding() {
    }

    /** A copy of a built EmbeddingSequenceLayer configuration. */
    public static NativeEmbedding of(EmbeddingSequenceLayer built) {
        return Dl4jLayers.copyFields(EmbeddingSequenceLayer.class, built, new NativeEmbedding());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray params, boolean initialize, DataType dataType) {
        return Dl4jLayers.wire(new Impl(conf, dataType), initializer(), conf, listeners, index, params, initialize);
    }

    /** The layer: DL4J's, with the Java backward pass for the plain case. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            EmbeddingSequenceLayer c = layerConf();
            INDArray weights = getParam(W);
            long ids = input == null ? -1 : input.length();
            if (input == null || hasBias() || !(c.getActivationFn() instanceof ActivationIdentity)
                    || c.getOutputFormat() != RNNFormat.NWC || weights.dataType() != DataType.FLOAT
                    || epsilon.rank() != 3 || epsilon.length() != ids * weights.size(1)
                    || weights.length() >= Integer.MAX_VALUE || epsilon.length() >= Integer.MAX_VALUE
                    || maskArray != null && maskArray.length() != ids) {
                return super.backpropGradient(epsilon, mgr);
            }
            int nOut = (int) weights.size(1);
            int[] index = input.castTo(DataType.INT).dup('c').data().asInt();
            float[] delta = epsilon.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] mask = maskArray == null ? null : maskArray.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] grad = new float[(int) weights.length()];
            for (int i = 0; i < index.length; i++) {
                float m = mask == null ? 1f : mask[i];
                if (m == 0f) {
                    continue;
                }
                int row = index[i] * nOut;
                int d = i * nOut;
                for (int j = 0; j < nOut; j++) {
                    grad[row + j] += m * delta[d + j];
                }
            }
            INDArray view = gradientViews.get(W);
            view.assign(Nd4j.create(grad, weights.shape(), 'c'));
            Gradient gradient = new DefaultGradient();
            gradient.gradientForVariable().put(W, view);
            return new Pair<>(gradient, null);
        }
    }
}

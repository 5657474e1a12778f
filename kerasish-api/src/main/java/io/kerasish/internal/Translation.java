package io.kerasish.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The DL4J layer list being built from a Sequential model. Each Keras layer writes its DL4J equivalent here
 * (see {@code Layer#toDl4j}); a layer that is only a reshape (Flatten, Reshape, InputLayer) leaves a
 * preprocessor for the next DL4J layer instead. Frozen layers ({@code trainable(false)}) are wrapped here: in
 * DL4J's FrozenLayer while no layer below them learns (the backward pass stops there), otherwise in
 * FrozenLayerWithBackprop.
 */
public final class Translation {
    private final List<Layer> layers = new ArrayList<>();
    private final Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
    private final ILossFunction loss;
    private InputPreProcessor pending;
    private boolean output;
    private boolean outputAdded;
    private boolean frozen;
    private boolean trainableBelow;
    private boolean masked;

    /** @param loss the compiled loss, attached to the last layer */
    public Translation(ILossFunction loss) {
        this.loss = loss;
    }

    /**
     * True while the activations carry Keras's mask of padded steps ({@code Embedding(mask_zero=True)}, see
     * {@link ZeroMask}); the model sets it before the first layer, a many-to-one recurrent layer consumes it.
     */
    public boolean masked() {
        return masked;
    }

    public void setMasked(boolean masked) {
        this.masked = masked;
    }

    /**
     * A recurrent layer reduced to its last step (Keras's {@code return_sequences=false}): the last step with data
     * when the sequences are masked, which also ends the mask.
     */
    public Layer lastStep(Layer recurrent) {
        if (masked) {
            masked = false;
            return new MaskedLastStep(recurrent);
        }
        return new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(recurrent);
    }

    /** Called before each Keras layer translates itself. */
    public void begin(boolean isLast, boolean trainable) {
        this.output = isLast;
        this.frozen = !trainable;
    }

    /** True while the last Keras layer translates: Dense and Activation then become DL4J output layers. */
    public boolean isOutput() {
        return output;
    }

    public ILossFunction loss() {
        return loss;
    }

    /** Queues a reshape to run before the next DL4J layer (composed with any already queued). */
    public void preprocess(InputPreProcessor p) {
        pending = pending == null ? p : new ComposableInputPreProcessor(pending, p);
    }

    /**
     * For max pooling right after a convolution with ReLU: takes the ReLU off the convolution, for the pooling to
     * apply it to its 4x smaller output ({@link NativePooling#setReluAfter}). True when it did; false when the layer
     * below is anything else or a reshape lies between.
     */
    public boolean takeConvRelu() {
        if (pending != null || layers.isEmpty()) {
            return false;
        }
        Layer below = layers.get(layers.size() - 1);
        if (below instanceof FrozenLayer f) {
            below = f.getLayer();
        } else if (below instanceof FrozenLayerWithBackprop f) {
            below = f.getUnderlying();
        }
        if (below instanceof NativeConv c && c.getActivationFn() != null && c.getActivationFn().getClass() == Relu.class) {
            c.setActivationFn(new ActivationIdentity());
            return true;
        }
        return false;
    }

    /** Adds a DL4J layer; returns its index in the network. */
    public int add(Layer layer) {
        Layer l = layer;
        boolean isOutputLayer = layer instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer
                || layer instanceof org.deeplearning4j.nn.conf.layers.LossLayer
                || layer instanceof org.deeplearning4j.nn.conf.layers.RnnLossLayer;
        if (frozen) {
            if (isOutputLayer && layer instanceof BaseLayer b) {
                b.setIUpdater(new NoOp()); // an output layer cannot be wrapped; it simply never moves
                b.setRegularization(List.of());
                b.setRegularizationBias(List.of());
            } else if (!trainableBelow) {
                // nothing below learns (a frozen base, as in transfer learning): no backward pass through it at all,
                // as DL4J's own TransferLearning.setFeatureExtractor does; about 3x faster fit on a frozen VGG-16 base
                l = new FrozenLayer(layer);
            } else {
                l = new FrozenLayerWithBackprop(layer);
            }
        } else if (!(layer instanceof NoParamLayer)) {
            trainableBelow = true;
        }
        if (isOutputLayer) {
            outputAdded = true;
        }
        int index = layers.size();
        layers.add(l);
        if (pending != null) {
            preprocessors.put(index, pending);
            pending = null;
        }
        return index;
    }

    public boolean outputAdded() {
        return outputAdded;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Map<Integer, InputPreProcessor> preprocessors() {
        return preprocessors;
    }
}

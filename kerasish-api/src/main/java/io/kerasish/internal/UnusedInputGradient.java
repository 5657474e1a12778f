package io.kerasish.internal;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Whether a layer's backward pass may skip the gradient for its input. In a training step
 * ({@code MultiLayerNetwork.fit}) DL4J throws away what the network's first layer passes back, and that gradient is
 * often the most expensive one there is: the first Dense layer of an MLP multiplies its widest matrix for it, and the
 * first Conv2D of LeNet-5 spends about 2 ms of its 3-4 ms backward pass on it (oneDNN pads the single input channel
 * to 16). Other callers ({@code calculateGradients}, a network used as a layer) want it, so the skip holds only inside
 * {@link #during}, which kerasish's {@code fit} wraps around each step, and only for layer 0. A layer that skips
 * passes back null, as DL4J's embedding layers do; so the skip is off when layer 0 has an input preprocessor that
 * cannot take a null gradient.
 */
public final class UnusedInputGradient {
    private static final ThreadLocal<Boolean> IN_STEP = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private UnusedInputGradient() {
    }

    /** Runs one training step of {@code net} in which its first layer's input gradient is not computed. */
    public static void during(MultiLayerNetwork net, Runnable trainingStep) {
        boolean outer = IN_STEP.get();
        IN_STEP.set(takesNull(net.getLayerWiseConfigurations().getInputPreProcess(0)));
        try {
            trainingStep.run();
        } finally {
            IN_STEP.set(outer);
        }
    }

    /** True when {@code layer}'s backward pass runs inside {@link #during} and nothing reads its input gradient. */
    public static boolean skips(Layer layer) {
        return layer.getIndex() == 0 && IN_STEP.get();
    }

    /** Whether a preprocessor passes a null gradient through (kerasish's own and DL4J's recurrent one do). */
    static boolean takesNull(InputPreProcessor p) {
        if (p instanceof ComposableInputPreProcessor c) {
            for (InputPreProcessor inner : c.getInputPreProcessors()) {
                if (!takesNull(inner)) {
                    return false;
                }
            }
            return true;
        }
        return p == null || p instanceof KerasFlattenPreProcessor
                || p instanceof RnnToFeedForwardPreProcessor;
    }
}

package io.kerasish.callbacks;

import io.kerasish.models.Model;
import java.util.Map;

/**
 * Keras's {@code Callback}: hooks that {@code fit} calls around training, each epoch and each batch, with logs
 * keyed by Keras names ({@code loss}, {@code accuracy}, {@code val_loss}, ...). Every hook does nothing unless
 * overridden. To stop training, call {@code model.stopTraining(true)} from a hook: training ends after the
 * current batch, as in Keras.
 */
public interface Callback {
    /** Called once before training with the model being trained. */
    default void setModel(Model model) {
    }

    /**
     * Called once before training with Keras's params: {@code epochs}, {@code steps}, {@code verbose},
     * {@code do_validation} and {@code metrics} (the keys the epoch logs will have, as in Keras 2).
     */
    default void setParams(Map<String, Object> params) {
    }

    default void onTrainBegin(Map<String, Double> logs) {
    }

    default void onTrainEnd(Map<String, Double> logs) {
    }

    /** @param epoch 0-based, as in Keras */
    default void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    /** @param logs the epoch's training results and, when there is validation data, {@code val_*} entries */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /** @param batch 0-based index within the epoch */
    default void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    /** @param logs running means over the epoch so far, as Keras reports them */
    default void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }
}

package io.kerasish.callbacks;

import io.kerasish.InvalidConfigException;

/**
 * Keras's {@code save_freq} of the saving callbacks: {@code "epoch"} (the default, a save at every epoch end) or a
 * number of batches, counted across epochs.
 */
final class SaveFrequency {
    private final String owner;
    private int batches; // 0: every epoch
    private int sinceSave;

    SaveFrequency(String owner) {
        this.owner = owner;
    }

    void set(String freq) {
        if (!"epoch".equals(freq)) {
            throw new InvalidConfigException(owner + ": save_freq must be \"epoch\" or a number of batches, got \""
                    + freq + "\"");
        }
        batches = 0;
    }

    void set(int batches) {
        if (batches < 1) {
            throw new InvalidConfigException(owner + ": save_freq must be >= 1 batches, got " + batches);
        }
        this.batches = batches;
    }

    boolean perEpoch() {
        return batches == 0;
    }

    /** Starts counting again (at train begin). */
    void reset() {
        sinceSave = 0;
    }

    /** Counts a finished batch: true when a save is due. */
    boolean batchEnded() {
        if (batches > 0 && ++sinceSave >= batches) {
            sinceSave = 0;
            return true;
        }
        return false;
    }
}

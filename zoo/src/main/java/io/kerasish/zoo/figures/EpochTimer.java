package io.kerasish.zoo.figures;

import io.kerasish.callbacks.Callback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wall time per epoch, for the figures and the benchmark: the training part (epoch begin to the last batch's end)
 * and the whole epoch, validation included.
 */
public final class EpochTimer implements Callback {
    private final List<Double> trainSeconds = new ArrayList<>();
    private final List<Double> epochSeconds = new ArrayList<>();
    private long begin;
    private long lastBatchEnd;

    /** Seconds from each epoch's begin to its last batch's end. */
    public List<Double> trainSeconds() {
        return trainSeconds;
    }

    /** Seconds of each whole epoch. */
    public List<Double> epochSeconds() {
        return epochSeconds;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        begin = System.nanoTime();
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        lastBatchEnd = System.nanoTime();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        trainSeconds.add((lastBatchEnd - begin) / 1e9);
        epochSeconds.add((System.nanoTime() - begin) / 1e9);
    }
}

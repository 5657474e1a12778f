package io.kerasish.callbacks;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code EarlyStopping}: stops training when the monitored quantity has not improved (by more than
 * {@code minDelta}) for {@code patience} epochs.
 *
 * <pre>{@code
 * var early = new EarlyStopping().monitor("val_loss").patience(5).minDelta(1e-4).restoreBestWeights(true);
 * model.fit(x, y, epochs(500), validationSplit(0.2), callbacks(early));
 * }</pre>
 *
 * Defaults as in Keras: monitor "val_loss", min_delta 0, patience 0, mode "auto", no baseline, no weight
 * restoring, start_from_epoch 0. With {@code restoreBestWeights(true)} the best epoch's weights are put back when
 * training ends, whether this callback stopped it or the last epoch was reached (as Keras 3 does). A
 * {@code baseline} must be beaten: while it is not, patience runs out as if nothing improved (Keras's documented
 * "training will stop if the model doesn't show improvement over the baseline").
 */
public class EarlyStopping extends MonitorCallback<EarlyStopping> {
    private int patience;
    private int verbose;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private int wait;
    private int stoppedEpoch;
    private double best;
    private int bestEpoch;
    private List<INDArray> bestWeights;

    public EarlyStopping() {
        super(0.0);
    }

    /** Keras's {@code patience}: epochs without improvement after which training stops (default 0). */
    public EarlyStopping patience(int patience) {
        if (patience < 0) {
            throw new io.kerasish.InvalidConfigException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /** Keras's {@code verbose}: 1 prints when training stops and when weights are restored. */
    public EarlyStopping verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Keras's {@code restore_best_weights}: put back the weights of the best epoch when training ends. */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /** Keras's {@code start_from_epoch}: epochs to wait before watching for improvement (a warm-up). */
    public EarlyStopping startFromEpoch(int epoch) {
        if (epoch < 0) {
            throw new io.kerasish.InvalidConfigException("EarlyStopping: start_from_epoch must be >= 0, got " + epoch);
        }
        this.startFromEpoch = epoch;
        return this;
    }

    /** The 0-based epoch at which this callback stopped training, or 0 when it did not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The 0-based epoch with the best monitored value so far. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double best() {
        return best;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        resetWarnings();
        wait = 0;
        stoppedEpoch = 0;
        best = worst();
        bestEpoch = 0;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = monitorValue(logs, "Early stopping");
        if (current == null || epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = weights(); // if nothing ever improves, the first watched epoch's weights come back
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = weights();
            }
            Double baseline = baselineOrNull();
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0; // only restart the count when both the baseline and the best so far are beaten
            }
        }
        if (wait >= patience && epoch > 0) { // as tf.keras 2: checked every epoch, after the first
            stoppedEpoch = epoch;
            model.stopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            setWeights(bestWeights);
        }
    }

    private List<INDArray> weights() {
        return model.getWeights();
    }

    private void setWeights(List<INDArray> w) {
        model.setWeights(w);
    }
}

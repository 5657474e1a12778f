package io.kerasish.callbacks;

import io.kerasish.InvalidConfigException;
import io.kerasish.io.config.ConfigJson;
import java.util.Map;

/**
 * Keras's {@code ReduceLROnPlateau}: multiplies the learning rate by {@code factor} when the monitored quantity has
 * not improved (by more than {@code minDelta}) for {@code patience} epochs, then waits {@code cooldown} epochs.
 * Defaults as in Keras: monitor "val_loss", factor 0.1, patience 10, mode "auto", min_delta 1e-4, cooldown 0,
 * min_lr 0. Adds {@code lr} to the epoch logs (so {@code History} records it), as Keras does.
 */
public class ReduceLROnPlateau extends MonitorCallback<ReduceLROnPlateau> {
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private int cooldown;
    private double minLr;

    private double best;
    private int wait;
    private int cooldownCounter;

    public ReduceLROnPlateau() {
        super(1e-4);
    }

    /** Keras's {@code factor}: the new rate is {@code lr * factor}; must be below 1. */
    public ReduceLROnPlateau factor(double factor) {
        if (!(factor < 1.0) || !(factor > 0)) {
            throw new InvalidConfigException("ReduceLROnPlateau does not support a factor >= 1.0 (or <= 0), got " + factor);
        }
        this.factor = factor;
        return this;
    }

    public ReduceLROnPlateau patience(int patience) {
        this.patience = patience;
        return this;
    }

    public ReduceLROnPlateau verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Keras's {@code cooldown}: epochs after a reduction during which no further reduction happens. */
    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    /** Keras's {@code min_lr}: the rate never goes below this. */
    public ReduceLROnPlateau minLr(double minLr) {
        this.minLr = minLr;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        resetWarnings();
        best = worst();
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("lr", model.learningRate());
        Double current = monitorValue(logs, "Learning rate reduction is");
        if (current == null) {
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0 && ++wait >= patience) {
            double old = model.learningRate();
            if (old > (float) minLr) {
                double lr = Math.max(old * factor, minLr);
                model.setLearningRate(lr);
                if (verbose > 0) {
                    System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                            + ConfigJson.pythonFloat(lr) + ".");
                }
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }
}

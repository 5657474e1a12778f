package io.kerasish.callbacks;

import io.kerasish.InvalidConfigException;
import io.kerasish.models.Model;
import java.util.Locale;
import java.util.Map;

/**
 * What EarlyStopping, ModelCheckpoint and ReduceLROnPlateau share, so that they cannot disagree: the
 * {@code monitor}ed log key, the {@code mode} ("auto", "min" or "max"; auto maximizes accuracy-like metrics and
 * minimizes the rest), {@code min_delta} (the least change that counts as an improvement) and a {@code baseline}.
 *
 * @param <C> the concrete callback, returned by the fluent setters
 */
public abstract class MonitorCallback<C extends MonitorCallback<C>> implements Callback {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MonitorCallback.class);

    private String monitor = "val_loss";
    private String mode = "auto";
    private double minDelta;
    private Double baseline;
    private boolean warned;
    /** The model being trained, set by fit. */
    protected Model model;
    /** The params fit passed, set by fit. */
    protected Map<String, Object> params = Map.of();

    protected MonitorCallback(double defaultMinDelta) {
        this.minDelta = defaultMinDelta;
    }

    @SuppressWarnings("unchecked")
    protected final C self() {
        return (C) this;
    }

    /** Keras's {@code monitor}: the log key to watch, e.g. {@code "val_loss"} (the default) or {@code "val_accuracy"}. */
    public C monitor(String monitor) {
        if (monitor == null || monitor.isBlank()) {
            throw new InvalidConfigException(getClass().getSimpleName() + ": monitor must name a log key such as \"val_loss\"");
        }
        this.monitor = monitor;
        return self();
    }

    /** Keras's {@code mode}: "auto" (default), "min" or "max". */
    public C mode(String mode) {
        String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        if (!m.equals("auto") && !m.equals("min") && !m.equals("max")) {
            throw new InvalidConfigException(getClass().getSimpleName() + ": mode must be \"auto\", \"min\" or \"max\", got \""
                    + mode + "\"");
        }
        this.mode = m;
        return self();
    }

    /** Keras's {@code min_delta}: changes smaller than this (in absolute value) are not improvements. */
    public C minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return self();
    }

    /** Keras's {@code baseline}: a value the monitored quantity must beat. */
    public C baseline(double baseline) {
        this.baseline = baseline;
        return self();
    }

    public String monitor() {
        return monitor;
    }

    protected Double baselineOrNull() {
        return baseline;
    }

    protected double minDeltaValue() {
        return minDelta;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void setParams(Map<String, Object> params) {
        this.params = params;
    }

    /** True when the monitored quantity should grow: mode "max", or "auto" with an accuracy-like metric. */
    public boolean maximizes() {
        if (!mode.equals("auto")) {
            return mode.equals("max");
        }
        String m = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        return m.endsWith("acc") || m.endsWith("accuracy") || m.endsWith("auc") || m.equals("precision")
                || m.equals("recall");
    }

    /** Keras's starting best: +inf when minimizing, -inf when maximizing. */
    protected double worst() {
        return maximizes() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Keras's {@code _is_improvement}: better than the reference by more than {@code minDelta}. */
    protected boolean isImprovement(double current, double reference) {
        return maximizes() ? current - minDelta > reference : current + minDelta < reference;
    }

    /**
     * The monitored value from the logs, or null with a warning (once per training) that lists the keys there are,
     * as Keras warns.
     */
    protected Double monitorValue(Map<String, Double> logs, String what) {
        Double v = logs.get(monitor);
        if (v == null && !warned) {
            warned = true;
            LOG.warn("{} conditioned on metric `{}` which is not available. Available metrics are: {}", what, monitor,
                    String.join(",", logs.keySet()));
        }
        return v;
    }

    /** Resets the once-per-training warning; subclasses call this from onTrainBegin. */
    protected void resetWarnings() {
        warned = false;
    }
}

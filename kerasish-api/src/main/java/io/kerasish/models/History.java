package io.kerasish.models;

import io.kerasish.callbacks.Callback;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns, as Keras's {@code History}: per-epoch values keyed by Keras names
 * ({@code history.get("loss")}, {@code history.get("val_accuracy")}) and the epoch numbers trained.
 */
public class History implements Callback {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epoch = new ArrayList<>();
    private Map<String, Object> params = Map.of();

    @Override
    public void setParams(Map<String, Object> params) {
        this.params = Map.copyOf(params);
    }

    @Override
    public void onEpochEnd(int e, Map<String, Double> logs) {
        epoch.add(e);
        logs.forEach((k, v) -> history.computeIfAbsent(k, key -> new ArrayList<>()).add(v));
    }

    /** Keras's {@code history.history}: every key and its value per epoch. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** The values of one key per epoch, e.g. {@code get("val_loss")}. */
    public List<Double> get(String key) {
        List<Double> v = history.get(key);
        if (v == null) {
            throw new io.kerasish.KerasishException("History has no '" + key + "'; it has " + history.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** The value of one key after the last epoch, e.g. {@code last("val_accuracy")}. */
    public double last(String key) {
        List<Double> v = get(key);
        if (v.isEmpty()) {
            throw new io.kerasish.KerasishException("History has no epochs yet: fit has not finished one");
        }
        return v.get(v.size() - 1);
    }

    /** The epochs trained, 0-based. */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epoch);
    }

    public Map<String, Object> params() {
        return params;
    }

    @Override
    public String toString() {
        return "History" + history;
    }
}

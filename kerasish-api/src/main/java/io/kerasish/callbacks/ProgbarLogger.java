package io.kerasish.callbacks;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code ProgbarLogger}: prints {@code Epoch 3/10} and a {@link Progbar} per epoch. {@code fit} adds one
 * when {@code verbose} is 1 or 2; the final line of each epoch includes the validation results.
 */
public class ProgbarLogger implements Callback {
    private final PrintStream out;
    private final boolean dynamic;
    private int verbose = 1;
    private int epochs;
    private int steps;
    private Progbar bar;
    // batches per epoch; unknown (<= 0) for an iterator until the first epoch ends
    private int seen;

    public ProgbarLogger() {
        this(System.out, System.console() != null);
    }

    /** @param dynamic true when {@code out} is a terminal that can redraw a line */
    public ProgbarLogger(PrintStream out, boolean dynamic) {
        this.out = out;
        this.dynamic = dynamic;
    }

    @Override
    public void setParams(Map<String, Object> params) {
        this.verbose = ((Number) params.getOrDefault("verbose", 1)).intValue();
        this.epochs = ((Number) params.get("epochs")).intValue();
        this.steps = ((Number) params.get("steps")).intValue();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        out.println("Epoch " + (epoch + 1) + "/" + epochs);
        out.flush();
        bar = new Progbar(steps > 0 ? steps : -1, verbose, out, dynamic); // -1: "12/Unknown" until the count is known
        seen = 0;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        seen = batch + 1;
        if (steps <= 0 || seen < steps) {
            bar.update(seen, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (steps <= 0) {
            steps = Math.max(1, seen); // as Keras: the first epoch tells the later ones how long they are
            bar.setTarget(steps);
        }
        bar.update(steps, new LinkedHashMap<>(logs));
    }
}

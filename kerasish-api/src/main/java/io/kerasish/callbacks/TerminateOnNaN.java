package io.kerasish.callbacks;

import io.kerasish.models.Model;
import java.io.PrintStream;
import java.util.Map;

/**
 * Keras's {@code TerminateOnNaN}: stops training as soon as the loss becomes NaN or infinite.
 *
 * <pre>{@code
 * model.fit(x, y, epochs(100), callbacks(new TerminateOnNaN()));
 * }</pre>
 *
 * At the end of every batch, when the logs' {@code loss} (the running mean over the epoch, as Keras reports it) is
 * NaN or infinite, prints Keras's message {@code Batch 3: Invalid loss, terminating training} and calls
 * {@code model.stopTraining(true)}: the current epoch ends after that batch (its epoch-end callbacks still run, as
 * in Keras) and no further epoch starts.
 */
public class TerminateOnNaN implements Callback {
    private final PrintStream out;
    private Model model;
    private Integer terminatedAt;

    public TerminateOnNaN() {
        this(null);
    }

    /** @param out where the message goes; null for {@code System.out} at the time it is printed */
    public TerminateOnNaN(PrintStream out) {
        this.out = out;
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        terminatedAt = null;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs == null ? null : logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            PrintStream p = out != null ? out : System.out;
            p.println("Batch " + batch + ": Invalid loss, terminating training");
            p.flush();
            terminatedAt = batch;
            if (model != null) {
                model.stopTraining(true);
            }
        }
    }

    /** The 0-based batch (within its epoch) whose loss was invalid, or null while training has not been stopped. */
    public Integer terminatedAtBatch() {
        return terminatedAt;
    }
}

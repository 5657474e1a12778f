package io.kerasish.callbacks;

import io.kerasish.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keras's {@code ModelCheckpoint}: saves the model (or only its weights) during training, as Keras HDF5 files.
 *
 * <pre>{@code
 * var ckpt = new ModelCheckpoint("ckpt/weights.{epoch:02d}-{val_loss:.2f}.h5")
 *         .monitor("val_loss").saveBestOnly(true).saveWeightsOnly(true);
 * }</pre>
 *
 * The file path may hold Python-format placeholders: {@code {epoch}} (1-based, as Keras), {@code {batch}} with a
 * batch {@code saveFreq}, and any log key ({@code {val_loss:.4f}}); they are checked against the compiled
 * metrics when {@code fit} starts, not when the first save fails. Defaults as in Keras: monitor "val_loss", mode
 * "auto", save every epoch, whole model. Every file is written to a temporary file and renamed, so a crash or a
 * kill during a save leaves the previous checkpoint intact.
 */
public class ModelCheckpoint extends MonitorCallback<ModelCheckpoint> {
    private final FilepathTemplate filepath;
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private final SaveFrequency saveFreq = new SaveFrequency("ModelCheckpoint");
    private Double initialValueThreshold;

    private double best;
    private int epoch;
    private Path lastSaved;

    public ModelCheckpoint(String filepath) {
        super(0.0);
        if (filepath == null || filepath.isBlank()) {
            throw new InvalidConfigException("ModelCheckpoint needs a file path, e.g. \"ckpt/model.{epoch:02d}.h5\"");
        }
        this.filepath = new FilepathTemplate(filepath);
    }

    public ModelCheckpoint(Path filepath) {
        this(filepath.toString());
    }

    /** Keras's {@code verbose}: 1 prints a line at each save (or non-save with save_best_only). */
    public ModelCheckpoint verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Keras's {@code save_best_only}: save only when the monitored value improves on the best so far. */
    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    /** Keras's {@code save_weights_only}: {@code save_weights} instead of the full model. */
    public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
        this.saveWeightsOnly = saveWeightsOnly;
        return this;
    }

    /** Keras's {@code save_freq="epoch"}, the default. */
    public ModelCheckpoint saveFreq(String freq) {
        saveFreq.set(freq);
        return this;
    }

    /** Keras's integer {@code save_freq}: save every this many batches (the logs are the running epoch means). */
    public ModelCheckpoint saveFreq(int batches) {
        saveFreq.set(batches);
        return this;
    }

    /** Keras's {@code initial_value_threshold}: with save_best_only, the value the first save must beat. */
    public ModelCheckpoint initialValueThreshold(double threshold) {
        this.initialValueThreshold = threshold;
        return this;
    }

    /** The file most recently written, or null. */
    public Path lastSaved() {
        return lastSaved;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        resetWarnings();
        best = initialValueThreshold != null ? initialValueThreshold : worst();
        saveFreq.reset();
        Object keys = params.get("metrics");
        if (keys instanceof List<?> available) {
            TreeSet<String> unknown = new TreeSet<>(filepath.names());
            unknown.remove("epoch");
            if (!saveFreq.perEpoch()) {
                unknown.remove("batch");
            }
            available.forEach(unknown::remove);
            if (!unknown.isEmpty()) {
                throw new InvalidConfigException("ModelCheckpoint filepath '" + filepath + "' uses " + unknown
                        + ", which the logs of this fit will not have. Available: epoch" + (saveFreq.perEpoch() ? "" : ", batch")
                        + ", " + String.join(", ", available.stream().map(String::valueOf).toList())
                        + (unknown.stream().anyMatch(k -> k.startsWith("val_")) ? " (val_* keys need validation data)" : ""));
            }
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        this.epoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq.batchEnded()) {
            save(epoch, batch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveFreq.perEpoch()) {
            save(epoch, null, logs);
        }
    }

    private void save(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Number> values = new LinkedHashMap<>(logs);
        values.put("epoch", epoch + 1);
        if (batch != null) {
            values.put("batch", batch + 1);
        }
        Path file = Path.of(filepath.format(values));
        if (saveBestOnly) {
            Double current = monitorValue(logs, "ModelCheckpoint's save_best_only is");
            if (current == null) {
                return;
            }
            if (!isImprovement(current, best)) {
                if (verbose > 0) {
                    System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor() + " did not improve from " + f5(best));
                }
                return;
            }
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor() + " improved from " + f5(best) + " to "
                        + f5(current) + ", saving model to " + file);
            }
            best = current;
        } else if (verbose > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": saving model to " + file);
        }
        write(file);
    }

    private void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new io.kerasish.InvalidFileException(file, "cannot create the checkpoint directory: " + e.getMessage(), e);
        }
        if (saveWeightsOnly) {
            model.saveWeights(file);
        } else {
            model.save(file);
        }
        lastSaved = file;
    }

    /** Python's {@code f"{x:.5f}"}, including inf. */
    private static String f5(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.5f", v);
    }
}

package io.kerasish.models;

import io.kerasish.IncompatibleLossException;
import io.kerasish.InvalidDataException;
import io.kerasish.NotCompiledException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.internal.Data;
import io.kerasish.layers.Shape;
import io.kerasish.losses.Loss;
import io.kerasish.losses.Losses;
import io.kerasish.metrics.Metric;
import io.kerasish.metrics.Metrics;
import io.kerasish.optimizers.Optimizer;
import io.kerasish.optimizers.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every kerasish model can do, as Keras's {@code Model}: compile, fit, evaluate, predict. Data is in
 * Keras's layouts: {@code (batch, features)}, {@code (batch, timesteps, features)}, {@code (batch, height, width,
 * channels)}; labels one-hot (or class ids for {@code sparse_categorical_crossentropy}).
 */
public abstract class Model {
    private Optimizer optimizer;
    private Loss loss;
    private final List<String> metricNames = new ArrayList<>();
    private volatile boolean stopTraining;
    private double learningRate;
    private boolean learningRateSet; // setLearningRate replaced the compiled optimizer's rate (and decay/schedule)

    /** The model's DL4J network, building it if needed; for advanced use of DL4J directly. */
    public abstract MultiLayerNetwork dl4j();

    /** Shape of one input example. */
    public abstract Shape inputShape();

    /** The model's name, as in Keras. */
    public abstract String name();

    /** The layers, in order. */
    public abstract List<io.kerasish.layers.Layer<?>> layers();

    /** Keras's {@code get_weights()}: every layer's weights in order, in Keras's layouts. */
    public abstract List<INDArray> getWeights();

    /** Keras's {@code set_weights()}: arrays in the order and shapes {@link #getWeights()} returns. */
    public abstract void setWeights(List<INDArray> weights);

    /** Keras's {@code get_config()}: {@code {"name": ..., "layers": [{"class_name": ..., "config": {...}}, ...]}}. */
    public abstract Map<String, Object> getConfig();

    /** Shape of one output example. */
    public abstract Shape outputShape();

    /** The last activation applied to the output (Keras name). */
    protected abstract String outputActivation();

    /** How errors name the first and last layers, e.g. {@code 'dense' (Dense)}. */
    protected abstract String describeFirstLayer();

    protected abstract String describeLastLayer();

    /** Rebuilds the DL4J network with the compiled loss and optimizer, keeping the current weights. */
    protected abstract void rebuild();

    /** Weights the next training step's examples (Keras's sample weights); null for none. */
    protected abstract void setSampleWeights(INDArray weights);

    /** True when id 0 in the input is padding, masked as Keras's {@code Embedding(mask_zero=True)} masks it. */
    protected boolean masksZeros() {
        return false;
    }

    /** The network's inference output for a batch, with Keras's masking when the model masks padded steps. */
    final INDArray output(MultiLayerNetwork net, INDArray x) {
        return masksZeros() ? io.kerasish.internal.ZeroMask.output(net, x) : net.output(x, false);
    }

    /**
     * Sets the compute threads kerasish chooses for this model on the calling thread
     * ({@link io.kerasish.internal.NativeSetup#useThreads}); cheap enough to call before every batch.
     */
    final void useThreads() {
        io.kerasish.internal.NativeSetup.useThreads();
    }

    /**
     * One training step on a batch, with Keras's masking when the model masks padded steps; the first layer skips
     * the input gradient that nobody reads ({@link io.kerasish.internal.UnusedInputGradient}).
     */
    final void fitBatch(MultiLayerNetwork net, INDArray x, INDArray y) {
        io.kerasish.internal.FusedStep.install(net);
        io.kerasish.internal.UnusedInputGradient.during(net, () -> {
            if (masksZeros()) {
                io.kerasish.internal.ZeroMask.fit(net, x, y);
            } else {
                net.fit(x, y);
            }
        });
    }

    /** Seed for shuffling and dropout; null when none was set. */
    protected abstract Long seedOrNull();

    // ---------------------------------------------------------------- compile

    /** Keras's {@code compile(optimizer, loss, metrics)}, every part by name: {@code compile("adam", "mse", "mae")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
    }

    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), metrics);
    }

    /**
     * Configures training. Checks that the loss fits the last activation and output shape, that every metric
     * name is known, and keeps the current weights.
     *
     * @throws IncompatibleLossException naming the last layer and the fix
     */
    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        if (optimizer == null || loss == null) {
            throw new io.kerasish.InvalidConfigException("compile() needs an optimizer and a loss, e.g. compile(\"adam\", "
                    + "\"categorical_crossentropy\", \"accuracy\")");
        }
        Shape out = outputShape();
        loss.checkCompatible(describeLastLayer(), outputActivation(), out);
        for (String m : metrics) {
            Metrics.get(m, loss.name(), out.dim(-1)); // fails with the valid names
        }
        this.optimizer = optimizer;
        this.learningRate = optimizer.learningRate();
        this.learningRateSet = false;
        this.loss = loss;
        this.metricNames.clear();
        this.metricNames.addAll(Arrays.asList(metrics));
        rebuild();
    }

    public boolean isCompiled() {
        return loss != null;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    public List<String> metricNames() {
        return List.copyOf(metricNames);
    }

    /** New metric instances, in compile order. */
    List<Metric> newMetrics() {
        List<Metric> list = new ArrayList<>();
        for (String m : metricNames) {
            list.add(Metrics.get(m, loss.name(), outputShape().dim(-1)));
        }
        return list;
    }

    void requireCompiled(String method) {
        if (loss == null) {
            throw new NotCompiledException("You must compile the model before calling " + method
                    + "(): call model.compile(optimizer, loss, metrics...), e.g. model.compile(\"adam\", "
                    + "\"categorical_crossentropy\", \"accuracy\").");
        }
    }

    // ---------------------------------------------------------------- saving and loading

    /** Keras's {@code to_json()}: the architecture as a JSON document that Keras's {@code model_from_json} reads. */
    public String toJson() {
        return io.kerasish.io.config.ConfigJson.write(ModelFiles.document(this));
    }

    /** The same document as YAML (Keras 2's {@code to_yaml()} layout, read back with {@link Models#modelFromYaml}). */
    public String toYaml() {
        return io.kerasish.io.config.ConfigYaml.write(ModelFiles.document(this));
    }

    /**
     * Keras's {@code save_weights}: every layer's weights in Keras's HDF5 layout (readable by Keras's
     * {@code load_weights} and h5py). The file is written to a temporary file first and then renamed, so a
     * failure never leaves a half-written file in place of a good one.
     */
    public void saveWeights(java.nio.file.Path file) {
        ModelFiles.saveWeights(this, file);
    }

    /**
     * Keras's {@code load_weights}: by position (the default), or {@code byName(true)} with optional
     * {@code skipMismatch(true)}. Reads files from Keras 1, Keras 2/tf.keras ({@code save_weights} or
     * {@code save}) and Keras 3 ({@code .weights.h5}). Nothing changes unless every weight fits.
     *
     * @throws io.kerasish.InvalidFileException when the file is not a readable Keras weights file
     * @throws io.kerasish.ShapeMismatchException naming the layer, the weight and both shapes
     */
    public void loadWeights(java.nio.file.Path file, Load.Option... options) {
        ModelFiles.loadWeights(this, file, Load.Settings.of(options));
    }

    /**
     * Keras's {@code model.save} to HDF5: architecture, weights, training config and optimizer state, in the layout
     * Keras's {@code load_model} reads. Read it back with {@link Models#loadModel}.
     */
    public void save(java.nio.file.Path file) {
        ModelFiles.save(this, file, Map.of());
    }

    /**
     * As {@link #save(java.nio.file.Path)}, with more root attributes in the same file, which Keras ignores: what an
     * application needs beside the model (a vocabulary, its settings as JSON). Read them back with
     * {@link Models#fileAttributes}. Names Keras uses ({@code model_config}, ...) are refused.
     */
    public void save(java.nio.file.Path file, Map<String, String> attributes) {
        ModelFiles.save(this, file, attributes);
    }

    /**
     * Loads a file written by {@link #save} into this compiled model: weights, optimizer state and step count, so
     * that training continues exactly where the saved model stopped. For callbacks such as BackupAndRestore.
     */
    public void restoreTrainingState(java.nio.file.Path file) {
        requireCompiled("restoreTrainingState");
        ModelFiles.restoreTrainingState(this, file);
    }

    // ---------------------------------------------------------------- training control

    private int resumeEpoch = -1;

    /**
     * For callbacks that restore training (BackupAndRestore), called from {@code onTrainBegin}: {@code fit}
     * continues at this 0-based epoch instead of {@code initialEpoch}.
     */
    public void resumeAt(int epoch) {
        this.resumeEpoch = epoch;
    }

    int resumeEpoch() {
        return resumeEpoch;
    }

    /** The learning rate the optimizer uses now (after any change made during training). */
    public double learningRate() {
        requireCompiled("learningRate");
        return learningRate;
    }

    /**
     * Changes the learning rate for the next steps, as setting {@code model.optimizer.learning_rate} in Keras
     * (ReduceLROnPlateau, LearningRateScheduler). Replaces decay or a schedule with this fixed rate.
     */
    public void setLearningRate(double lr) {
        requireCompiled("setLearningRate");
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new io.kerasish.InvalidConfigException("learning rate must be > 0, got " + lr);
        }
        dl4j().setLearningRate(lr);
        learningRate = lr;
        learningRateSet = true;
    }

    /** True after {@link #setLearningRate}: a fixed rate replaces the compiled optimizer's rate. */
    boolean learningRateSet() {
        return learningRateSet;
    }


    /** Keras's {@code model.stop_training = true}: asks {@code fit} to stop after the current batch. */
    public void stopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    // ---------------------------------------------------------------- fit

    public History fit(double[][] x, double[][] y, Fit.Option... options) {
        return fit(Data.toArray(x), Data.toArray(y), options);
    }

    public History fit(float[][] x, float[][] y, Fit.Option... options) {
        return fit(Data.toArray(x), Data.toArray(y), options);
    }

    /** Trains on arrays in Keras's layout; see {@link Fit} for the options. */
    public History fit(INDArray x, INDArray y, Fit.Option... options) {
        requireCompiled("fit");
        Fit.Settings s = Fit.Settings.of(options);
        INDArray xs = checkedInput(x, "x");
        INDArray ys = checkedLabels(y, xs.size(0), "y");
        Batches.Source val = null;
        if (s.validationX != null) {
            INDArray vx = checkedInput(s.validationX, "validation x");
            val = Batches.of(vx, checkedLabels(s.validationY, vx.size(0), "validation y"), null, s.batchSize, false, null);
        } else if (s.validationSplit > 0) {
            long n = xs.size(0);
            long split = (long) (n * (1 - s.validationSplit));
            if (split <= 0 || split >= n) {
                throw new InvalidDataException("validation_split=" + s.validationSplit + " of " + n
                        + " examples leaves no training or no validation data");
            }
            val = Batches.of(Data.rows(xs, split, n), Data.rows(ys, split, n), null, s.batchSize, false, null);
            xs = Data.rows(xs, 0, split);
            ys = Data.rows(ys, 0, split);
        }
        INDArray weights = s.classWeight == null ? null : classWeightMask(ys, s.classWeight);
        Batches.Source train = Batches.of(xs, ys, weights, s.batchSize, s.shuffle, seedOrNull());
        return new FitLoop(this, s).run(train, val);
    }

    /** Trains on a DL4J iterator (its own batching and shuffling); labels as in Keras's layout. */
    public History fit(DataSetIterator data, Fit.Option... options) {
        requireCompiled("fit");
        Fit.Settings s = Fit.Settings.of(options);
        if (s.validationSplit > 0) {
            throw new io.kerasish.InvalidConfigException("validation_split is not supported with an iterator "
                    + "(as in Keras); pass validationData(x, y) instead");
        }
        Batches.Source val = null;
        if (s.validationX != null) {
            INDArray vx = checkedInput(s.validationX, "validation x");
            val = Batches.of(vx, checkedLabels(s.validationY, vx.size(0), "validation y"), null, s.batchSize, false, null);
        }
        return new FitLoop(this, s).run(Batches.of(data), val);
    }

    // ---------------------------------------------------------------- evaluate / predict

    public Map<String, Double> evaluate(double[][] x, double[][] y, Fit.Option... options) {
        return evaluate(Data.toArray(x), Data.toArray(y), options);
    }

    /** Keras's {@code evaluate}: the loss and every compiled metric, keyed {@code loss}, {@code accuracy}, ... */
    public Map<String, Double> evaluate(INDArray x, INDArray y, Fit.Option... options) {
        requireCompiled("evaluate");
        Fit.Settings s = Fit.Settings.of(options);
        s.allowOnly("evaluate", "batchSize", "verbose");
        INDArray xs = checkedInput(x, "x");
        return evaluate(Batches.of(xs, checkedLabels(y, xs.size(0), "y"), null, s.batchSize, false, null));
    }

    /** Evaluates on a DL4J iterator. */
    public Map<String, Double> evaluate(DataSetIterator data) {
        requireCompiled("evaluate");
        Batches.Source source = Batches.of(data);
        try {
            return evaluate(source);
        } finally {
            source.close();
        }
    }

    Map<String, Double> evaluate(Batches.Source data) {
        MultiLayerNetwork net = dl4j();
        useThreads();
        List<Metric> metrics = newMetrics();
        double lossSum = 0;
        long n = 0;
        for (Batches.Batch b : data.epoch(0)) {
            INDArray out = output(net, b.x());
            lossSum += loss.call(b.y(), out).sumNumber().doubleValue();
            n += b.size();
            for (Metric m : metrics) {
                m.update(b.y(), out);
            }
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", (n == 0 ? Double.NaN : lossSum / n) + net.calcRegularizationScore(true));
        for (Metric m : metrics) {
            logs.put(m.name(), m.result());
        }
        return logs;
    }

    public INDArray predict(double[][] x, Fit.Option... options) {
        return predict(Data.toArray(x), options);
    }

    public INDArray predict(float[][] x, Fit.Option... options) {
        return predict(Data.toArray(x), options);
    }

    /** Keras's {@code predict}: outputs for every example, in Keras's layout, computed in batches (default 32). */
    public INDArray predict(INDArray x, Fit.Option... options) {
        Fit.Settings s = Fit.Settings.of(options);
        s.allowOnly("predict", "batchSize", "verbose");
        INDArray xs = checkedInput(x, "x");
        MultiLayerNetwork net = dl4j();
        useThreads();
        long n = xs.size(0);
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < n; from += s.batchSize) {
            parts.add(output(net, Data.rows(xs, from, Math.min(n, from + s.batchSize))));
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /**
     * The predicted class of each example, as Keras 2's {@code predict_classes}: the arg-max of a multi-class
     * output, or {@code output > 0.5} for a single sigmoid unit.
     */
    public int[] predictClasses(INDArray x) {
        INDArray p = predict(x);
        if (p.rank() != 2) {
            throw new ShapeMismatchException("predictClasses() needs outputs of shape (N, classes); this model outputs "
                    + outputShape());
        }
        int[] out = new int[(int) p.size(0)];
        if (p.size(1) == 1) {
            float[] v = p.dup('c').data().asFloat();
            for (int i = 0; i < out.length; i++) {
                out[i] = v[i] > 0.5f ? 1 : 0;
            }
        } else {
            long[] arg = Nd4j.argMax(p, 1).toLongVector();
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) arg[i];
            }
        }
        return out;
    }

    public int[] predictClasses(double[][] x) {
        return predictClasses(Data.toArray(x));
    }

    // ---------------------------------------------------------------- data checks

    INDArray checkedInput(INDArray x, String what) {
        if (x == null) {
            throw new InvalidDataException(what + " is null");
        }
        Data.checkInput(x, inputShape(), describeFirstLayer(), what);
        INDArray f = Data.floats(x);
        Data.checkFinite(f, what);
        return f;
    }

    INDArray checkedLabels(INDArray y, long n, String what) {
        if (y == null) {
            throw new InvalidDataException(what + " is null");
        }
        if (y.size(0) != n) {
            throw new InvalidDataException(what + " has " + y.size(0) + " examples but x has " + n
                    + "; inputs and labels must have the same length");
        }
        Shape out = outputShape();
        INDArray ys = Data.floats(y);
        if (loss.sparseLabels()) {
            if (!(y.rank() == 1 || (y.rank() == 2 && y.size(1) == 1))) {
                throw new ShapeMismatchException("Loss '" + loss.name() + "' expects integer class ids of shape (N,) or "
                        + "(N, 1), got " + what + " of shape " + Shape.format(y.shape()) + ". For one-hot labels use "
                        + "'categorical_crossentropy'.");
            }
            ys = ys.reshape('c', n, 1);
            double max = ys.maxNumber().doubleValue();
            double min = ys.minNumber().doubleValue();
            if (min < 0 || max >= out.dim(-1)) {
                throw new InvalidDataException(what + " holds class ids from " + (long) min + " to " + (long) max
                        + " but the model outputs " + out.dim(-1) + " classes (ids 0.." + (out.dim(-1) - 1) + ")");
            }
        } else if (!out.accepts(y.shape())) {
            String hint = (y.rank() == 1 || y.size(y.rank() - 1) == 1) && out.dim(-1) > 1
                    ? " These look like class ids: one-hot encode them (Utils.toCategorical(y, " + out.dim(-1)
                    + ")) or use loss 'sparse_categorical_crossentropy'."
                    : " Make the last layer output the label shape, or fix the labels.";
            throw new ShapeMismatchException("Labels " + what + " of shape " + Shape.format(y.shape())
                    + " do not fit the output " + out + " of the last layer " + describeLastLayer() + "." + hint);
        }
        Data.checkFinite(ys, what);
        return ys;
    }

    /** Keras's class_weight as a per-example weight column, read from the labels' class ids. */
    private INDArray classWeightMask(INDArray y, Map<Integer, Double> classWeight) {
        if (y.rank() != 2) {
            throw new io.kerasish.InvalidConfigException("class_weight needs outputs of shape (N, classes); the model "
                    + "outputs " + outputShape());
        }
        float[] ids;
        if (loss.sparseLabels()) {
            ids = y.dup('c').data().asFloat();
        } else if (y.size(1) == 1) {
            ids = y.gt(0.5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        } else {
            long[] a = Nd4j.argMax(y, 1).toLongVector();
            ids = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                ids[i] = a[i];
            }
        }
        float[] w = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            w[i] = classWeight.getOrDefault((int) ids[i], 1.0).floatValue();
        }
        return Nd4j.createFromArray(w).reshape(ids.length, 1);
    }
}

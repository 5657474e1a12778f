package io.kerasish.models;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.KerasishException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.internal.OptimizerState;
import io.kerasish.internal.Weight;
import io.kerasish.internal.WeightConversions;
import io.kerasish.io.config.ConfigJson;
import io.kerasish.io.hdf5.H5Array;
import io.kerasish.io.hdf5.H5Type;
import io.kerasish.io.keras.KerasH5;
import io.kerasish.io.keras.LayerWeights;
import io.kerasish.io.keras.WeightsFile;
import io.kerasish.layers.Conv2D;
import io.kerasish.layers.LSTM;
import io.kerasish.layers.Layer;
import io.kerasish.losses.Losses;
import io.kerasish.optimizers.Optimizer;
import io.kerasish.optimizers.Optimizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Saving and loading models in Keras's HDF5 layouts (see {@link KerasH5}); behind Model's and Models' methods. */
final class ModelFiles {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelFiles.class);

    private ModelFiles() {
    }

    /** What {@code to_json()} returns: class_name, config, keras_version, backend. */
    static Map<String, Object> document(Model m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("class_name", m.getClass() == Sequential.class ? "Sequential" : m.getClass().getSimpleName());
        doc.put("config", m.getConfig());
        doc.put("keras_version", KerasH5.KERAS_VERSION);
        doc.put("backend", KerasH5.BACKEND);
        return doc;
    }

    // ---------------------------------------------------------------- saving

    static void saveWeights(Model m, Path file) {
        KerasH5.writeWeights(file, layerWeights(m));
    }

    static void save(Model m, Path file, Map<String, String> extraAttributes) {
        String training = null;
        LayerWeights optimizer = null;
        if (m.isCompiled()) {
            training = ConfigJson.write(trainingConfig(m));
            optimizer = optimizerWeights(m);
        }
        KerasH5.writeModel(file, ConfigJson.write(document(m)), training, layerWeights(m), optimizer, extraAttributes);
    }

    private static List<LayerWeights> layerWeights(Model m) {
        m.dl4j();
        List<LayerWeights> out = new ArrayList<>();
        for (Layer<?> l : m.layers()) {
            List<String> names = new ArrayList<>();
            List<H5Array> values = new ArrayList<>();
            List<INDArray> arrays = l.getWeights();
            List<Weight> ws = l.weightsFor(l.builtInputShape());
            for (int i = 0; i < ws.size(); i++) {
                names.add(l.weightPath(ws.get(i).name()));
                values.add(h5(arrays.get(i)));
            }
            out.add(new LayerWeights(l.name(), names, values));
        }
        return out;
    }

    /** tf.keras 2's training_config. */
    static Map<String, Object> trainingConfig(Model m) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("loss", m.loss().name());
        c.put("metrics", m.metricNames());
        c.put("weighted_metrics", null);
        c.put("loss_weights", null);
        Map<String, Object> optimizer = Optimizers.toConfig(m.optimizer());
        if (m.learningRateSet()) { // as Keras saves the optimizer's current rate after ReduceLROnPlateau & co.
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) optimizer.get("config"));
            config.put("learning_rate", m.learningRate());
            if (config.containsKey("decay")) {
                config.put("decay", 0.0); // setLearningRate replaced decay with the fixed rate
            }
            optimizer.put("config", config);
        }
        c.put("optimizer_config", optimizer);
        return c;
    }

    /** tf.keras 2's optimizer_weights: {@code <Optimizer>/iter:0}, then each slot of each weight. */
    private static LayerWeights optimizerWeights(Model m) {
        String prefix = m.optimizer().name();
        List<String> names = new ArrayList<>();
        List<H5Array> values = new ArrayList<>();
        names.add(prefix + "/iter:0");
        values.add(new H5Array(H5Type.INT64, new long[0], new float[] {m.dl4j().getIterationCount()}));
        OptimizerState.read(m.dl4j(), m.layers(), prefix).forEach((k, v) -> {
            names.add(k);
            values.add(h5(v));
        });
        return new LayerWeights("optimizer_weights", names, values);
    }

    // ---------------------------------------------------------------- loading

    static void loadWeights(Model m, Path file, Load.Settings s) {
        assign(m, KerasH5.readWeights(file), s, file);
    }

    static Sequential loadModel(Path file, Load.Settings s) {
        KerasH5.ModelFile f = KerasH5.readModel(file);
        Sequential model;
        try {
            model = Models.modelFromConfig(ConfigJson.parse(f.modelConfig(), "model_config"), s.customObjects);
        } catch (KerasishException e) {
            throw new InvalidFileException(file, "its model_config cannot be loaded: " + e.getMessage(), e);
        }
        if (!model.hasInputShape()) {
            throw new InvalidFileException(file, "its model_config does not say the input shape, so the weights cannot be "
                    + "placed; build the model yourself and call loadWeights");
        }
        boolean compiled = false;
        if (s.compile && f.trainingConfig() != null) {
            try {
                compile(model, ConfigJson.parse(f.trainingConfig(), "training_config"));
                compiled = true;
            } catch (KerasishException e) {
                LOG.warn("{}: the model is loaded uncompiled because its training_config cannot be used ({}). "
                        + "Call compile(...) before fit.", file, e.getMessage());
            }
        }
        Load.Settings position = Load.Settings.of();
        assign(model, f.weights(), position, file);
        if (compiled && f.optimizer() != null) {
            restoreOptimizer(model, f.optimizer(), file);
        }
        return model;
    }

    private static void compile(Model m, Map<String, Object> tc) {
        Object loss = tc.get("loss");
        if (loss instanceof Map<?, ?> lm) { // newer tf.keras: {"class_name": ..., "config": {"name": ..., "from_logits": false}}
            Object cfg = lm.get("config");
            if (cfg instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("from_logits"))) {
                throw new InvalidConfigException("losses with from_logits=true are not supported");
            }
            loss = cfg instanceof Map<?, ?> c && c.get("name") instanceof String n ? n
                    : io.kerasish.internal.Names.snakeCase(String.valueOf(lm.get("class_name")));
        }
        if (!(loss instanceof String lossName)) {
            throw new InvalidConfigException("training_config: only a single loss given by name is supported, found " + loss);
        }
        Optimizer o = Optimizers.fromConfig(tc.get("optimizer_config"));
        List<String> metrics = new ArrayList<>();
        collectMetricNames(tc.get("metrics"), metrics);
        m.compile(o, Losses.get(lossName), metrics.toArray(String[]::new));
    }

    /** Metrics as Keras wrote them: names, nested lists (tf.keras 2.5+), or {"config": {"name": ...}} objects. */
    private static void collectMetricNames(Object v, List<String> out) {
        if (v instanceof String s) {
            out.add(s);
        } else if (v instanceof List<?> l) {
            l.forEach(x -> collectMetricNames(x, out));
        } else if (v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c && c.get("name") instanceof String n) {
            out.add(n);
        }
    }

    static void restoreTrainingState(Model m, Path file) {
        KerasH5.ModelFile f = KerasH5.readModel(file);
        assign(m, f.weights(), Load.Settings.of(), file);
        if (f.optimizer() != null) {
            restoreOptimizer(m, f.optimizer(), file);
        }
        Double lr = savedLearningRate(f, file);
        if (lr != null && lr != m.learningRate()) { // changed during the saved run (ReduceLROnPlateau, a scheduler)
            m.setLearningRate(lr);
        }
    }

    /** The fixed learning rate in a file's training_config, or null when it has none (or a schedule). */
    private static Double savedLearningRate(KerasH5.ModelFile f, Path file) {
        if (f.trainingConfig() == null) {
            return null;
        }
        Object optimizer;
        try {
            optimizer = ConfigJson.parse(f.trainingConfig(), "training_config").get("optimizer_config");
        } catch (KerasishException e) {
            throw new InvalidFileException(file, "its training_config cannot be read: " + e.getMessage(), e);
        }
        if (optimizer instanceof Map<?, ?> o && o.get("config") instanceof Map<?, ?> c) {
            Object lr = c.containsKey("learning_rate") ? c.get("learning_rate") : c.get("lr");
            if (lr instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
                return n.doubleValue();
            }
        }
        return null;
    }

    private static void restoreOptimizer(Model m, LayerWeights saved, Path file) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        long iterations = -1;
        for (int i = 0; i < saved.names().size(); i++) {
            String n = saved.names().get(i);
            if (n.endsWith("/iter:0") || n.endsWith("/iterations:0")) {
                iterations = (long) saved.values().get(i).data()[0];
            } else {
                values.put(n, nd(saved.values().get(i)));
            }
        }
        List<String> unused = OptimizerState.write(m.dl4j(), m.layers(), m.optimizer().name(), values);
        if (iterations >= 0) {
            m.dl4j().setIterationCount((int) iterations);
        }
        if (!unused.isEmpty()) {
            LOG.warn("{}: {} optimizer weights did not match this model's optimizer state and were not restored "
                    + "(e.g. {}); training continues with fresh optimizer state for those weights", file, unused.size(),
                    unused.get(0));
        }
    }

    /**
     * Places a file's weights in a model: by position (Keras's default), or by layer name. Every array is
     * converted and checked before any layer changes, so a failure leaves the model as it was.
     */
    static void assign(Model m, WeightsFile f, Load.Settings s, Path file) {
        m.dl4j();
        List<Layer<?>> weighted = m.layers().stream()
                .filter(l -> !l.weightsFor(l.builtInputShape()).isEmpty()).toList();
        Map<Layer<?>, List<INDArray>> plan = new LinkedHashMap<>();
        if (s.byName || f.format() == WeightsFile.Format.KERAS3) {
            Map<String, LayerWeights> byLayer = new LinkedHashMap<>();
            f.layers().forEach(l -> byLayer.put(l.layer(), l));
            Map<Layer<?>, String> keys = s.byName ? null : keras3Keys(m.layers());
            for (Layer<?> l : weighted) {
                LayerWeights lw = byLayer.get(s.byName ? l.name() : keys.get(l));
                if (lw == null) {
                    if (!s.byName) {
                        throw new InvalidFileException(file, "has no weights for layer '" + l.name() + "' (Keras 3 key '"
                                + keys.get(l) + "'); it has " + byLayer.keySet());
                    }
                    continue;
                }
                List<INDArray> arrays = convert(l, lw, f);
                String problem = mismatch(l, arrays);
                if (problem != null && s.skipMismatch) {
                    LOG.warn("{}: skipping layer '{}': {}", file, l.name(), problem);
                } else if (problem != null) {
                    throw new ShapeMismatchException(file + ": " + problem
                            + (s.byName ? " (use skipMismatch(true) to skip such layers)" : ""));
                } else {
                    plan.put(l, arrays);
                }
            }
        } else {
            List<LayerWeights> saved = f.layersWithWeights();
            if (saved.size() != weighted.size()) {
                throw new ShapeMismatchException(file + ": the file holds weights for " + saved.size() + " layers "
                        + saved.stream().map(LayerWeights::layer).toList() + " but the model has " + weighted.size()
                        + " layers with weights " + weighted.stream().map(Layer::name).toList()
                        + ". Load into the same architecture, or use byName(true) to match layers by name.");
            }
            for (int i = 0; i < saved.size(); i++) {
                Layer<?> l = weighted.get(i);
                List<INDArray> arrays = convert(l, saved.get(i), f);
                String problem = mismatch(l, arrays);
                if (problem != null) {
                    throw new ShapeMismatchException(file + ": " + problem + " (file layer '" + saved.get(i).layer() + "')");
                }
                plan.put(l, arrays);
            }
        }
        plan.forEach(Layer::setWeights);
    }

    /**
     * The names Keras 3 files use for a model's layers: the class name in snake case, numbered per class in model
     * order ({@code dense}, {@code dense_1}, {@code conv2d}), whatever the layers are called.
     */
    private static Map<Layer<?>, String> keras3Keys(List<Layer<?>> layers) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        Map<Layer<?>, String> keys = new java.util.HashMap<>();
        for (Layer<?> l : layers) {
            String base = io.kerasish.internal.Names.snakeCase(l.className());
            int n = seen.merge(base, 1, Integer::sum) - 1;
            keys.put(l, n == 0 ? base : base + "_" + n);
        }
        return keys;
    }

    /** Why the arrays do not fit the layer, or null. */
    private static String mismatch(Layer<?> l, List<INDArray> arrays) {
        try {
            l.checkWeights(arrays);
            return null;
        } catch (ShapeMismatchException e) {
            return e.getMessage();
        }
    }

    /** A file layer's arrays in Keras 2's layout for this layer (Keras 1 kernels and LSTM gates converted). */
    private static List<INDArray> convert(Layer<?> l, LayerWeights lw, WeightsFile f) {
        List<INDArray> arrays = new ArrayList<>();
        lw.values().forEach(v -> arrays.add(nd(v)));
        if (f.format() != WeightsFile.Format.KERAS1) {
            return arrays;
        }
        if (l instanceof Conv2D && !arrays.isEmpty()) {
            long[] hwio = l.weightsFor(l.builtInputShape()).get(0).shape();
            arrays.set(0, WeightConversions.keras1Conv2DKernel(arrays.get(0), hwio, "theano".equals(f.backend())));
        }
        if (l instanceof LSTM && arrays.size() == 12) {
            return WeightConversions.keras1Lstm(arrays);
        }
        return arrays;
    }

    private static INDArray nd(H5Array a) {
        if (a.shape().length == 0) {
            return Nd4j.scalar(a.data()[0]);
        }
        return Nd4j.create(a.data(), a.shape(), 'c');
    }

    private static H5Array h5(INDArray a) {
        INDArray c = a.castTo(DataType.FLOAT).dup('c');
        return H5Array.of(c.data().asFloat(), c.shape());
    }
}

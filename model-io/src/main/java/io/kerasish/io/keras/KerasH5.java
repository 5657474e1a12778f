package io.kerasish.io.keras;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.io.hdf5.H5Array;
import io.kerasish.io.hdf5.H5Group;
import io.kerasish.io.hdf5.Hdf5;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's HDF5 layouts. Writing follows tf.keras 2 (what Keras 2 and Keras 3's legacy loader read):
 * <pre>
 * /                       attrs layer_names, backend, keras_version      (save_weights)
 * /dense_1                attr  weight_names = [dense_1/kernel:0, dense_1/bias:0]
 * /dense_1/dense_1/kernel:0, /dense_1/dense_1/bias:0
 * </pre>
 * A full model ({@code model.save}) has root attrs {@code model_config}, {@code training_config},
 * {@code keras_version}, {@code backend}, the layout above under {@code /model_weights}, and optionally
 * {@code /optimizer_weights} with attr {@code weight_names}. Reading also accepts Keras 1 files (no
 * {@code keras_version}) and Keras 3 {@code .weights.h5} files ({@code /layers/<name>/vars/0, 1, ...}).
 */
public final class KerasH5 {
    /** The root attributes of a Keras full-model file. */
    private static final java.util.Set<String> KERAS_ROOT_ATTRIBUTES = java.util.Set.of("keras_version", "backend",
            "model_config", "training_config");

    /** The version written into files: the tf.keras 2 layout that Keras 2 and 3 both load. */
    public static final String KERAS_VERSION = "2.4.0";
    public static final String BACKEND = "tensorflow";

    private KerasH5() {
    }

    // ---------------------------------------------------------------- writing

    /** Writes layers' weights into a group in the save_weights layout (attrs on the group itself). */
    public static void putWeights(H5Group g, List<LayerWeights> layers) {
        g.attrs().put("layer_names", layers.stream().map(LayerWeights::layer).toArray(String[]::new));
        g.attrs().put("backend", BACKEND);
        g.attrs().put("keras_version", KERAS_VERSION);
        for (LayerWeights l : layers) {
            H5Group lg = g.putGroup(l.layer());
            lg.attrs().put("weight_names", l.names().toArray(String[]::new));
            for (int i = 0; i < l.names().size(); i++) {
                lg.putDataset(l.names().get(i), l.values().get(i));
            }
        }
    }

    /** Writes a save_weights file atomically. */
    public static void writeWeights(Path file, List<LayerWeights> layers) {
        H5Group root = new H5Group();
        putWeights(root, layers);
        Hdf5.write(file, root);
    }

    /** Writes a full-model file atomically; trainingConfig and optimizer may be null. */
    public static void writeModel(Path file, String modelConfig, String trainingConfig, List<LayerWeights> layers,
            LayerWeights optimizer) {
        writeModel(file, modelConfig, trainingConfig, layers, optimizer, Map.of());
    }

    /**
     * As {@link #writeModel(Path, String, String, List, LayerWeights)}, with more root string attributes that Keras
     * ignores (an application's settings, a vocabulary). Their names must not be Keras's own.
     */
    public static void writeModel(Path file, String modelConfig, String trainingConfig, List<LayerWeights> layers,
            LayerWeights optimizer, Map<String, String> extraAttributes) {
        for (String name : extraAttributes.keySet()) {
            if (KERAS_ROOT_ATTRIBUTES.contains(name)) {
                throw new InvalidConfigException("cannot store an extra attribute named '" + name + "' in " + file
                        + ": Keras uses that name; choose another");
            }
        }
        H5Group root = new H5Group();
        root.attrs().putAll(extraAttributes);
        root.attrs().put("keras_version", KERAS_VERSION);
        root.attrs().put("backend", BACKEND);
        root.attrs().put("model_config", modelConfig);
        if (trainingConfig != null) {
            root.attrs().put("training_config", trainingConfig);
        }
        putWeights(root.putGroup("model_weights"), layers);
        if (optimizer != null) {
            H5Group og = root.putGroup("optimizer_weights");
            og.attrs().put("weight_names", optimizer.names().toArray(String[]::new));
            for (int i = 0; i < optimizer.names().size(); i++) {
                og.putDataset(optimizer.names().get(i), optimizer.values().get(i));
            }
        }
        Hdf5.write(file, root);
    }

    // ---------------------------------------------------------------- reading

    /** A full-model file's parts; configs are null when absent. */
    public record ModelFile(String modelConfig, String trainingConfig, WeightsFile weights, LayerWeights optimizer) {
    }

    /**
     * Reads a weights file of any supported layout: save_weights (Keras 1, 2), a full model (its
     * {@code model_weights}) or Keras 3's {@code .weights.h5}.
     *
     * @throws InvalidFileException naming the file and the missing group, attribute or dataset
     */
    public static WeightsFile readWeights(Path file) {
        H5Group root = Hdf5.read(file);
        H5Group g = root.group("model_weights") != null ? root.group("model_weights") : root;
        return weights(g, file);
    }

    /** Reads a full-model file written by {@code model.save}. */
    public static ModelFile readModel(Path file) {
        H5Group root = Hdf5.read(file);
        String config = root.stringAttr("model_config");
        if (config == null) {
            throw new InvalidFileException(file, "has no 'model_config' attribute: it is not a full Keras model file "
                    + "(model.save). If it holds only weights (model.save_weights), build the model and call "
                    + "model.loadWeights(path) instead.");
        }
        H5Group mw = root.group("model_weights");
        if (mw == null) {
            throw new InvalidFileException(file, "has a model_config but no 'model_weights' group");
        }
        LayerWeights optimizer = null;
        H5Group og = root.group("optimizer_weights");
        if (og != null) {
            optimizer = layer(og, "optimizer_weights", file);
        }
        return new ModelFile(config, root.stringAttr("training_config"), weights(mw, file), optimizer);
    }

    private static WeightsFile weights(H5Group g, Path file) {
        String[] names = g.stringArrayAttr("layer_names");
        if (names == null) {
            if (g.group("layers") != null || g.group("_layer_checkpoint_dependencies") != null) {
                return keras3(g, file);
            }
            throw new InvalidFileException(file, "has no 'layer_names' attribute: it is not a Keras weights file "
                    + "(expected the layout of Keras's save_weights, model.save or a Keras 3 .weights.h5 file)");
        }
        String version = g.stringAttr("keras_version");
        List<LayerWeights> layers = new ArrayList<>();
        for (String name : names) {
            H5Group lg = g.group(name);
            if (lg == null) {
                throw new InvalidFileException(file, "lists layer '" + name + "' in layer_names but has no group '"
                        + name + "'");
            }
            layers.add(layer(lg, name, file));
        }
        WeightsFile.Format format = version == null || version.startsWith("1") ? WeightsFile.Format.KERAS1
                : WeightsFile.Format.KERAS2;
        return new WeightsFile(format, version == null ? "1" : version, g.stringAttr("backend"), layers);
    }

    private static LayerWeights layer(H5Group lg, String name, Path file) {
        String[] wn = lg.stringArrayAttr("weight_names");
        if (wn == null) {
            throw new InvalidFileException(file, "layer group '" + name + "' has no 'weight_names' attribute");
        }
        List<H5Array> values = new ArrayList<>();
        for (String w : wn) {
            H5Array a = lg.dataset(w);
            if (a == null) {
                throw new InvalidFileException(file, "layer '" + name + "' lists weight '" + w + "' but has no such dataset");
            }
            values.add(a);
        }
        return new LayerWeights(name, List.of(wn), values);
    }

    /** Keras 3: {@code layers/<name>/vars/<i>}, and a recurrent layer's cell under {@code layers/<name>/cell/vars}. */
    private static WeightsFile keras3(H5Group g, Path file) {
        H5Group layersGroup = g.group("layers") != null ? g.group("layers") : g.group("_layer_checkpoint_dependencies");
        List<LayerWeights> layers = new ArrayList<>();
        for (Map.Entry<String, H5Group> e : layersGroup.groups().entrySet()) {
            List<String> names = new ArrayList<>();
            List<H5Array> values = new ArrayList<>();
            collectVars(e.getValue(), "", names, values, file, 0);
            layers.add(new LayerWeights(e.getKey(), names, values));
        }
        return new WeightsFile(WeightsFile.Format.KERAS3, "3", null, layers);
    }

    private static void collectVars(H5Group g, String prefix, List<String> names, List<H5Array> values, Path file,
            int depth) {
        if (depth > 8) {
            throw new InvalidFileException(file, "Keras 3 layer groups are nested too deeply");
        }
        H5Group vars = g.group("vars");
        if (vars != null) {
            for (int i = 0; vars.datasets().containsKey(String.valueOf(i)); i++) {
                names.add(prefix + "vars/" + i);
                values.add(vars.datasets().get(String.valueOf(i)));
            }
            if (vars.datasets().size() != countIndexed(vars)) {
                throw new InvalidFileException(file, "group '" + prefix + "vars' has variables not numbered 0, 1, ...: "
                        + vars.datasets().keySet());
            }
        }
        for (Map.Entry<String, H5Group> e : g.groups().entrySet()) {
            if (!e.getKey().equals("vars")) {
                collectVars(e.getValue(), prefix + e.getKey() + "/", names, values, file, depth + 1);
            }
        }
    }

    private static int countIndexed(H5Group vars) {
        int i = 0;
        while (vars.datasets().containsKey(String.valueOf(i))) {
            i++;
        }
        return i;
    }
}

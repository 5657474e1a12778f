package io.kerasish.models;

import io.kerasish.InvalidConfigException;
import io.kerasish.io.config.ConfigJson;
import io.kerasish.io.config.ConfigValues;
import io.kerasish.io.config.ConfigYaml;
import io.kerasish.layers.Layer;
import io.kerasish.layers.Layers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's model loading functions: {@code model_from_json}, {@code model_from_yaml}, {@code load_model}.
 *
 * <pre>{@code
 * Model a = Models.modelFromJson(json);            // architecture only, fresh weights
 * Model c = Models.loadModel(Path.of("model.h5")); // architecture, weights, compiled, optimizer state
 * }</pre>
 *
 * Documents from Keras 1, Keras 2, tf.keras and Keras 3 are read. A {@code Functional} (or Keras 1 {@code Model})
 * config whose layers form a single chain becomes a {@link Sequential}; a graph with branches is refused.
 */
public final class Models {
    private Models() {
    }

    /** Keras's {@code model_from_json}. */
    public static Sequential modelFromJson(String json) {
        return modelFromJson(json, Map.of());
    }

    /** With Keras's {@code custom_objects}: factories for layer class names kerasish does not have. */
    public static Sequential modelFromJson(String json, Map<String, Layers.Factory> customObjects) {
        return modelFromConfig(ConfigJson.parse(json, "model JSON"), customObjects);
    }

    /** The YAML that Keras 2's {@code to_yaml()} wrote, loaded safely (see {@link ConfigYaml}). */
    public static Sequential modelFromYaml(String yaml) {
        return modelFromYaml(yaml, Map.of());
    }

    public static Sequential modelFromYaml(String yaml, Map<String, Layers.Factory> customObjects) {
        return modelFromConfig(ConfigYaml.parse(yaml, "model YAML"), customObjects);
    }

    /** A model from a parsed document {@code {"class_name": "Sequential", "config": ...}}. */
    public static Sequential modelFromConfig(Map<String, Object> document, Map<String, Layers.Factory> customObjects) {
        Object cls = document.get("class_name");
        Object config = document.get("config");
        if (!(cls instanceof String className)) {
            throw new InvalidConfigException("The model document has no class_name: expected {\"class_name\": "
                    + "\"Sequential\", \"config\": {...}} as written by Keras's model.to_json()");
        }
        if (config == null) {
            throw new InvalidConfigException("The model document (" + className + ") has no 'config'");
        }
        return switch (className) {
            case "Sequential" -> sequential(config, customObjects);
            case "Functional", "Model" -> chain(config, className, customObjects);
            default -> throw new io.kerasish.UnknownNameException("model class_name", className,
                    List.of("Sequential", "Functional", "Model"), null);
        };
    }

    /** Keras's {@code load_model} for HDF5 files written by {@code model.save}: compiled unless {@code compile(false)}. */
    public static Sequential loadModel(Path file, Load.Option... options) {
        return ModelFiles.loadModel(file, Load.Settings.of(options));
    }

    // ---------------------------------------------------------------- Sequential

    private static Sequential sequential(Object config, Map<String, Layers.Factory> custom) {
        String name = "sequential";
        Object layers = config;
        long[] buildShape = null;
        if (config instanceof Map<?, ?> m) { // Keras 2.2+: {"name": ..., "layers": [...]}; before: the list itself
            if (m.get("name") instanceof String n) {
                name = n;
            }
            layers = m.get("layers");
            buildShape = shape(m.get("build_input_shape"));
        }
        if (!(layers instanceof List<?> list)) {
            throw new InvalidConfigException("The Sequential config has no list of layers (\"layers\": [...]), found "
                    + ConfigValues.describe(layers));
        }
        Sequential model = new Sequential(name);
        for (int i = 0; i < list.size(); i++) {
            model.add(layer(list.get(i), i, custom));
        }
        if (!model.layers().isEmpty() && !model.hasInputShape() && buildShape != null) {
            model.build(buildShape);
        }
        return model;
    }

    private static Layer<?> layer(Object entry, int index, Map<String, Layers.Factory> custom) {
        if (!(entry instanceof Map<?, ?> e) || !(e.get("class_name") instanceof String cls)
                || !(e.get("config") instanceof Map<?, ?> cfg)) {
            throw new InvalidConfigException("Layer entry " + index + " of the model config must be {\"class_name\": ..., "
                    + "\"config\": {...}}, found " + ConfigValues.describe(entry));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) cfg;
        return Layers.fromConfig(cls, c, custom);
    }

    private static long[] shape(Object v) {
        if (!(v instanceof List<?> l) || l.size() < 2) {
            return null;
        }
        long[] out = new long[l.size() - 1];
        for (int i = 1; i < l.size(); i++) {
            out[i - 1] = l.get(i) instanceof Number n ? n.longValue() : io.kerasish.layers.Shape.NONE;
        }
        return out;
    }

    // ---------------------------------------------------------------- Functional chains

    /** A Functional (tf.keras, Keras 3) or Model (Keras 1) config whose graph is one chain, as a Sequential. */
    private static Sequential chain(Object config, String className, Map<String, Layers.Factory> custom) {
        if (!(config instanceof Map<?, ?> m) || !(m.get("layers") instanceof List<?> layers)) {
            throw new InvalidConfigException("The " + className + " config has no list of layers");
        }
        List<Object> ordered = new ArrayList<>();
        String previous = null;
        for (Object entry : layers) {
            if (!(entry instanceof Map<?, ?> e) || !(e.get("class_name") instanceof String cls)) {
                throw new InvalidConfigException("Each layer of a " + className + " config needs a class_name, found "
                        + ConfigValues.describe(entry));
            }
            String name = e.get("name") instanceof String n ? n
                    : e.get("config") instanceof Map<?, ?> c && c.get("name") instanceof String n2 ? n2 : "?";
            List<String> inputs = inboundLayers(e.get("inbound_nodes"), name);
            boolean first = previous == null;
            if (first ? !inputs.isEmpty() || !cls.equals("InputLayer") : !inputs.equals(List.of(previous))) {
                throw notSequential(className, name, cls, inputs, previous);
            }
            ordered.add(entry);
            previous = name;
        }
        String output = outputLayer(m.get("output_layers"));
        if (output != null && !output.equals(previous)) {
            throw new InvalidConfigException("The " + className + " model's output is layer '" + output + "', not the end "
                    + "of its chain ('" + previous + "'): kerasish loads only models whose layers form a single chain");
        }
        String name = m.get("name") instanceof String n ? n : "sequential";
        Sequential model = new Sequential(name);
        for (int i = 0; i < ordered.size(); i++) {
            model.add(layer(ordered.get(i), i, custom));
        }
        return model;
    }

    private static InvalidConfigException notSequential(String className, String layer, String cls, List<String> inputs,
            String previous) {
        String why = inputs.size() > 1 ? "takes " + inputs.size() + " inputs " + inputs
                : previous == null ? "comes first but is not an InputLayer"
                : "takes its input from " + inputs + " instead of the layer before it ('" + previous + "')";
        return new InvalidConfigException("The " + className + " model is not sequential: layer '" + layer + "' (" + cls
                + ") " + why + ". kerasish loads Functional models only when their layers form a single chain "
                + "(input -> layer -> ... -> output); branching graphs are not supported.");
    }

    /** Names of the layers feeding one layer, from tf.keras/Keras 1 ({@code [[["dense", 0, 0, {}]]]}) or Keras 3 nodes. */
    private static List<String> inboundLayers(Object nodes, String layer) {
        List<String> out = new ArrayList<>();
        if (nodes == null) {
            return out;
        }
        if (!(nodes instanceof List<?> list)) {
            throw new InvalidConfigException("Layer '" + layer + "': inbound_nodes must be a list");
        }
        if (list.size() > 1) {
            throw new InvalidConfigException("Layer '" + layer + "' is called " + list.size() + " times (a shared layer): "
                    + "the model is not sequential, and kerasish loads only single chains of layers");
        }
        for (Object node : list) {
            collectHistory(node, out, 0);
        }
        return out;
    }

    private static void collectHistory(Object v, List<String> out, int depth) {
        if (depth > 16) {
            return;
        }
        if (v instanceof Map<?, ?> m) {
            if (m.get("keras_history") instanceof List<?> h && !h.isEmpty() && h.get(0) instanceof String s) {
                out.add(s); // Keras 3
                return;
            }
            for (Object x : m.values()) {
                collectHistory(x, out, depth + 1);
            }
        } else if (v instanceof List<?> l) {
            if (!l.isEmpty() && l.get(0) instanceof String s && l.size() >= 3 && l.get(1) instanceof Number) {
                out.add(s); // tf.keras / Keras 1: [layer_name, node_index, tensor_index, kwargs]
                return;
            }
            for (Object x : l) {
                collectHistory(x, out, depth + 1);
            }
        }
    }

    private static String outputLayer(Object outputs) {
        List<String> names = new ArrayList<>();
        collectHistory(outputs, names, 0);
        if (names.size() > 1) {
            throw new InvalidConfigException("The model has " + names.size() + " outputs " + names
                    + ": kerasish loads only single-output sequential models");
        }
        return names.isEmpty() ? null : names.get(0);
    }

    /**
     * The root string attributes of a Keras HDF5 file: Keras's ({@code model_config}, {@code keras_version}, ...)
     * and those that {@link Model#save(Path, Map)} added.
     *
     * @throws io.kerasish.InvalidFileException when the file is not HDF5 or is damaged
     */
    public static Map<String, String> fileAttributes(Path file) {
        io.kerasish.io.hdf5.H5Group root = io.kerasish.io.hdf5.Hdf5.read(file);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : root.attrs().keySet()) {
            String value = root.stringAttr(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }
}

package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import io.kerasish.KerasishException;
import io.kerasish.UnknownNameException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Layers by Keras {@code class_name}: what {@code Models.modelFromJson} uses to turn each entry of a config
 * document into a layer. Keras 1's names ({@code Convolution2D}) map to the same classes. The table is fixed;
 * a custom layer is passed where a model is loaded, as Keras's {@code custom_objects}:
 *
 * <pre>{@code
 * Model m = Models.modelFromJson(json, Map.of("MyLayer", MyLayer::fromConfig));
 * }</pre>
 *
 * Adding a built-in layer is one line here plus the layer's own {@code fromConfig} and {@code addConfig}.
 */
public final class Layers {
    /** Makes a layer from its Keras config. */
    @FunctionalInterface
    public interface Factory {
        Layer<?> fromConfig(LayerConfig config);
    }

    private static final Map<String, Factory> BUILT_IN = Map.ofEntries(
            Map.entry("InputLayer", InputLayer::fromConfig),
            Map.entry("Dense", Dense::fromConfig),
            Map.entry("Activation", Activation::fromConfig),
            Map.entry("Dropout", Dropout::fromConfig),
            Map.entry("Flatten", Flatten::fromConfig),
            Map.entry("Reshape", Reshape::fromConfig),
            Map.entry("Conv2D", Conv2D::fromConfig),
            Map.entry("Convolution2D", Conv2D::fromConfig),
            Map.entry("MaxPooling2D", MaxPooling2D::fromConfig),
            Map.entry("MaxPool2D", MaxPooling2D::fromConfig),
            Map.entry("AveragePooling2D", AveragePooling2D::fromConfig),
            Map.entry("AvgPool2D", AveragePooling2D::fromConfig),
            Map.entry("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig),
            Map.entry("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig),
            Map.entry("BatchNormalization", BatchNormalization::fromConfig),
            Map.entry("Embedding", Embedding::fromConfig),
            Map.entry("SimpleRNN", SimpleRNN::fromConfig),
            Map.entry("LSTM", LSTM::fromConfig));

    private Layers() {
    }

    /** Every built-in class name. */
    public static Set<String> names() {
        return new TreeSet<>(BUILT_IN.keySet());
    }

    /**
     * A layer from its Keras class name and config, with its name, trainable flag and input shape.
     *
     * @param custom class names of user layers and their factories (may be empty)
     * @throws UnknownNameException listing the supported names and how to pass a custom layer
     * @throws InvalidConfigException naming the layer and the field
     */
    public static Layer<?> fromConfig(String className, Map<String, Object> config, Map<String, Factory> custom) {
        Factory f = custom.containsKey(className) ? custom.get(className) : BUILT_IN.get(className);
        LayerConfig c = new LayerConfig(className, config);
        if (f == null) {
            Set<String> valid = new TreeSet<>(BUILT_IN.keySet());
            valid.addAll(custom.keySet());
            throw new UnknownNameException("layer class_name", className, valid,
                    (c.layerName() == null ? "" : "(It names layer '" + c.layerName() + "'.) ") + "For a layer of your own, write a Layer subclass with a static fromConfig(LayerConfig) and pass it: "
                            + "Models.modelFromJson(json, Map.of(\"" + className + "\", MyLayer::fromConfig)).");
        }
        try {
            Layer<?> layer = f.fromConfig(c);
            if (layer instanceof InputLayer) {
                if (c.layerName() != null) {
                    layer.name(c.layerName());
                }
            } else {
                layer.readBaseConfig(c);
                channelsLastInput(layer, c);
            }
            return layer;
        } catch (KerasishException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Layer ")) {
                throw e;
            }
            String name = c.layerName() == null ? "" : "'" + c.layerName() + "' ";
            throw new InvalidConfigException("Layer " + name + "(" + className + "): " + e.getMessage());
        }
    }

    /** Keras 1's "th" ordering declared images as (channels, height, width); kerasish models are channels-last. */
    private static void channelsLastInput(Layer<?> layer, LayerConfig c) {
        Shape s = layer.declaredInputShape();
        if ("th".equals(c.get("dim_ordering")) && s != null && s.rank() == 3) {
            layer.inputShape(s.dim(1), s.dim(2), s.dim(0));
        }
    }

    /** The {@code {"class_name": ..., "config": {...}}} entry Keras writes for a layer. */
    public static Map<String, Object> toConfig(Layer<?> layer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", layer.className());
        out.put("config", layer.getConfig());
        return out;
    }
}

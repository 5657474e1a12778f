package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.internal.Translation;
import io.kerasish.internal.Weight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras layer. Each subclass is one Keras layer class with Keras's name, arguments and defaults; it knows its
 * output shape, its weights in Keras's layout, and how it becomes DL4J configuration ({@link #toDl4j}).
 *
 * <p>Setters are fluent and return the concrete type, so {@code new Dense(5).inputDim(2).activation("relu")}
 * reads as Keras's {@code Dense(5, input_dim=2, activation="relu")}.
 *
 * @param <L> the concrete layer type, returned by the fluent setters
 */
public abstract class Layer<L extends Layer<L>> {
    private String name;
    private boolean trainable = true;
    private Shape inputShape;
    private Shape builtInput;
    private org.deeplearning4j.nn.api.Layer dl4j;

    @SuppressWarnings("unchecked")
    protected final L self() {
        return (L) this;
    }

    /** Keras's class name, e.g. {@code "Dense"}. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** Sets the layer's name; by default a model names it like Keras ({@code dense}, {@code dense_1}, ...). */
    public L name(String name) {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new InvalidConfigException("Layer name must be non-blank and contain no '/', got '" + name + "'");
        }
        this.name = name;
        return self();
    }

    public String name() {
        return name;
    }

    /** Keras's {@code trainable}: a frozen layer keeps its weights through {@code fit}. Recompile after changing it. */
    public L trainable(boolean trainable) {
        this.trainable = trainable;
        return self();
    }

    public boolean isTrainable() {
        return trainable;
    }

    /** Keras's {@code input_shape}: the shape of one example, without the batch dimension. */
    public L inputShape(long... dims) {
        this.inputShape = Shape.of(dims);
        return self();
    }

    /** Keras's {@code input_dim}: shorthand for {@code inputShape(dim)}. */
    public L inputDim(long dim) {
        return inputShape(dim);
    }

    /** The input shape given with {@link #inputShape}, or null. */
    public Shape declaredInputShape() {
        return inputShape;
    }

    /**
     * The output shape for an input shape (both without batch dimension), checking that the input fits.
     *
     * @throws ShapeMismatchException naming this layer when it does not
     */
    public abstract Shape outputShape(Shape input);

    /**
     * Keras's {@code supports_masking}: whether this layer accepts the mask of padded steps that
     * {@code Embedding(mask_zero=True)} makes (Keras refuses a masked input otherwise, and so does the model).
     */
    public boolean supportsMasking() {
        return false;
    }

    /** Keras's {@code compute_mask}: whether the mask goes on to the next layer (by default, when supported). */
    public boolean passesMask() {
        return supportsMasking();
    }

    /** The layer's weights in Keras's order, with Keras's shapes, for an input shape. */
    protected List<Weight> weights(Shape input) {
        return List.of();
    }

    /** Writes this layer's DL4J equivalent into the translation. */
    protected abstract void toDl4j(Translation t, Shape input);

    /** The activation applied last by this layer (Keras name), used to check the loss against it. */
    public String outputActivation() {
        return "linear";
    }

    /** Number of weights, trainable or not, once the layer knows its input shape. */
    public long countParams() {
        requireBuilt("countParams()");
        return weights(builtInput).stream().mapToLong(Weight::count).sum();
    }

    /** The input shape the model built this layer with, or null before the model is built. */
    public Shape builtInputShape() {
        return builtInput;
    }

    public Shape builtOutputShape() {
        requireBuilt("builtOutputShape()");
        return outputShape(builtInput);
    }

    /** Keras's {@code get_weights()}: copies of the weights, in Keras's order and layouts. */
    public List<INDArray> getWeights() {
        requireBuilt("getWeights()");
        List<INDArray> out = new ArrayList<>();
        for (Weight w : weights(builtInput)) {
            out.add(w.conversion().toKeras(dl4j.getParam(w.dl4jKey()), w.shape()));
        }
        return out;
    }

    /** Keras's {@code set_weights()}: arrays in Keras's order and layouts; shapes are checked first. */
    public void setWeights(List<INDArray> values) {
        checkWeights(values);
        List<Weight> ws = weights(builtInput);
        for (int i = 0; i < ws.size(); i++) {
            Weight w = ws.get(i);
            INDArray target = dl4j.getParam(w.dl4jKey());
            target.assign(w.conversion().toDl4j(values.get(i).castTo(target.dataType()), target.shape()));
        }
    }

    /**
     * Checks arrays for {@link #setWeights} without assigning anything.
     *
     * @throws ShapeMismatchException naming this layer, the weight and both shapes
     */
    public void checkWeights(List<INDArray> values) {
        requireBuilt("setWeights()");
        List<Weight> ws = weights(builtInput);
        if (values.size() != ws.size()) {
            throw new ShapeMismatchException("Layer '" + name + "' (" + className() + ") has " + ws.size()
                    + " weights " + ws.stream().map(Weight::name).toList() + " but " + values.size() + " arrays were given");
        }
        for (int i = 0; i < ws.size(); i++) {
            Weight w = ws.get(i);
            if (!java.util.Arrays.equals(values.get(i).shape(), w.shape())) {
                throw new ShapeMismatchException("Layer '" + name + "' (" + className() + "), weight '" + w.name()
                        + "': expected shape " + Shape.format(w.shape()) + ", found " + Shape.format(values.get(i).shape()));
            }
        }
    }

    /** Keras weight names and shapes ({@code kernel (2, 5)}), available once the model is built. */
    public Map<String, long[]> weightShapes() {
        requireBuilt("weightShapes()");
        Map<String, long[]> m = new java.util.LinkedHashMap<>();
        for (Weight w : weights(builtInput)) {
            m.put(w.name(), w.shape());
        }
        return m;
    }

    /** Draws this layer's initial weights as Keras does (see {@code KerasInit}); called by the model. Not for users. */
    public final void initializeWeights(java.util.Random rnd) {
        requireBuilt("initializeWeights()");
        for (Weight w : weights(builtInput)) {
            if (w.initializer() != null) {
                INDArray target = dl4j.getParam(w.dl4jKey());
                INDArray value = io.kerasish.internal.KerasInit.sample(w.initializer(), w.shape(), rnd);
                INDArray converted = w.conversion().toDl4j(value, target.shape());
                target.assign(converted);
                // freed now, not at the next garbage collection: VGG-16's 411 MB kernel twice over otherwise
                for (INDArray temporary : new INDArray[] {converted, value}) {
                    if (temporary.closeable()) {
                        temporary.close();
                    }
                }
            }
        }
    }

    /** True when the layer has weights in a network built for this input shape. */
    public final boolean isBuiltFor(Shape input) {
        return builtInput != null && builtInput.equals(input) && (dl4j != null || weights(input).isEmpty());
    }

    /** Called by the model when it (re)builds its DL4J network. Not for users. */
    public final void bind(Shape input, org.deeplearning4j.nn.api.Layer dl4jLayer) {
        this.builtInput = input;
        this.dl4j = dl4jLayer;
    }

    /** The DL4J layer holding this layer's parameters, or null; for the model and file code, not for users. */
    public final org.deeplearning4j.nn.api.Layer dl4jLayer() {
        return dl4j;
    }

    /**
     * Where a weight lives in tf.keras 2 files: {@code dense/kernel:0}. Recurrent layers keep their weights in a
     * cell and say {@code lstm/lstm_cell/kernel:0}.
     */
    public String weightPath(String weightName) {
        return name + "/" + weightName + ":0";
    }

    /** Translates this layer; called by the model. Not for users. */
    public final void translate(Translation t, Shape input) {
        toDl4j(t, input);
    }

    /** Keras weights of this layer for an input shape; called by the model. Not for users. */
    public final List<Weight> weightsFor(Shape input) {
        return weights(input);
    }

    private void requireBuilt(String what) {
        if (builtInput == null) {
            throw new io.kerasish.NotCompiledException("Layer '" + name + "' (" + className() + ") is not built yet: "
                    + what + " needs its input shape. Add it to a model whose first layer has inputShape(...) and call "
                    + "model.build() or model.compile(...) first.");
        }
    }

    /** For subclasses: throws a {@link ShapeMismatchException} naming this layer unless the rank fits. */
    protected void requireRank(Shape input, int... ranks) {
        for (int r : ranks) {
            if (input.rank() == r) {
                return;
            }
        }
        StringBuilder expected = new StringBuilder();
        for (int r : ranks) {
            expected.append(expected.length() == 0 ? "" : " or ").append(r + 1);
        }
        throw new ShapeMismatchException("Layer '" + name + "' (" + className() + ") expects input of rank "
                + expected + " (batch included) but got shape " + input + ". " + rankHint());
    }

    /** What to do when the input rank does not fit; subclasses may say more. */
    protected String rankHint() {
        return "Add a Flatten or Reshape layer before it, or fix inputShape(...).";
    }

    /** For subclasses: throws a {@link ShapeMismatchException} naming this layer. */
    protected ShapeMismatchException shapeError(String message) {
        return new ShapeMismatchException("Layer '" + name + "' (" + className() + "): " + message);
    }

    // ---------------------------------------------------------------- Keras config

    /**
     * Keras's {@code get_config()}: {@code name}, {@code trainable}, {@code batch_input_shape} (when the layer
     * declares an input shape), {@code dtype}, then the layer's own arguments with Keras's keys and values.
     * {@link Layers#fromConfig} turns it back into an equal layer.
     */
    public final Map<String, Object> getConfig() {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", trainable);
        if (inputShape != null) {
            c.put("batch_input_shape", batchShape(inputShape));
        }
        c.put("dtype", "float32");
        addConfig(c);
        return c;
    }

    /** Adds this layer's own arguments to its config, after the keys every layer has. */
    protected void addConfig(Map<String, Object> config) {
    }

    /** Keras's {@code batch_input_shape}: {@code [null, d1, d2, ...]}, unknown dimensions as null. */
    static List<Object> batchShape(Shape s) {
        List<Object> out = new ArrayList<>();
        out.add(null);
        for (long d : s.dims()) {
            out.add(d == Shape.NONE ? null : d);
        }
        return out;
    }

    /** Reads the keys every layer has (name, trainable, input shape); called by {@link Layers#fromConfig}. */
    final void readBaseConfig(LayerConfig c) {
        if (c.layerName() != null) {
            name(c.layerName());
        }
        trainable(c.optBool(true, "trainable"));
        long[] batch = c.optShape("batch_input_shape", "batch_shape");
        if (batch != null) {
            if (batch.length < 2) {
                throw c.error("batch_input_shape", "expected [null, dims...], found " + java.util.Arrays.toString(batch));
            }
            inputShape(java.util.Arrays.copyOfRange(batch, 1, batch.length));
        } else if (c.get("input_shape") != null) {
            inputShape(c.optShape("input_shape"));
        } else if (c.get("input_dim") != null && !(this instanceof Embedding)) { // Keras 1's Dense(input_dim=...)
            inputDim(c.getInt("input_dim"));
        }
    }

    @Override
    public String toString() {
        return name + " (" + className() + ")";
    }
}

package io.kerasish.models;

import io.kerasish.InvalidConfigException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.internal.NativeSetup;
import io.kerasish.internal.SampleWeightedLoss;
import io.kerasish.internal.Translation;
import io.kerasish.internal.Weight;
import io.kerasish.layers.InputLayer;
import io.kerasish.layers.Layer;
import io.kerasish.layers.Shape;
import io.kerasish.losses.MeanSquaredError;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Keras's {@code Sequential}: a stack of layers, each feeding the next. The first layer declares the input
 * shape ({@code new Dense(5).inputDim(2)}, {@code new Conv2D(6, 5).inputShape(28, 28, 1)} or an
 * {@link InputLayer}). Layers get Keras-style names ({@code dense}, {@code dense_1}, ...) unless named.
 *
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(new Dense(5).inputDim(2).activation("sigmoid"));
 * model.add(new Dense(2).activation("softmax"));
 * model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
 * History h = model.fit(x, y, epochs(1000), verbose(0));
 * }</pre>
 */
public class Sequential extends Model {
    private final String name;
    private final List<Layer<?>> layers = new ArrayList<>();
    private Shape inputShape;
    private String inputLayerName;
    private Long seed;
    private MultiLayerNetwork network;
    private boolean stale;

    public Sequential() {
        this("sequential");
    }

    public Sequential(String name) {
        this.name = name;
    }

    /** A model with these layers, as Keras's {@code Sequential([...])}. */
    public Sequential(List<? extends Layer<?>> layers) {
        this();
        layers.forEach(this::add);
    }

    @Override
    public String name() {
        return name;
    }

    /** True when the input shape is known (declared by the first layer, an InputLayer or build(shape)). */
    public boolean hasInputShape() {
        return inputShape != null;
    }

    /**
     * Keras's Sequential config: {@code {"name": ..., "layers": [...]}}, an {@code InputLayer} entry first when
     * the input shape is known, as tf.keras writes it.
     */
    @Override
    public Map<String, Object> getConfig() {
        List<Object> entries = new ArrayList<>();
        if (inputShape != null) {
            Map<String, Object> in = new java.util.LinkedHashMap<>();
            List<Object> batch = new ArrayList<>();
            batch.add(null);
            for (long d : inputShape.dims()) {
                batch.add(d == Shape.NONE ? null : d);
            }
            in.put("batch_input_shape", batch);
            in.put("dtype", "float32");
            in.put("sparse", false);
            in.put("ragged", false);
            in.put("name", inputLayerName != null ? inputLayerName
                    : layers.isEmpty() ? "input_1" : layers.get(0).name() + "_input");
            entries.add(Map.of("class_name", "InputLayer", "config", in));
        }
        layers.forEach(l -> entries.add(io.kerasish.layers.Layers.toConfig(l)));
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", name);
        c.put("layers", entries);
        return c;
    }

    /** Seeds weight initialization, shuffling and dropout so that runs repeat exactly. Call before compile. */
    public Sequential seed(long seed) {
        this.seed = seed;
        invalidate();
        return this;
    }

    @Override
    protected Long seedOrNull() {
        return seed;
    }

    // ---------------------------------------------------------------- layers

    /**
     * Adds a layer on top. When the input shape is known the new layer's shape is checked at once.
     *
     * @throws ShapeMismatchException naming the layer when it cannot take the previous layer's output
     */
    public Sequential add(Layer<?> layer) {
        if (layer instanceof InputLayer in) {
            if (!layers.isEmpty()) {
                throw new InvalidConfigException("An InputLayer must be the first layer of a Sequential model");
            }
            inputShape = in.declaredInputShape();
            inputLayerName = in.name();
            return this;
        }
        if (layers.contains(layer)) {
            throw new InvalidConfigException("Layer " + layer + " is already in this model");
        }
        if (layer.name() == null) {
            layer.name(uniqueName(io.kerasish.internal.Names.snakeCase(layer.className())));
        } else if (layers.stream().anyMatch(l -> l.name().equals(layer.name()))) {
            throw new InvalidConfigException("Two layers are named '" + layer.name() + "'; layer names must be unique in a model");
        }
        if (layers.isEmpty() && inputShape == null) {
            inputShape = layer.declaredInputShape();
        }
        layers.add(layer);
        if (inputShape != null) {
            try {
                outputShape();
            } catch (RuntimeException e) {
                layers.remove(layers.size() - 1);
                throw e;
            }
        }
        invalidate();
        return this;
    }

    /** Removes the last layer, as Keras's {@code pop()}. Recompile afterwards. */
    public Layer<?> pop() {
        if (layers.isEmpty()) {
            throw new InvalidConfigException("There are no layers to pop");
        }
        Layer<?> removed = layers.remove(layers.size() - 1);
        if (layers.isEmpty()) {
            inputShape = null;
        }
        invalidate();
        return removed;
    }

    /** The layers, in order (an InputLayer is not listed, as in Keras). */
    @Override
    public List<Layer<?>> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The layer with this name. */
    public Layer<?> getLayer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst()
                .orElseThrow(() -> new InvalidConfigException("No layer named '" + layerName + "'; layers are "
                        + layers.stream().map(Layer::name).toList()));
    }

    /**
     * Freezes the layers from the first through {@code upTo} (by name, inclusive), as Keras users write
     * {@code for layer in model.layers[:k]: layer.trainable = False}: their weights stay exactly as they are through
     * {@code fit}, and {@code summary()} counts them as non-trainable. Layers above {@code upTo} are left as they are.
     * Takes effect at the next compile (as in Keras) or at the latest at the next fit/predict; compile again to pick
     * the optimizer and learning rate of the new stage.
     */
    public Sequential freeze(String upTo) {
        int end = layers.indexOf(getLayer(upTo));
        for (int i = 0; i <= end; i++) {
            layers.get(i).trainable(false);
        }
        invalidate();
        return this;
    }

    /** Freezes every layer ({@code model.trainable = False} in Keras). */
    public Sequential freeze() {
        return layers.isEmpty() ? this : freeze(layers.get(layers.size() - 1).name());
    }

    /**
     * Makes the layers from {@code from} (by name, inclusive) to the top trainable again, for fine-tuning: e.g.
     * {@code unfreeze("block5_conv1")} then compile with a low learning rate. Layers below stay as they are.
     */
    public Sequential unfreeze(String from) {
        for (int i = layers.indexOf(getLayer(from)); i < layers.size(); i++) {
            layers.get(i).trainable(true);
        }
        invalidate();
        return this;
    }

    /** Makes every layer trainable ({@code model.trainable = True} in Keras). */
    public Sequential unfreeze() {
        return layers.isEmpty() ? this : unfreeze(layers.get(0).name());
    }

    private String uniqueName(String base) {
        String candidate = base;
        int i = 0;
        while (true) {
            String c = candidate;
            if (layers.stream().noneMatch(l -> c.equals(l.name()))) {
                return candidate;
            }
            candidate = base + "_" + (++i);
        }
    }


    // ---------------------------------------------------------------- shapes

    @Override
    public Shape inputShape() {
        if (layers.isEmpty()) {
            throw new InvalidConfigException("The model has no layers yet: add some with model.add(...)");
        }
        if (inputShape == null) {
            throw new ShapeMismatchException("The model does not know its input shape: give the first layer "
                    + layers.get(0) + " an input shape, e.g. inputShape(...) or inputDim(...), or add an InputLayer first.");
        }
        return inputShape;
    }

    /** The shapes after each layer, checking each layer against its input. */
    private List<Shape> shapes() {
        List<Shape> out = new ArrayList<>();
        Shape s = inputShape();
        for (Layer<?> l : layers) {
            s = l.outputShape(s);
            out.add(s);
        }
        return out;
    }

    @Override
    public Shape outputShape() {
        List<Shape> s = shapes();
        return s.get(s.size() - 1);
    }

    @Override
    protected String outputActivation() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            String a = layers.get(i).outputActivation();
            if (a != null) {
                return a;
            }
        }
        return "linear";
    }

    @Override
    protected String describeFirstLayer() {
        return "'" + layers.get(0).name() + "' (" + layers.get(0).className() + ")";
    }

    @Override
    protected String describeLastLayer() {
        Layer<?> l = layers.get(layers.size() - 1);
        return "'" + l.name() + "' (" + l.className() + ")";
    }

    // ---------------------------------------------------------------- building

    /** Builds the network so that weights exist, as Keras's {@code build()}; compile does this too. */
    public Sequential build() {
        dl4j();
        return this;
    }

    /** Builds with an input shape, for models whose first layer did not declare one. */
    public Sequential build(long... inputShape) {
        if (this.inputShape != null && !this.inputShape.equals(Shape.of(inputShape))) {
            throw new ShapeMismatchException("The model was declared with input shape " + this.inputShape
                    + " but build() was given " + Shape.of(inputShape));
        }
        this.inputShape = Shape.of(inputShape);
        return build();
    }

    /** The layer list or seed changed: the network is rebuilt when next needed, keeping built layers' weights. */
    private void invalidate() {
        stale = true;
    }

    @Override
    public MultiLayerNetwork dl4j() {
        if (network == null || stale) {
            network = createNetwork(network);
            stale = false;
        }
        return network;
    }

    @Override
    protected void rebuild() {
        network = createNetwork(network);
        stale = false;
    }

    private MultiLayerNetwork createNetwork(MultiLayerNetwork previous) {
        NativeSetup.ensure();
        List<Shape> shapes = shapes();
        io.kerasish.losses.Loss loss = loss() != null ? loss() : new MeanSquaredError();
        Shape out = shapes.get(shapes.size() - 1);
        Translation t = new Translation(new SampleWeightedLoss(loss.toDl4j(out.dim(-1))));
        t.setMasked(masksZeros());
        int[] dl4jIndex = new int[layers.size()];
        Shape in = inputShape();
        for (int i = 0; i < layers.size(); i++) {
            Layer<?> l = layers.get(i);
            t.begin(i == layers.size() - 1, l.isTrainable());
            int before = t.layers().size();
            l.translate(t, in);
            dl4jIndex[i] = t.layers().size() > before ? t.layers().size() - 1 : -1;
            in = shapes.get(i);
        }
        if (!t.outputAdded()) {
            t.begin(true, true);
            if (out.rank() == 3) {
                t.add(new CnnLossLayer.Builder(t.loss()).format(CNN2DFormat.NHWC).activation(new ActivationIdentity()).build());
            } else {
                t.add(out.rank() == 2
                        ? new RnnLossLayer.Builder(t.loss()).dataFormat(RNNFormat.NWC).activation(new ActivationIdentity()).build()
                        : new LossLayer.Builder(t.loss()).activation(new ActivationIdentity()).build());
            }
        }
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder()
                .seed(seed != null ? seed : System.nanoTime())
                .dataType(DataType.FLOAT)
                .updater(optimizer() != null ? optimizer().toDl4j() : new Sgd(0.01))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        for (int i = 0; i < t.layers().size(); i++) {
            lb.layer(i, t.layers().get(i));
        }
        Map<Integer, org.deeplearning4j.nn.conf.InputPreProcessor> pre = new HashMap<>(t.preprocessors());
        pre.forEach(lb::inputPreProcessor);
        MultiLayerConfiguration conf = lb.validateOutputLayerConfig(false).build();
        // keep the weights of every layer already built for the same input (compile, or pop/add as in Keras)
        Map<Layer<?>, List<INDArray>> kept = new HashMap<>();
        Shape layerIn = inputShape();
        for (int i = 0; i < layers.size(); i++) {
            if (previous != null && layers.get(i).isBuiltFor(layerIn)) {
                kept.put(layers.get(i), layers.get(i).getWeights());
            }
            layerIn = shapes.get(i);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        java.util.Random rnd = new java.util.Random(seed != null ? seed : System.nanoTime());
        layerIn = inputShape();
        for (int i = 0; i < layers.size(); i++) {
            Layer<?> l = layers.get(i);
            l.bind(layerIn, dl4jIndex[i] < 0 ? null : net.getLayer(dl4jIndex[i]));
            if (kept.containsKey(l)) {
                l.setWeights(kept.get(l));
            } else {
                l.initializeWeights(rnd);
            }
            layerIn = shapes.get(i);
        }
        return net;
    }

    /**
     * True when the first layer is {@code Embedding(mask_zero=True)}: id 0 is then padding, masked as Keras masks it.
     * Checks Keras's rules on the way: every layer the mask reaches must support masking, and here the mask must
     * end in a many-to-one recurrent layer.
     */
    @Override
    protected boolean masksZeros() {
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i) instanceof io.kerasish.layers.Embedding e && e.maskZero()) {
                throw new InvalidConfigException("Layer '" + e.name() + "' (Embedding) has mask_zero=True but is not the "
                        + "model's first layer; only a first Embedding can mask padded sequences: move it first or use "
                        + "maskZero(false).");
            }
        }
        if (layers.isEmpty() || !(layers.get(0) instanceof io.kerasish.layers.Embedding first) || !first.maskZero()) {
            return false;
        }
        for (int i = 1; i < layers.size(); i++) {
            Layer<?> l = layers.get(i);
            if (!l.supportsMasking()) {
                throw new InvalidConfigException("Layer '" + l.name() + "' (" + l.className() + ") does not support "
                        + "masking, but the padded steps of '" + first.name() + "' (Embedding, mask_zero=True) reach it. "
                        + "Put a recurrent layer (LSTM or SimpleRNN with return_sequences=False) before it, or use "
                        + "maskZero(false).");
            }
            if (!l.passesMask()) {
                return true;
            }
        }
        throw new InvalidConfigException("The mask of '" + first.name() + "' (Embedding, mask_zero=True) reaches the "
                + "model's output: kerasish masks padded steps only up to a recurrent layer that returns its last step. "
                + "End the masked part with LSTM or SimpleRNN with return_sequences=False, or use maskZero(false).");
    }

    @Override
    protected void setSampleWeights(INDArray weights) {
        org.deeplearning4j.nn.conf.layers.Layer out = dl4j().getOutputLayer().conf().getLayer();
        if (out instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer o
                && o.getLossFn() instanceof SampleWeightedLoss w) {
            w.setWeights(weights);
        } else if (out instanceof org.deeplearning4j.nn.conf.layers.LossLayer o
                && o.getLossFn() instanceof SampleWeightedLoss w) {
            w.setWeights(weights);
        } else if (weights != null) {
            throw new IllegalStateException("the output layer has no sample-weight support: " + out);
        }
    }

    // ---------------------------------------------------------------- weights

    @Override
    public List<INDArray> getWeights() {
        dl4j();
        List<INDArray> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.getWeights()));
        return all;
    }

    @Override
    public void setWeights(List<INDArray> weights) {
        dl4j();
        int expected = layers.stream().mapToInt(l -> l.weightsFor(l.builtInputShape()).size()).sum();
        if (weights.size() != expected) {
            throw new ShapeMismatchException("The model has " + expected + " weight arrays but " + weights.size()
                    + " were given");
        }
        int k = 0;
        for (Layer<?> l : layers) { // check every array before changing any, as Keras does
            int n = l.weightsFor(l.builtInputShape()).size();
            l.checkWeights(weights.subList(k, k + n));
            k += n;
        }
        k = 0;
        for (Layer<?> l : layers) {
            int n = l.weightsFor(l.builtInputShape()).size();
            l.setWeights(weights.subList(k, k + n));
            k += n;
        }
    }

    /** Total number of weights, as in {@code summary()}. */
    public long countParams() {
        return paramCounts()[0] + paramCounts()[1];
    }

    /** [trainable, non-trainable]: frozen layers' weights and BatchNormalization's moving statistics are non-trainable. */
    private long[] paramCounts() {
        long trainable = 0;
        long fixed = 0;
        Shape in = inputShape();
        List<Shape> shapes = shapes();
        for (int i = 0; i < layers.size(); i++) {
            for (Weight w : layers.get(i).weightsFor(in)) {
                if (w.trainable() && layers.get(i).isTrainable()) {
                    trainable += w.count();
                } else {
                    fixed += w.count();
                }
            }
            in = shapes.get(i);
        }
        return new long[] {trainable, fixed};
    }

    // ---------------------------------------------------------------- summary

    /** Prints Keras's summary table to standard output. */
    public void summary() {
        summary(System.out);
    }

    public void summary(PrintStream out) {
        summary(out::println);
    }

    /** Keras's {@code summary(print_fn=...)}: each line of the table goes to {@code printFn}. */
    public void summary(Consumer<String> printFn) {
        int lineLength = 65;
        int[] positions = {29, 55, 65};
        printFn.accept("Model: \"" + name + "\"");
        printFn.accept("_".repeat(lineLength));
        printFn.accept(row(positions, "Layer (type)", "Output Shape", "Param #"));
        printFn.accept("=".repeat(lineLength));
        List<Shape> shapes = shapes();
        Shape in = inputShape();
        for (int i = 0; i < layers.size(); i++) {
            Layer<?> l = layers.get(i);
            long params = l.weightsFor(in).stream().mapToLong(Weight::count).sum();
            printFn.accept(row(positions, l.name() + " (" + l.className() + ")", shapes.get(i).toString(),
                    Long.toString(params)));
            printFn.accept(i == layers.size() - 1 ? "=".repeat(lineLength) : "_".repeat(lineLength));
            in = shapes.get(i);
        }
        long[] counts = paramCounts();
        printFn.accept(String.format(Locale.ROOT, "Total params: %,d", counts[0] + counts[1]));
        printFn.accept(String.format(Locale.ROOT, "Trainable params: %,d", counts[0]));
        printFn.accept(String.format(Locale.ROOT, "Non-trainable params: %,d", counts[1]));
        printFn.accept("_".repeat(lineLength));
    }

    /** The summary as one string, lines separated by '\n'. */
    public String summaryString() {
        StringBuilder b = new StringBuilder();
        summary(line -> b.append(line).append('\n'));
        return b.toString();
    }

    private static String row(int[] positions, String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.setCharAt(line.length() - 1, ' '); // Keras: line = line[:-1] + ' '
            }
            line.append(fields[i]);
            if (line.length() > positions[i]) {
                line.setLength(positions[i]);
            }
            line.append(" ".repeat(positions[i] - line.length()));
        }
        return line.toString();
    }
}

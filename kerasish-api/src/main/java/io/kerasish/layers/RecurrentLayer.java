package io.kerasish.layers;

import io.kerasish.initializers.Initializer;
import io.kerasish.initializers.Initializers;
import io.kerasish.internal.Translation;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;

/**
 * What SimpleRNN and LSTM share: {@code units}, {@code return_sequences} (default false: only the last step's
 * output, {@code (units)}; true: every step's, {@code (timesteps, units)}), {@code recurrent_initializer}
 * (default {@code orthogonal}). Input is {@code (timesteps, features)}, Keras's layout.
 *
 * @param <L> the concrete layer type
 */
public abstract class RecurrentLayer<L extends RecurrentLayer<L>> extends KernelLayer<L> {
    private final int units;
    private boolean returnSequences;
    private Initializer recurrentInitializer = Initializers.get("orthogonal");
    private double dropout;
    private double recurrentDropout;

    protected RecurrentLayer(int units) {
        super("tanh");
        if (units < 1) {
            throw new io.kerasish.InvalidConfigException(getClass().getSimpleName() + ": units must be >= 1, got " + units);
        }
        this.units = units;
    }

    public int units() {
        return units;
    }

    public L returnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
        return self();
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public L recurrentInitializer(String name) {
        return recurrentInitializer(Initializers.get(name));
    }

    public L recurrentInitializer(Initializer init) {
        this.recurrentInitializer = init;
        return self();
    }

    public Initializer recurrentInitializer() {
        return recurrentInitializer;
    }

    /** Keras's masking: padded steps do not update the state; many-to-one ends the mask, return_sequences passes it. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public boolean passesMask() {
        return returnSequences;
    }

    @Override
    public Shape outputShape(Shape input) {
        requireRank(input, 2);
        if (input.dim(1) == Shape.NONE) {
            throw shapeError("the number of features per time step must be known, got " + input);
        }
        return returnSequences ? Shape.of(input.dim(0), units) : Shape.of(units);
    }

    @Override
    protected String rankHint() {
        return "Recurrent layers take sequences (batch, timesteps, features); for one feature per step use "
                + "inputShape(timesteps, 1).";
    }

    /** The DL4J recurrent layer builder for this layer type, before the shared settings are applied. */
    protected abstract BaseRecurrentLayer.Builder<?> dl4jBuilder();

    @Override
    protected void toDl4j(Translation t, Shape input) {
        BaseRecurrentLayer.Builder<?> b = dl4jBuilder();
        b.nIn(input.dim(1)).nOut(units).dataFormat(RNNFormat.NWC);
        configure(b);
        org.deeplearning4j.nn.conf.layers.Layer layer = runsOn(b.name(name()).build());
        t.add(returnSequences ? layer : t.lastStep(layer));
    }

    /** The DL4J layer that runs this one: {@code built} itself, or kerasish's faster version of it. */
    protected org.deeplearning4j.nn.conf.layers.Layer runsOn(org.deeplearning4j.nn.conf.layers.Layer built) {
        return built;
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("return_sequences", returnSequences);
        c.put("return_state", false);
        c.put("go_backwards", false);
        c.put("stateful", false);
        c.put("unroll", false);
        c.put("time_major", false);
        c.put("units", units);
        java.util.Map<String, Object> kernel = new java.util.LinkedHashMap<>();
        addKernelConfig(kernel);
        c.put("activation", kernel.get("activation"));
        addGateConfig(c);
        c.put("use_bias", kernel.get("use_bias"));
        c.put("kernel_initializer", kernel.get("kernel_initializer"));
        c.put("recurrent_initializer", Initializers.toConfig(recurrentInitializer));
        c.put("bias_initializer", kernel.get("bias_initializer"));
        addBiasConfig(c);
        c.put("kernel_regularizer", kernel.get("kernel_regularizer"));
        c.put("recurrent_regularizer", null);
        c.put("bias_regularizer", kernel.get("bias_regularizer"));
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", null);
        c.put("recurrent_constraint", null);
        c.put("bias_constraint", null);
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
    }

    @Override
    public String weightPath(String weightName) {
        return name() + "/" + io.kerasish.internal.Names.snakeCase(className()) + "_cell/" + weightName + ":0";
    }

    /** LSTM's recurrent_activation goes here, after activation. */
    protected void addGateConfig(java.util.Map<String, Object> c) {
    }

    /** LSTM's unit_forget_bias goes here, after bias_initializer. */
    protected void addBiasConfig(java.util.Map<String, Object> c) {
    }

    /**
     * Reads the shared recurrent keys (Keras 1: {@code output_dim}, {@code inner_init}, {@code U_regularizer},
     * {@code dropout_W}, {@code dropout_U}). Settings that change what the layer computes and kerasish cannot do
     * ({@code go_backwards}, {@code stateful}, {@code return_state}) are refused; dropout on the inputs or the
     * recurrent state only acts in training and is kept in the config but not applied (a warning says so).
     */
    protected L readRecurrentConfig(LayerConfig c) {
        readKernelConfig(c);
        returnSequences(c.optBool(false, "return_sequences"));
        recurrentInitializer(c.optInitializer(recurrentInitializer, "recurrent_initializer", "inner_init"));
        c.unsupported(false, "only forward sequences are supported", "go_backwards");
        c.unsupported(false, "stateful recurrent layers are not supported", "stateful");
        c.unsupported(false, "returning the final states is not supported", "return_state");
        c.unsupported(false, "time-major inputs are not supported; use (batch, timesteps, features)", "time_major");
        c.ignoredInTraining("recurrent_regularizer", "U_regularizer");
        c.ignoredInTraining("recurrent_constraint", "U_constraint");
        dropout = c.optDouble(0, "dropout", "dropout_W");
        recurrentDropout = c.optDouble(0, "recurrent_dropout", "dropout_U");
        if (dropout != 0) {
            c.ignoredInTraining("dropout", "dropout_W");
        }
        if (recurrentDropout != 0) {
            c.ignoredInTraining("recurrent_dropout", "dropout_U");
        }
        return self();
    }
}

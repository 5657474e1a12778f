package io.kerasish.layers;

import io.kerasish.initializers.Initializer;
import io.kerasish.initializers.Initializers;
import io.kerasish.internal.Translation;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;

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
        org.deeplearning4j.nn.conf.layers.Layer layer = b.name(name()).build();
        t.add(returnSequences ? layer : new LastTimeStep(layer));
    }
}

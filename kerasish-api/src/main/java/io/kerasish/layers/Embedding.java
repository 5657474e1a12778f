package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import io.kerasish.initializers.Initializer;
import io.kerasish.initializers.Initializers;
import io.kerasish.internal.Dl4jInit;
import io.kerasish.internal.NativeEmbedding;
import io.kerasish.internal.Translation;
import io.kerasish.internal.Weight;
import io.kerasish.internal.WeightConversions;
import io.kerasish.regularizers.Regularizer;
import java.util.List;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;

/**
 * Keras's {@code Embedding(input_dim, output_dim)}: integer ids {@code (timesteps)} in {@code [0, input_dim)} to
 * vectors {@code (timesteps, output_dim)}. Default initializer {@code random_uniform} (-0.05..0.05) as in Keras.
 * The sequence length comes from {@link #inputLength} (or {@code inputShape}); without either it is unknown.
 *
 * <p>{@link #maskZero maskZero(true)} is Keras's {@code mask_zero=True}: id 0 is padding. Padded steps then do not
 * update the state of the recurrent layers downstream (many-to-one returns the state at the last real step), in
 * fit, evaluate and predict alike; the mask passes through Dropout, Activation and Dense per time step. As in
 * Keras, id 0 is then never a real word, so {@code input_dim} should be the vocabulary size + 1. Only the model's
 * first layer can mask, and the mask must be consumed by a recurrent layer with {@code return_sequences=false}.
 */
public class Embedding extends Layer<Embedding> {
    private final int inputDim;
    private final int outputDim;
    private long inputLength = Shape.NONE;
    private Initializer embeddingsInitializer = Initializers.get("random_uniform");
    private Regularizer embeddingsRegularizer;
    private boolean maskZero;

    public Embedding(int inputDim, int outputDim) {
        if (inputDim < 1 || outputDim < 1) {
            throw new InvalidConfigException("Embedding: input_dim (vocabulary size) and output_dim must be >= 1, got "
                    + inputDim + ", " + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    /** Keras's {@code input_length}: the fixed length of the input sequences. */
    public Embedding inputLength(long length) {
        if (length < 1) {
            throw new InvalidConfigException("Embedding: input_length must be >= 1, got " + length);
        }
        this.inputLength = length;
        return this;
    }

    public Embedding embeddingsInitializer(String name) {
        return embeddingsInitializer(Initializers.get(name));
    }

    public Embedding embeddingsInitializer(Initializer init) {
        this.embeddingsInitializer = init;
        return this;
    }

    public Embedding embeddingsRegularizer(Regularizer r) {
        this.embeddingsRegularizer = r;
        return this;
    }

    /** Keras's {@code mask_zero}: id 0 is padding, masked in the layers downstream (see the class comment). */
    public Embedding maskZero(boolean maskZero) {
        this.maskZero = maskZero;
        return this;
    }

    public boolean maskZero() {
        return maskZero;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    @Override
    public Shape declaredInputShape() {
        Shape s = super.declaredInputShape();
        return s != null ? s : Shape.of(inputLength);
    }

    @Override
    public Shape outputShape(Shape input) {
        requireRank(input, 1);
        return Shape.of(input.dim(0), outputDim);
    }

    @Override
    protected String rankHint() {
        return "Embedding takes integer ids of shape (batch, timesteps).";
    }

    @Override
    protected List<Weight> weights(Shape input) {
        return List.of(new Weight("embeddings", new long[] {inputDim, outputDim}, true, "W", WeightConversions.SAME_ORDER,
                embeddingsInitializer));
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        EmbeddingSequenceLayer.Builder b = new EmbeddingSequenceLayer.Builder()
                .nIn(inputDim).nOut(outputDim)
                .hasBias(false)
                .outputDataFormat(RNNFormat.NWC);
        if (input.dim(0) == Shape.NONE) {
            b.inferInputLength(true);
        } else {
            b.inputLength((int) input.dim(0)).inferInputLength(false);
        }
        b.regularization(Dl4jInit.regularization(embeddingsRegularizer));
        t.add(NativeEmbedding.of(b.name(name()).build())); // its backward pass in Java: see NativeEmbedding
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", Initializers.toConfig(embeddingsInitializer));
        c.put("embeddings_regularizer", embeddingsRegularizer == null ? null
                : io.kerasish.regularizers.Regularizers.toConfig(embeddingsRegularizer));
        c.put("activity_regularizer", null);
        c.put("embeddings_constraint", null);
        c.put("mask_zero", maskZero);
        c.put("input_length", inputLength == Shape.NONE ? null : inputLength);
    }

    /** Keras 2's config, or Keras 1's ({@code init}, {@code W_regularizer}). */
    public static Embedding fromConfig(LayerConfig c) {
        Embedding e = new Embedding(c.getInt("input_dim"), c.getInt("output_dim"))
                .embeddingsInitializer(c.optInitializer(Initializers.get("random_uniform"), "embeddings_initializer", "init"))
                .embeddingsRegularizer(c.optRegularizer("embeddings_regularizer", "W_regularizer"));
        Object length = c.get("input_length");
        if (length instanceof java.util.List<?> l && l.size() == 1) { // Keras 1 sometimes wrote [n]
            length = l.get(0);
        }
        if (length != null) {
            if (!(length instanceof Long n)) {
                throw c.error("input_length", "expected an integer or null, found " + length);
            }
            e.inputLength(n);
        }
        e.maskZero(c.optBool(false, "mask_zero"));
        c.ignoredInTraining("activity_regularizer");
        c.ignoredInTraining("embeddings_constraint", "W_constraint");
        c.ignoredInTraining("dropout");
        return e;
    }
}

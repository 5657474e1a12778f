package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import io.kerasish.internal.Translation;
import io.kerasish.internal.Weight;
import io.kerasish.internal.WeightConversions;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * Keras's {@code BatchNormalization()} over the last (channels) axis, with Keras's defaults: momentum 0.99,
 * epsilon 0.001. Weights: gamma and beta (trainable), moving_mean and moving_variance (not trainable), so
 * {@code summary()} shows 4*C params of which 2*C are non-trainable.
 */
public class BatchNormalization extends Layer<BatchNormalization> {
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private int axis = -1;

    public BatchNormalization momentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidConfigException("BatchNormalization: momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    public BatchNormalization epsilon(double epsilon) {
        if (!(epsilon > 0)) {
            throw new InvalidConfigException("BatchNormalization: epsilon must be > 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /**
     * Only the last axis is supported: {@code -1} (Keras's default) or its positive index counting the batch axis
     * (tf.keras writes {@code [3]} for images), checked when the input shape is known.
     */
    public BatchNormalization axis(int axis) {
        if (axis != -1 && axis < 1) {
            throw new InvalidConfigException("BatchNormalization: only the last axis (-1, channels-last) is supported, got " + axis);
        }
        this.axis = axis;
        return this;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public Shape outputShape(Shape input) {
        requireRank(input, 1, 3);
        if (axis != -1 && axis != input.rank()) {
            throw shapeError("only the last axis (-1 or " + input.rank() + ") can be normalized, got axis " + axis);
        }
        return input;
    }

    @Override
    protected List<Weight> weights(Shape input) {
        long[] c = {input.dim(-1)};
        return List.of(
                new Weight("gamma", c, true, "gamma", WeightConversions.SAME_ORDER),
                new Weight("beta", c, true, "beta", WeightConversions.SAME_ORDER),
                new Weight("moving_mean", c, false, "mean", WeightConversions.SAME_ORDER),
                new Weight("moving_variance", c, false, "var", WeightConversions.SAME_ORDER));
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        long c = input.dim(-1);
        t.add(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
                .nIn(c).nOut(c)
                .eps(epsilon)
                .decay(momentum)
                .useLogStd(false)
                // images channels-last, as Conv2D runs; DL4J reshapes feature vectors to [batch, features, 1, 1]
                .dataFormat(input.rank() == 3 ? CNN2DFormat.NHWC : CNN2DFormat.NCHW)
                .name(name())
                .build());
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        c.put("axis", axis);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", true);
        c.put("scale", true);
        java.util.Map<String, Object> zeros = io.kerasish.initializers.Initializers.toConfig(io.kerasish.initializers.Initializers.zeros());
        java.util.Map<String, Object> ones = io.kerasish.initializers.Initializers.toConfig(io.kerasish.initializers.Initializers.get("ones"));
        c.put("beta_initializer", zeros);
        c.put("gamma_initializer", ones);
        c.put("moving_mean_initializer", zeros);
        c.put("moving_variance_initializer", ones);
        for (String k : new String[] {"beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"}) {
            c.put(k, null);
        }
    }

    /** Keras's config; {@code axis} as an int or tf.keras's one-element list. */
    public static BatchNormalization fromConfig(LayerConfig c) {
        Object axis = c.get("axis");
        if (axis instanceof java.util.List<?> l) {
            if (l.size() != 1) {
                throw c.error("axis", "only one (the last) axis is supported, found " + l);
            }
            axis = l.get(0);
        }
        BatchNormalization bn = new BatchNormalization()
                .momentum(c.optDouble(0.99, "momentum"))
                .epsilon(c.optDouble(1e-3, "epsilon"))
                .axis(axis instanceof Number n ? n.intValue() : -1);
        c.unsupported(true, "BatchNormalization without beta", "center");
        c.unsupported(true, "BatchNormalization without gamma", "scale");
        c.unsupported(0, "Keras 1 feature-wise modes", "mode");
        for (String k : new String[] {"beta_initializer", "gamma_initializer", "moving_mean_initializer",
                "moving_variance_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"}) {
            if (k.endsWith("initializer")) {
                String expected = k.startsWith("gamma") || k.startsWith("moving_variance") ? "ones" : "zeros";
                if (!c.optInitializer(io.kerasish.initializers.Initializers.get(expected), k).name().equals(expected)) {
                    c.ignoredInTraining(k);
                }
            } else {
                c.ignoredInTraining(k);
            }
        }
        return bn;
    }
}

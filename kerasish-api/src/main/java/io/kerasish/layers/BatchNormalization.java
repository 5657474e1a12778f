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

    /** Only the last axis ({@code -1}, Keras's default) is supported. */
    public BatchNormalization axis(int axis) {
        if (axis != -1) {
            throw new InvalidConfigException("BatchNormalization: only axis=-1 (channels-last) is supported, got " + axis);
        }
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
        if (input.rank() == 3) {
            t.imagesChannelsFirst();
        }
        t.add(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
                .nIn(c).nOut(c)
                .eps(epsilon)
                .decay(momentum)
                .useLogStd(false)
                .dataFormat(CNN2DFormat.NCHW)
                .name(name())
                .build());
    }
}

package io.kerasish.internal;

import io.kerasish.InvalidConfigException;
import io.kerasish.initializers.Initializer;
import io.kerasish.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.distribution.ConstantDistribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.OrthogonalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitIdentity;
import org.deeplearning4j.nn.weights.WeightInitLecunUniform;
import org.deeplearning4j.nn.weights.WeightInitNormal;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/** Keras initializers and regularizers as DL4J weight inits and regularizations. */
public final class Dl4jInit {
    private Dl4jInit() {
    }

    /**
     * The DL4J weight init for a Keras initializer. Keras draws its *_normal variants from a truncated normal
     * with the same variance; DL4J's glorot/he/lecun normals are untruncated (same mean and variance).
     */
    public static IWeightInit weightInit(Initializer init) {
        return switch (init.name()) {
            case "glorot_uniform" -> new WeightInitXavierUniform();
            case "glorot_normal" -> new WeightInitXavier();
            case "he_uniform" -> new WeightInitReluUniform();
            case "he_normal" -> new WeightInitRelu();
            case "lecun_uniform" -> new WeightInitLecunUniform();
            case "lecun_normal" -> new WeightInitNormal();
            case "zeros" -> new WeightInitDistribution(new ConstantDistribution(0));
            case "ones" -> new WeightInitDistribution(new ConstantDistribution(1));
            case "constant" -> new WeightInitDistribution(new ConstantDistribution(init.param("value")));
            case "identity" -> new WeightInitIdentity();
            case "random_normal" -> new WeightInitDistribution(
                    new NormalDistribution(init.param("mean"), init.param("stddev")));
            case "random_uniform" -> new WeightInitDistribution(
                    new UniformDistribution(init.param("minval"), init.param("maxval")));
            case "truncated_normal" -> new WeightInitDistribution(
                    new TruncatedNormalDistribution(init.param("mean"), init.param("stddev")));
            case "orthogonal" -> new WeightInitDistribution(new OrthogonalDistribution(init.param("gain")));
            default -> throw new InvalidConfigException("Initializer '" + init.name() + "' has no DL4J equivalent");
        };
    }

    /** The constant a bias starts at; DL4J can only initialize biases to a constant. */
    public static double biasInit(Initializer init, String layerName) {
        return switch (init.name()) {
            case "zeros" -> 0.0;
            case "ones" -> 1.0;
            case "constant" -> init.param("value");
            default -> throw new InvalidConfigException("Layer '" + layerName + "': bias_initializer '" + init.name()
                    + "' is not supported (DL4J initializes biases to a constant). Use \"zeros\", \"ones\" or "
                    + "Initializers.constant(v).");
        };
    }

    /**
     * Keras adds {@code l1 * sum|w| + l2 * sum(w^2)} to the loss; DL4J's L2Regularization adds
     * {@code 0.5 * l2 * sum(w^2)}, so the L2 factor is doubled here.
     */
    public static List<Regularization> regularization(Regularizer r) {
        List<Regularization> list = new ArrayList<>();
        if (r == null) {
            return list;
        }
        if (r.l1() > 0) {
            list.add(new L1Regularization(r.l1()));
        }
        if (r.l2() > 0) {
            list.add(new L2Regularization(2 * r.l2()));
        }
        return list;
    }
}

package io.kerasish.internal;

import io.kerasish.InvalidConfigException;
import io.kerasish.initializers.Initializer;
import io.kerasish.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/** Keras bias initializers and regularizers as DL4J settings (kernels are drawn by {@link KerasInit}). */
public final class Dl4jInit {
    private Dl4jInit() {
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

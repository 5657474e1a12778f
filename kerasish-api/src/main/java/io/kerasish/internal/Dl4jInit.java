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

    /**
     * The constant a bias starts at in DL4J: the initializer's constant, or 0 for random initializers, whose
     * values {@link KerasInit} draws when the model is built.
     */
    public static double biasInit(Initializer init) {
        return switch (init.name()) {
            case "ones" -> 1.0;
            case "constant" -> init.param("value");
            default -> 0.0;
        };
    }

    /** For layers whose bias DL4J initializes itself (LSTM, with its forget-gate bias): only constants. */
    public static void requireConstant(Initializer init, String layer) {
        if (!java.util.Set.of("zeros", "ones", "constant").contains(init.name())) {
            throw new InvalidConfigException(layer + ": bias_initializer '" + init.name() + "' is not supported "
                    + "(DL4J initializes this bias to a constant). Use \"zeros\", \"ones\" or Initializers.constant(v).");
        }
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

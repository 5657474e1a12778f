package io.kerasish.internal;

import io.kerasish.UnknownNameException;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** Keras activation names and the DL4J activation each one becomes. */
public final class Activations {
    private static final Map<String, Supplier<IActivation>> BY_NAME = Map.ofEntries(
            Map.entry("linear", ActivationIdentity::new),
            Map.entry("relu", Relu::new),
            Map.entry("relu6", ActivationReLU6::new),
            Map.entry("leaky_relu", () -> new ActivationLReLU(0.2)),
            Map.entry("sigmoid", ActivationSigmoid::new),
            Map.entry("hard_sigmoid", ActivationHardSigmoid::new),
            Map.entry("softmax", Softmax::new),
            Map.entry("tanh", ActivationTanH::new),
            Map.entry("elu", ActivationELU::new),
            Map.entry("selu", ActivationSELU::new),
            Map.entry("softplus", ActivationSoftPlus::new),
            Map.entry("softsign", ActivationSoftSign::new),
            Map.entry("swish", ActivationSwish::new),
            Map.entry("silu", ActivationSwish::new),
            Map.entry("gelu", ActivationGELU::new),
            Map.entry("mish", ActivationMish::new));

    private Activations() {
    }

    /** Checks a Keras activation name (null means "linear") and returns it normalized. */
    public static String check(String name) {
        String n = name == null ? "linear" : name;
        if (!BY_NAME.containsKey(n)) {
            throw new UnknownNameException("activation", n, BY_NAME.keySet(),
                    "Use one of these strings, e.g. activation(\"relu\").");
        }
        return n;
    }

    public static IActivation toDl4j(String name) {
        return BY_NAME.get(check(name)).get();
    }
}

package io.kerasish.losses;

import io.kerasish.IncompatibleLossException;
import io.kerasish.layers.Shape;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A Keras loss. Training uses its DL4J equivalent ({@link #toDl4j}); what kerasish reports ({@code loss},
 * {@code val_loss}, {@code evaluate}) is computed with Keras's own formula ({@link #call}), averaged over the
 * batch as Keras does. Get one by name with {@link Losses#get(String)}.
 */
public abstract class Loss {
    /** Keras's clipping constant for probabilities. */
    protected static final double EPSILON = 1e-7;

    /** Keras's identifier, e.g. {@code "categorical_crossentropy"}. */
    public abstract String name();

    /** Keras's class name, e.g. {@code "CategoricalCrossentropy"}. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The DL4J loss that trains the same objective, for an output of {@code nOut} values per step. */
    public abstract ILossFunction toDl4j(long nOut);

    /** Keras's loss per example: an array of length {@code N} (sequence outputs are averaged over time). */
    public abstract INDArray call(INDArray yTrue, INDArray yPred);

    /** True when labels are integer class ids rather than arrays shaped like the output. */
    public boolean sparseLabels() {
        return false;
    }

    /** Last activations this loss accepts (empty: any). */
    protected Set<String> requiredActivations() {
        return Set.of();
    }

    /** What to do instead when the activation does not fit. */
    protected String activationHint() {
        return "";
    }

    /**
     * Checks the loss against the model's output.
     *
     * @throws IncompatibleLossException naming the last layer and the fix
     */
    public void checkCompatible(String lastLayer, String activation, Shape output) {
        Set<String> ok = requiredActivations();
        if (!ok.isEmpty() && !ok.contains(activation)) {
            throw new IncompatibleLossException("Loss '" + name() + "' needs the last layer to output "
                    + String.join(" or ", ok) + " probabilities, but the last layer " + lastLayer + " has activation '"
                    + activation + "'. " + activationHint());
        }
    }

    /** Mean over every axis but the first: Keras's mean over the last axis, then over time steps. */
    protected static INDArray meanPerExample(INDArray elementwise) {
        return elementwise.reshape('c', elementwise.size(0), -1).mean(1);
    }

    /** Sum over the last axis, then mean over the rest but the first (cross-entropies). */
    protected static INDArray sumLastAxisPerExample(INDArray elementwise) {
        INDArray summed = elementwise.sum(elementwise.rank() - 1);
        return summed.rank() == 1 ? summed : meanPerExample(summed);
    }

    protected static INDArray clip(INDArray p, double lo, double hi) {
        return Transforms.min(Transforms.max(p, lo, true), hi, false);
    }

    protected static INDArray f32(INDArray a) {
        return a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT ? a : a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** Row vector of {@code 1/n}, used to turn DL4J's sums over outputs into Keras's means. */
    protected static INDArray meanWeights(long nOut) {
        return Nd4j.valueArrayOf(new long[] {1, nOut}, 1.0 / nOut);
    }

    @Override
    public String toString() {
        return name();
    }
}

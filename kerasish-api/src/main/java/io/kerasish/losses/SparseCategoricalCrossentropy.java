package io.kerasish.losses;

import io.kerasish.IncompatibleLossException;
import io.kerasish.layers.Shape;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/** Keras's {@code sparse_categorical_crossentropy}: {@code -log p[label]} with integer class ids as labels. */
public class SparseCategoricalCrossentropy extends Loss {
    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public ILossFunction toDl4j(long nOut) {
        return new LossSparseMCXENT();
    }

    @Override
    public boolean sparseLabels() {
        return true;
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray p = f32(yPred).dup('c');
        long n = p.size(0);
        long c = p.size(1);
        float[] probs = p.data().asFloat();
        float[] ids = f32(yTrue).dup('c').data().asFloat();
        float[] out = new float[(int) n];
        for (int i = 0; i < n; i++) {
            int id = (int) ids[i];
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += probs[(int) (i * c + j)];
            }
            double v = probs[(int) (i * c + id)] / sum;
            out[i] = (float) -Math.log(Math.min(Math.max(v, EPSILON), 1 - EPSILON));
        }
        return Nd4j.createFromArray(out);
    }

    @Override
    protected Set<String> requiredActivations() {
        return Set.of("softmax");
    }

    @Override
    protected String activationHint() {
        return "Use activation(\"softmax\") on the last layer.";
    }

    @Override
    public void checkCompatible(String lastLayer, String activation, Shape output) {
        super.checkCompatible(lastLayer, activation, output);
        if (output.rank() != 1 || output.dim(0) < 2) {
            throw new IncompatibleLossException("Loss '" + name() + "' needs an output of shape (None, classes) with "
                    + "classes >= 2, but the last layer " + lastLayer + " outputs " + output + ".");
        }
    }
}

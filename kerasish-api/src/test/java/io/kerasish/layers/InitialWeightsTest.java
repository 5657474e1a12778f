package io.kerasish.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A freshly built layer starts from Keras's default initial weights: glorot_uniform kernels inside
 * {@code sqrt(6 / (fan_in + fan_out))} with Keras's fans (Conv2D: {@code fan_in = kh*kw*cin},
 * {@code fan_out = kh*kw*filters}; recurrent kernels {@code (in, k*units)}: {@code fan_out = k*units}), zero biases,
 * an LSTM forget-gate bias of 1, orthogonal recurrent kernels, Embedding uniform in [-0.05, 0.05], and
 * BatchNormalization's gamma 1, beta 0, moving mean 0, moving variance 1.
 */
class InitialWeightsTest {

    private static void assertWithin(INDArray a, double limit, String what) {
        double max = a.amaxNumber().doubleValue();
        assertTrue(max <= limit, what + ": |w| reaches " + max + ", Keras's limit is " + limit);
        // and it is really spread over that range, not a much narrower one
        assertTrue(max > 0.8 * limit, what + ": |w| only reaches " + max + " of Keras's limit " + limit);
    }

    private static double glorot(double fanIn, double fanOut) {
        return Math.sqrt(6 / (fanIn + fanOut));
    }

    private static void assertConstant(INDArray a, double value, String what) {
        assertEquals(value, a.minNumber().doubleValue(), 0, what);
        assertEquals(value, a.maxNumber().doubleValue(), 0, what);
    }

    @Test
    void denseGlorotUniformKernelAndZeroBias() {
        Sequential m = new Sequential().seed(5);
        m.add(new Dense(40).inputDim(30));
        m.build();
        List<INDArray> w = m.getWeights();
        assertWithin(w.get(0), glorot(30, 40), "Dense kernel");
        assertConstant(w.get(1), 0, "Dense bias");
    }

    @Test
    void conv2dGlorotUniformUsesReceptiveFieldFans() {
        Sequential m = new Sequential().seed(5);
        m.add(new Conv2D(16, 3).inputShape(8, 8, 4));
        m.build();
        List<INDArray> w = m.getWeights();
        assertWithin(w.get(0), glorot(3 * 3 * 4, 3 * 3 * 16), "Conv2D kernel");
        assertConstant(w.get(1), 0, "Conv2D bias");
    }

    @Test
    void stridedConv2dGlorotUniformUsesTheSameFans() {
        // Keras's fans do not depend on the strides
        Sequential m = new Sequential().seed(5);
        m.add(new Conv2D(16, 3).strides(2).inputShape(9, 9, 4));
        m.build();
        assertWithin(m.getWeights().get(0), glorot(3 * 3 * 4, 3 * 3 * 16), "strided Conv2D kernel");
    }

    @Test
    void simpleRnnKernelGlorotAndRecurrentKernelOrthogonal() {
        Sequential m = new Sequential().seed(5);
        m.add(new SimpleRNN(12).inputShape(4, 20));
        m.build();
        List<INDArray> w = m.getWeights();
        assertWithin(w.get(0), glorot(20, 12), "SimpleRNN kernel");
        INDArray r = w.get(1);
        assertEquals(0, r.transpose().mmul(r).sub(Nd4j.eye(12)).amaxNumber().doubleValue(), 1e-4,
                "SimpleRNN recurrent kernel is orthogonal");
        assertConstant(w.get(2), 0, "SimpleRNN bias");
    }

    @Test
    void lstmKernelGlorotOverAllFourGates() {
        Sequential m = new Sequential().seed(5);
        m.add(new LSTM(8).inputShape(4, 20));
        m.build();
        // Keras: kernel (20, 32): fan_in 20, fan_out 32
        assertWithin(m.getWeights().get(0), glorot(20, 4 * 8), "LSTM kernel");
    }

    @Test
    void lstmRecurrentKernelHasOrthonormalRows() {
        Sequential m = new Sequential().seed(5);
        m.add(new LSTM(6).inputShape(4, 3));
        m.build();
        INDArray r = m.getWeights().get(1); // (6, 24): Keras's orthogonal gives orthonormal rows
        assertEquals(0, r.mmul(r.transpose()).sub(Nd4j.eye(6)).amaxNumber().doubleValue(), 1e-4,
                "LSTM recurrent kernel rows are orthonormal");
    }

    @Test
    void lstmBiasHasUnitForgetGateInKerasOrder() {
        Sequential m = new Sequential().seed(5);
        m.add(new LSTM(3).inputShape(4, 2));
        m.build();
        float[] b = m.getWeights().get(2).dup('c').data().asFloat();
        // i, f, c, o blocks of 3: only f starts at 1
        assertEquals(List.of(0f, 0f, 0f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f), boxed(b));
    }

    @Test
    void lstmWithoutUnitForgetBiasStartsAtZero() {
        Sequential m = new Sequential().seed(5);
        m.add(new LSTM(3).unitForgetBias(false).inputShape(4, 2));
        m.build();
        assertConstant(m.getWeights().get(2), 0, "LSTM bias");
    }

    @Test
    void embeddingUniformWithinFiveHundredths() {
        Sequential m = new Sequential().seed(5);
        m.add(new Embedding(50, 8).inputLength(3));
        m.build();
        assertWithin(m.getWeights().get(0), 0.05, "Embedding");
    }

    @Test
    void batchNormalizationStartsAsIdentity() {
        Sequential m = new Sequential().seed(5);
        m.add(new BatchNormalization().inputShape(5));
        m.build();
        List<INDArray> w = m.getWeights();
        assertConstant(w.get(0), 1, "gamma");
        assertConstant(w.get(1), 0, "beta");
        assertConstant(w.get(2), 0, "moving_mean");
        assertConstant(w.get(3), 1, "moving_variance");
    }

    @Test
    void sameSeedSameInitialWeights() {
        Sequential a = new Sequential().seed(9);
        a.add(new Conv2D(2, 3).inputShape(5, 5, 1));
        a.add(new Flatten());
        a.add(new Dense(3));
        Sequential b = new Sequential().seed(9);
        b.add(new Conv2D(2, 3).inputShape(5, 5, 1));
        b.add(new Flatten());
        b.add(new Dense(3));
        assertEquals(a.getWeights(), b.getWeights());
    }

    private static List<Float> boxed(float[] v) {
        Float[] o = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i];
        }
        return List.of(o);
    }
}

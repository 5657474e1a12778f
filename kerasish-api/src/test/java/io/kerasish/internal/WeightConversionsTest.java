package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kerasish.layers.BatchNormalization;
import io.kerasish.layers.Dense;
import io.kerasish.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each conversion between Keras's weight layouts (current and older) and DL4J's, on known values. */
class WeightConversionsTest {
    private static INDArray arange(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Nd4j.arange(n).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape('c', shape);
    }

    @Test
    void conv2dKernelHwioToOihwAndBack() {
        INDArray hwio = arange(2, 3, 4, 5); // kh, kw, in, out
        INDArray oihw = WeightConversions.CONV2D_KERNEL.toDl4j(hwio, new long[] {5, 4, 2, 3});
        assertArrayEquals(new long[] {5, 4, 2, 3}, oihw.shape());
        assertEquals(hwio.getFloat(1, 2, 3, 4), oihw.getFloat(4, 3, 1, 2));
        assertEquals(hwio, WeightConversions.CONV2D_KERNEL.toKeras(oihw, hwio.shape()));
    }

    @Test
    void keras1TheanoOrderedKernelIsTransposedAndFlippedOnlyForTheano() {
        INDArray th = arange(5, 4, 2, 3); // filters, in, rows, cols
        long[] hwio = {2, 3, 4, 5};
        INDArray t = WeightConversions.keras1Conv2DKernel(th, hwio, false);
        assertArrayEquals(hwio, t.shape());
        assertEquals(th.getFloat(4, 3, 1, 2), t.getFloat(1, 2, 3, 4));
        INDArray flipped = WeightConversions.keras1Conv2DKernel(th, hwio, true);
        assertEquals(th.getFloat(4, 3, 1, 2), flipped.getFloat(0, 0, 3, 4)); // rows and cols reversed
        assertEquals(th.getFloat(4, 3, 0, 0), flipped.getFloat(1, 2, 3, 4));
        INDArray already = arange(2, 3, 4, 5);
        assertEquals(already, WeightConversions.keras1Conv2DKernel(already, hwio, false));
    }

    @Test
    void keras1LstmTwelveArraysBecomeKeras2GateOrder() {
        List<INDArray> w = new ArrayList<>();
        for (int g = 0; g < 4; g++) { // Keras 1: W_g (in, u), U_g (u, u), b_g (u) for gates i, c, f, o
            w.add(Nd4j.valueArrayOf(new long[] {3, 2}, 10 * g + 1.0f));
            w.add(Nd4j.valueArrayOf(new long[] {2, 2}, 10 * g + 2.0f));
            w.add(Nd4j.valueArrayOf(new long[] {2}, 10 * g + 3.0f));
        }
        List<INDArray> k2 = WeightConversions.keras1Lstm(w);
        assertArrayEquals(new long[] {3, 8}, k2.get(0).shape());
        assertArrayEquals(new long[] {2, 8}, k2.get(1).shape());
        assertArrayEquals(new long[] {8}, k2.get(2).shape());
        // Keras 2 order i, f, c, o: columns 0-1 gate i (1), 2-3 gate f (21), 4-5 gate c (11), 6-7 gate o (31)
        float[] row = k2.get(0).getRow(0).toFloatVector();
        assertArrayEquals(new float[] {1, 1, 21, 21, 11, 11, 31, 31}, row);
        assertArrayEquals(new float[] {3, 3, 23, 23, 13, 13, 33, 33}, k2.get(2).toFloatVector());
    }

    @Test
    void lstmGatesKerasIfcoToDl4jCfoi() {
        INDArray keras = Nd4j.createFromArray(new float[] {0, 1, 2, 3}).reshape(1, 4); // i f c o, one unit
        INDArray dl4j = WeightConversions.LSTM_GATES.toDl4j(keras, new long[] {1, 4});
        assertArrayEquals(new float[] {2, 1, 3, 0}, dl4j.toFloatVector()); // c f o i
        assertEquals(keras, WeightConversions.LSTM_GATES.toKeras(dl4j, new long[] {1, 4}));
    }

    @Test
    void batchNormalizationMovingStatisticsGoToDl4jsMeanAndVariance() {
        Sequential m = new Sequential(List.of(new Dense(3).inputDim(2), new BatchNormalization()));
        m.build();
        INDArray gamma = Nd4j.createFromArray(1f, 2f, 3f);
        INDArray beta = Nd4j.createFromArray(4f, 5f, 6f);
        INDArray mean = Nd4j.createFromArray(7f, 8f, 9f);
        INDArray var = Nd4j.createFromArray(10f, 11f, 12f);
        m.layers().get(1).setWeights(List.of(gamma, beta, mean, var));
        org.deeplearning4j.nn.api.Layer bn = m.layers().get(1).dl4jLayer();
        assertArrayEquals(mean.toFloatVector(), bn.getParam("mean").toFloatVector());
        assertArrayEquals(var.toFloatVector(), bn.getParam("var").toFloatVector());
        assertArrayEquals(gamma.toFloatVector(), bn.getParam("gamma").toFloatVector());
        assertEquals(List.of(gamma, beta, mean, var), m.layers().get(1).getWeights());
    }
}

package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM passes' step product: the Java loops (small layers) and libnd4j's product (large ones) give the same
 * outputs and gradients; NativeLstmTest compares the passes with DL4J's LSTM.
 */
class LstmBpttTest {
    @Test
    void javaProductIsTheMatrixProductForAnyInnerSize() {
        Nd4j.getRandom().setSeed(2);
        for (int inner : new int[] {1, 3, 4, 7, 32}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, 5, inner).subi(0.5);
            INDArray m = Nd4j.rand(DataType.FLOAT, inner, 9).subi(0.5);
            float[] flat = new float[3 + 5 * inner];
            System.arraycopy(a.dup('c').data().asFloat(), 0, flat, 3, 5 * inner); // at an offset, as h's steps are
            float[][] out = new float[5][9];
            out[2][4] = 99f; // overwritten, not added to
            LstmBptt.times(flat, 3, m.toFloatMatrix(), out);
            float[][] expected = a.mmul(m).toFloatMatrix();
            for (int r = 0; r < 5; r++) {
                assertArrayEquals(expected[r], out[r], 1e-5f, "inner " + inner + ", row " + r);
            }
        }
    }

    /** 7 units: the Java product's four-row loop and its remainder; a limit of 0 sends every step to libnd4j. */
    @Test
    void javaAndLibnd4jStepProductsGiveTheSameOutputsAndGradients() {
        int batch = 4;
        int steps = 6;
        int nIn = 3;
        int units = 7;
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, steps, nIn).subi(0.5);
        INDArray wx = Nd4j.rand(DataType.FLOAT, nIn, 4 * units).subi(0.5);
        // the recurrent kernel as DL4J holds it: a column-major view
        INDArray wr = Nd4j.rand(DataType.FLOAT, 'f', units, 4 * units).subi(0.5);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 4 * units).subi(0.5);
        INDArray dh = Nd4j.rand(DataType.FLOAT, batch, steps, units).subi(0.5);

        LstmBptt inJava = new LstmBptt();
        LstmBptt onLibnd4j = new LstmBptt(0, 0);
        INDArray outJava = Nd4j.create(DataType.FLOAT, batch, steps, units);
        INDArray outNd4j = Nd4j.create(DataType.FLOAT, batch, steps, units);
        inJava.forward(x, wx, wr, bias, outJava);
        onLibnd4j.forward(x, wx, wr, bias, outNd4j);
        assertTrue(outJava.amaxNumber().doubleValue() > 0.1, "an output");
        assertEquals(0, outJava.sub(outNd4j).amaxNumber().doubleValue(), 1e-6, "output");

        INDArray dxJava = Nd4j.create(DataType.FLOAT, batch, steps, nIn);
        INDArray dxNd4j = Nd4j.create(DataType.FLOAT, batch, steps, nIn);
        INDArray[] gJava = inJava.backward(x, wx, wr, dh, dxJava);
        INDArray[] gNd4j = onLibnd4j.backward(x, wx, wr, dh, dxNd4j);
        assertTrue(dxJava.amaxNumber().doubleValue() > 1e-3, "an input gradient");
        assertEquals(0, dxJava.sub(dxNd4j).amaxNumber().doubleValue(), 1e-6, "input gradient");
        for (int i = 0; i < 3; i++) {
            assertTrue(gJava[i].amaxNumber().doubleValue() > 1e-3, "gradient " + i);
            assertEquals(0, gJava[i].sub(gNd4j[i]).amaxNumber().doubleValue(), 1e-6, "gradient " + i);
        }
    }

    /**
     * The batch split into parts, one thread each, gives what one part gives, to the bit: every example runs the
     * same arithmetic either way. 26 examples in 3 parts (8, 9 and 9), twice, so that the second call reuses the
     * arrays the first sized.
     */
    @Test
    void examplesSplitOverThreadsGiveExactlyWhatOneThreadGives() {
        int batch = 26;
        int steps = 5;
        int nIn = 3;
        int units = 6;
        Nd4j.getRandom().setSeed(5);
        LstmBptt whole = new LstmBptt(LstmBptt.JAVA_PRODUCT_MACS, 1);
        LstmBptt split = new LstmBptt(LstmBptt.JAVA_PRODUCT_MACS, 3);
        for (int call = 0; call < 2; call++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, steps, nIn).subi(0.5);
            INDArray wx = Nd4j.rand(DataType.FLOAT, nIn, 4 * units).subi(0.5);
            INDArray wr = Nd4j.rand(DataType.FLOAT, 'f', units, 4 * units).subi(0.5);
            INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 4 * units).subi(0.5);
            INDArray dh = Nd4j.rand(DataType.FLOAT, batch, steps, units).subi(0.5);
            INDArray outWhole = Nd4j.create(DataType.FLOAT, batch, steps, units);
            INDArray outSplit = Nd4j.create(DataType.FLOAT, batch, steps, units);
            whole.forward(x, wx, wr, bias, outWhole);
            split.forward(x, wx, wr, bias, outSplit);
            assertTrue(outWhole.amaxNumber().doubleValue() > 0.1, "an output");
            assertEquals(outWhole, outSplit, "output, call " + call);
            INDArray dxWhole = Nd4j.create(DataType.FLOAT, batch, steps, nIn);
            INDArray dxSplit = Nd4j.create(DataType.FLOAT, batch, steps, nIn);
            INDArray[] gWhole = whole.backward(x, wx, wr, dh, dxWhole);
            INDArray[] gSplit = split.backward(x, wx, wr, dh, dxSplit);
            assertTrue(dxWhole.amaxNumber().doubleValue() > 1e-3, "an input gradient");
            assertEquals(dxWhole, dxSplit, "input gradient, call " + call);
            for (int i = 0; i < 3; i++) {
                assertEquals(gWhole[i], gSplit[i], "gradient " + i + ", call " + call);
            }
        }
    }
}

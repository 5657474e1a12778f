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
        Nd4j.getRandom().setSeed(4);
        assertSamePasses(new LstmBptt(), new LstmBptt(0, 0), Inputs.random(4, 6, 3, 7), 1e-6, "");
    }

    /**
     * The batch split into parts, one thread each, gives what one part gives, to the bit: every example runs the
     * same arithmetic either way. 26 examples in 3 parts (8, 9 and 9), twice, so that the second call reuses the
     * arrays the first sized.
     */
    @Test
    void examplesSplitOverThreadsGiveExactlyWhatOneThreadGives() {
        Nd4j.getRandom().setSeed(5);
        LstmBptt whole = new LstmBptt(LstmBptt.JAVA_PRODUCT_MACS, 1);
        LstmBptt split = new LstmBptt(LstmBptt.JAVA_PRODUCT_MACS, 3);
        for (int call = 0; call < 2; call++) {
            assertSamePasses(whole, split, Inputs.random(26, 5, 3, 6), 0, ", call " + call);
        }
    }

    /** An input [batch, steps, nIn], the weights as DL4J holds them and an output gradient, random in [-0.5, 0.5). */
    private record Inputs(INDArray x, INDArray wx, INDArray wr, INDArray bias, INDArray dh) {
        static Inputs random(int batch, int steps, int nIn, int units) {
            return new Inputs(Nd4j.rand(DataType.FLOAT, batch, steps, nIn).subi(0.5),
                    Nd4j.rand(DataType.FLOAT, nIn, 4 * units).subi(0.5),
                    Nd4j.rand(DataType.FLOAT, 'f', units, 4 * units).subi(0.5), // recurrent kernel: column-major
                    Nd4j.rand(DataType.FLOAT, 1, 4 * units).subi(0.5),
                    Nd4j.rand(DataType.FLOAT, batch, steps, units).subi(0.5));
        }
    }

    /** Both passes of {@code a} and {@code b} on the same inputs: outputs and gradients within {@code tolerance}. */
    private static void assertSamePasses(LstmBptt a, LstmBptt b, Inputs in, double tolerance, String what) {
        long[] outShape = {in.x().size(0), in.x().size(1), in.wr().size(0)};
        INDArray outA = Nd4j.create(DataType.FLOAT, outShape);
        INDArray outB = Nd4j.create(DataType.FLOAT, outShape);
        a.forward(in.x(), in.wx(), in.wr(), in.bias(), outA);
        b.forward(in.x(), in.wx(), in.wr(), in.bias(), outB);
        assertTrue(outA.amaxNumber().doubleValue() > 0.1, "an output" + what);
        assertEquals(0, outA.sub(outB).amaxNumber().doubleValue(), tolerance, "output" + what);

        INDArray dxA = Nd4j.create(DataType.FLOAT, in.x().shape());
        INDArray dxB = Nd4j.create(DataType.FLOAT, in.x().shape());
        INDArray[] gA = a.backward(in.x(), in.wx(), in.wr(), in.dh(), dxA);
        INDArray[] gB = b.backward(in.x(), in.wx(), in.wr(), in.dh(), dxB);
        assertTrue(dxA.amaxNumber().doubleValue() > 1e-3, "an input gradient" + what);
        assertEquals(0, dxA.sub(dxB).amaxNumber().doubleValue(), tolerance, "input gradient" + what);
        for (int i = 0; i < 3; i++) {
            assertTrue(gA[i].amaxNumber().doubleValue() > 1e-3, "gradient " + i + what);
            assertEquals(0, gA[i].sub(gB[i]).amaxNumber().doubleValue(), tolerance, "gradient " + i + what);
        }
    }
}

package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ReluTest {
    @Test
    void sameForwardAndGradientAsDl4j() {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.rand(DataType.FLOAT, 64, 6, 28, 28).subi(0.5);
        z.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(0); // the kink: gradient 0 there, as in TensorFlow
        INDArray eps = Nd4j.rand(DataType.FLOAT, 64, 6, 28, 28).subi(0.5);

        assertEquals(new ActivationReLU().getActivation(z.dup(), true), new Relu().getActivation(z.dup(), true));
        INDArray expected = new ActivationReLU().backprop(z.dup(), eps.dup()).getFirst();
        INDArray in = z.dup();
        INDArray actual = new Relu().backprop(in, eps.dup()).getFirst();
        assertSame(in, actual, "written in place, as DL4J's");
        assertEquals(expected, actual);
        assertEquals(0, actual.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).sumNumber().doubleValue());
        assertEquals(expected.neq(0).castTo(DataType.INT).sumNumber().longValue(), z.gt(0).castTo(DataType.INT).sumNumber().longValue());
    }
}

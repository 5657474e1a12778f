package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The Java loops give libnd4j's values, at the edges too, and leave alone what they do not handle. */
class JavaFloatsTest {
    private static final float[] EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f,
        -1e-30f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2.5f, -2.5f};

    /** Random values with the edge cases at the start; longer than one block, not a multiple of it. */
    private static INDArray values(long seed, int n) {
        Nd4j.getRandom().setSeed(seed);
        INDArray a = Nd4j.rand(DataType.FLOAT, n).subi(0.5);
        for (int i = 0; i < EDGES.length; i++) {
            a.putScalar(i, EDGES[i]);
        }
        return a;
    }

    @Test
    void reluEqualsLibnd4j() {
        INDArray x = values(1, 5000);
        INDArray expected = x.dup();
        Nd4j.getExecutioner().exec(new RectifiedLinear(expected, expected));
        INDArray actual = x.dup();
        assertTrue(JavaFloats.relu(actual));
        assertArrayEquals(expected.toFloatVector(), actual.toFloatVector(), 0f);
    }

    @Test
    void reluGradientEqualsStepTimesEpsilon() {
        INDArray x = values(2, 5000);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 5000).subi(0.5);
        INDArray expected = Nd4j.create(DataType.FLOAT, 5000);
        Nd4j.exec(new Step(x, expected, 0.0));
        expected.muli(eps);
        INDArray actual = Nd4j.create(DataType.FLOAT, 5000);
        assertTrue(JavaFloats.reluGradient(x, eps, actual));
        assertArrayEquals(expected.toFloatVector(), actual.toFloatVector(), 0f);
        // the smallest positive value passes the gradient, 0 and -0 do not
        assertEquals(eps.getFloat(2), actual.getFloat(2));
        assertEquals(0f, actual.getFloat(0), 0f);
        assertEquals(0f, actual.getFloat(1), 0f);

        INDArray inPlace = eps.dup();
        assertTrue(JavaFloats.reluGradient(x, inPlace, inPlace));
        assertArrayEquals(expected.toFloatVector(), inPlace.toFloatVector(), 0f, "into the gradient itself");
    }

    @Test
    void wholeRowViewsAreRead() {
        INDArray big = Nd4j.rand(DataType.FLOAT, 10, 7).subi(0.5);
        INDArray rows = big.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all());
        INDArray expected = rows.dup();
        Nd4j.getExecutioner().exec(new RectifiedLinear(expected, expected));
        INDArray before = big.dup();
        assertTrue(JavaFloats.relu(rows));
        assertArrayEquals(expected.toFloatMatrix(), rows.toFloatMatrix());
        assertArrayEquals(before.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).toFloatMatrix(),
                big.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).toFloatMatrix(), "rows outside untouched");
        assertArrayEquals(before.get(NDArrayIndex.interval(8, 10), NDArrayIndex.all()).toFloatMatrix(),
                big.get(NDArrayIndex.interval(8, 10), NDArrayIndex.all()).toFloatMatrix(), "rows outside untouched");
    }

    @Test
    void otherArraysAreLeftToLibnd4j() {
        INDArray columns = Nd4j.rand(DataType.FLOAT, 7, 20).get(NDArrayIndex.all(), NDArrayIndex.interval(2, 13));
        INDArray f = Nd4j.rand(DataType.FLOAT, 'f', 5, 6);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 5, 6);
        INDArray large = Nd4j.rand(DataType.FLOAT, JavaFloats.RELU_MAX_ELEMENTS + 1);
        for (INDArray a : new INDArray[] {columns, f, doubles, large}) {
            INDArray before = a.dup();
            assertFalse(JavaFloats.relu(a));
            assertFalse(JavaFloats.softmax(a.rank() == 2 ? a : a.reshape(1, a.length())));
            assertEquals(before, a, "untouched");
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 6);
        assertFalse(JavaFloats.reluGradient(x, x, Nd4j.create(DataType.FLOAT, 5, 7)), "lengths differ");
        assertFalse(JavaFloats.softmax(Nd4j.rand(DataType.FLOAT, 1, JavaFloats.SOFTMAX_MAX_ELEMENTS + 1)));
    }

    @Test
    void biasWithReluAndCopy() {
        Nd4j.getRandom().setSeed(4);
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 60).subi(0.5);
        INDArray bias = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(20, 31)).reshape(1, 11);
        INDArray z = Nd4j.rand(DataType.FLOAT, 9, 11).subi(0.5);
        INDArray expected = z.dup().addiRowVector(bias.dup());
        Nd4j.getExecutioner().exec(new RectifiedLinear(expected, expected));
        INDArray copy = Nd4j.create(DataType.FLOAT, 9, 11);
        assertTrue(JavaFloats.addBias(z, bias, true, copy));
        assertEquals(expected, z);
        assertEquals(expected, copy);
        assertTrue(expected.eq(0).castTo(DataType.INT).sumNumber().intValue() > 10, "the ReLU cut values");
        assertFalse(JavaFloats.addBias(z, bias, true, Nd4j.create(DataType.FLOAT, 9, 12)), "copy of another size");
    }

    @Test
    void softmaxEqualsLibnd4j() {
        Nd4j.getRandom().setSeed(6);
        INDArray z = Nd4j.rand(DataType.FLOAT, 64, 10).subi(0.5).muli(20);
        z.putScalar(0, 0, 80f); // exp(80) overflows float: the row maximum is taken off first
        z.putScalar(1, 3, -1e30f);
        INDArray expected = z.dup();
        Nd4j.getExecutioner().exec(new SoftMax(expected, expected));
        INDArray actual = z.dup();
        assertTrue(JavaFloats.softmax(actual));
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-6);
        assertEquals(1f, actual.getFloat(0, 0), 1e-6f);
        assertEquals(0f, actual.getFloat(1, 3), 0f);
    }

    @Test
    void columnSumsEqualLibnd4j() {
        Nd4j.getRandom().setSeed(9);
        INDArray a = Nd4j.rand(DataType.FLOAT, 37, 23).subi(0.5);
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 60);
        INDArray into = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(30, 53)).reshape(1, 23);
        assertTrue(JavaFloats.columnSums(a, into));
        assertEquals(0, a.sum(0).reshape(1, 23).sub(into).amaxNumber().doubleValue(), 1e-5);
        assertEquals(0, flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 30)).amaxNumber().doubleValue(), 0,
                "values before it untouched");
        assertEquals(0, flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(53, 60)).amaxNumber().doubleValue(), 0,
                "values after it untouched");
        assertFalse(JavaFloats.columnSums(a.castTo(DataType.DOUBLE), into));
    }
}

package io.kerasish.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UtilsTest {
    @Test
    void toCategoricalOneHotEncodesClassIdsAsKeras() {
        INDArray ids = Nd4j.createFromArray(2, 0, 1).castTo(DataType.UINT8);
        INDArray y = Utils.toCategorical(ids, 3);
        assertArrayEquals(new long[] {3, 3}, y.shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, y.reshape(9).toFloatVector());
        assertArrayEquals(y.toFloatMatrix(), Utils.toCategorical(ids.reshape(3, 1), 3).toFloatMatrix());
        assertArrayEquals(y.toFloatMatrix(), Utils.toCategorical(new int[] {2, 0, 1}, 3).toFloatMatrix());
    }

    @Test
    void badIdsNameTheLabelAndTheRange() {
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Utils.toCategorical(Nd4j.createFromArray(0f, 3f), 3));
        assertTrue(e.getMessage().contains("label 1 is 3.0") && e.getMessage().contains("0..2"), e.getMessage());
        assertThrows(InvalidDataException.class, () -> Utils.toCategorical(Nd4j.createFromArray(0.5f), 3));
        assertThrows(InvalidDataException.class, () -> Utils.toCategorical(Nd4j.zeros(2, 3), 3));
    }
}

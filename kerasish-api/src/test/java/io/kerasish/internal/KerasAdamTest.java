package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/** kerasish's Adam takes DL4J's steps, on the views DL4J hands it, in float32 and in float64. */
class KerasAdamTest {
    @Test
    void sameStepsAsDl4jOnOffsetViews() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            long n = 20_011; // more than two blocks, not a multiple of one
            // DL4J hands each updater block a slice of one state array and of one gradient array
            INDArray ourState = Nd4j.zeros(type, 1, 2 * n + 6).get(NDArrayIndex.point(0), NDArrayIndex.interval(6, 2 * n + 6)).reshape(1, 2 * n);
            INDArray theirState = Nd4j.zeros(type, 1, 2 * n);
            GradientUpdater<?> ours = new KerasAdam(0.01, 0.9, 0.999, 1e-7).instantiate(ourState, true);
            GradientUpdater<?> theirs = new Adam(0.01, 0.9, 0.999, 1e-7).instantiate(theirState, true);
            Nd4j.getRandom().setSeed(11);
            for (int it = 0; it < 5; it++) {
                INDArray all = Nd4j.randn(type, 1, n + 3);
                INDArray g = all.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, n + 3)).reshape(1, n);
                INDArray before = all.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 3)).dup();
                INDArray expected = g.dup();
                theirs.applyUpdater(expected, it, 0);
                ours.applyUpdater(g, it, 0);
                assertEquals(0, expected.distance2(g) / expected.norm2Number().doubleValue(), 1e-5, type + " step " + it);
                assertEquals(before, all.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 3)), "values before the view untouched");
            }
            assertEquals(0, theirState.distance2(ourState) / theirState.norm2Number().doubleValue(), 1e-5, type + " m and v");
        }
    }

    @Test
    void betasTellConfigurationsApart() {
        // DL4J merges layers whose updater configurations are equal into one block
        assertNotEquals(new KerasAdam(0.01, 0.9, 0.999, 1e-7), new KerasAdam(0.01, 0.8, 0.999, 1e-7));
        assertEquals(new KerasAdam(0.01, 0.9, 0.999, 1e-7), new KerasAdam(0.01, 0.9, 0.999, 1e-7));
    }
}

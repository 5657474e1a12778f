package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The LSTM's rational tanh and sigmoid: error bounds against double precision, symmetry, limits, the gate loop. */
class FastTanhTest {
    @Test
    void tanhAndSigmoidAreWithinTheirDocumentedErrorEverywhere() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        for (int i = 0; i <= 2_000_000; i++) {
            float x = -12f + 24f * i / 2_000_000;
            worstTanh = Math.max(worstTanh, Math.abs(FastTanh.tanh(x) - Math.tanh(x)));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(FastTanh.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(worstTanh < 3.5e-7, "tanh's largest error " + worstTanh);
        assertTrue(worstSigmoid < 2e-7, "sigmoid's largest error " + worstSigmoid);
    }

    @Test
    void tanhIsOddAndBoundedAndSmallValuesKeepTheirRelativePrecision() {
        for (float x : new float[] {1e-30f, 1e-6f, 0.01f, 0.5f, 3f, 8.9f, 9f, 50f, Float.MAX_VALUE}) {
            assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x), 0f, "odd at " + x);
            assertTrue(Math.abs(FastTanh.tanh(x)) <= 1f, "bounded at " + x);
        }
        assertEquals(0f, FastTanh.tanh(0f), 0f);
        assertEquals(1f, FastTanh.tanh(Float.POSITIVE_INFINITY), 0f);
        assertEquals(0f, FastTanh.sigmoid(Float.NEGATIVE_INFINITY), 0f);
        assertEquals(1f, FastTanh.sigmoid(Float.POSITIVE_INFINITY), 0f);
        assertEquals(0.5f, FastTanh.sigmoid(0f), 0f);
        for (float x : new float[] {1e-20f, 1e-7f, 1e-3f, 0.1f}) {
            assertEquals(Math.tanh(x), FastTanh.tanh(x), 3e-7 * x, "relative error at " + x);
        }
    }

    @Test
    void theGateLoopAppliesSigmoidOrTanhByScaleToTheSum() {
        int n = 1000;
        float[] z = new float[n];
        float[] add = new float[n];
        float[] scale = new float[n];
        for (int j = 0; j < n; j++) {
            z[j] = (float) Math.sin(j) * 6;
            add[j] = (float) Math.cos(j);
            scale[j] = j % 3 == 0 ? 1f : 0.5f;
        }
        float[] before = z.clone();
        FastTanh.gates(z, add, scale, 7, n - 5); // one part's rows of a step
        for (int j = 0; j < n; j++) {
            if (j < 7 || j >= n - 5) {
                assertEquals(before[j], z[j], 0f, "outside the range: untouched, element " + j);
                continue;
            }
            double sum = before[j] + add[j];
            double expected = scale[j] == 1f ? Math.tanh(sum) : 1 / (1 + Math.exp(-sum));
            assertEquals(expected, z[j], 4e-7, "element " + j);
        }
        float[] out = new float[n];
        FastTanh.tanh(before, out, 10, n - 10);
        assertEquals(0f, out[9], 0f, "before the offset: untouched");
        assertEquals(Math.tanh(before[500]), out[500], 4e-7);
    }
}

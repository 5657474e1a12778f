package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Parts of a Java loop: which environments allow them, and that they cover each row once. */
class ParallelTest {
    @Test
    void onlyAShortOpenMpSpinAllowsParts() {
        assertFalse(Parallel.shortSpin(null, null), "libgomp's default spin");
        assertTrue(Parallel.shortSpin("10000", null));
        assertTrue(Parallel.shortSpin("0", null));
        assertTrue(Parallel.shortSpin("100k", null));
        assertFalse(Parallel.shortSpin("300000", null));
        assertFalse(Parallel.shortSpin("1M", null));
        assertFalse(Parallel.shortSpin("INFINITY", null));
        assertTrue(Parallel.shortSpin(null, "PASSIVE"));
        assertFalse(Parallel.shortSpin("10000", "active"), "active waiting spins whatever the count");
    }

    @Test
    void partsCoverEveryRowOnceAndFailuresReachTheCaller() {
        int n = 26;
        int[] seen = new int[n];
        Parallel.rows(n, 3, (from, to) -> {
            assertTrue(to - from == 8 || to - from == 9, "parts differ by at most one row");
            for (int r = from; r < to; r++) {
                seen[r]++;
            }
        });
        int[] once = new int[n];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.rows(n, 3, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("part at " + from);
            }
        }));
        assertTrue(e.getMessage().contains("part at 8") || e.getMessage().contains("part at 17"), e.getMessage());
    }
}

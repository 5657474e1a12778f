package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** NumpyRandom shuffles exactly as numpy's legacy RandomState(seed).shuffle, so IMDB comes out in Keras's order. */
class NumpyRandomTest {
    @Test
    void seed113AsNumpyShufflesIt() { // values printed by numpy 1.24 and 2.4
        NumpyRandom r = new NumpyRandom(113);
        assertArrayEquals(new int[] {9, 3, 6, 1, 0, 7, 4, 8, 2, 5}, r.permutation(10));
        assertArrayEquals(new int[] {5, 1, 0, 3, 6, 4, 2}, r.permutation(7)); // the same generator goes on
    }

    @Test
    void imdbSizedPermutationsAsKerasDrawsThem() {
        NumpyRandom r = new NumpyRandom(113);
        int[] train = r.permutation(25000);
        assertArrayEquals(new int[] {7798, 13226, 18078, 793, 17499}, Arrays.copyOf(train, 5));
        assertArrayEquals(new int[] {22690, 4828, 14501}, Arrays.copyOfRange(train, 24997, 25000));
        assertArrayEquals(new int[] {22748, 4083, 8015, 13688, 5310}, Arrays.copyOf(r.permutation(25000), 5));
    }

    @Test
    void agreesWithTheSystemNumpyForOtherSeedsAndSizes() throws Exception {
        String out = Shared.numpy("""
                import numpy as np
                for seed, n in [(0, 1), (1, 2), (7, 1000), (4294967295, 70000), (123456, 3)]:
                    r = np.random.RandomState(seed); a = np.arange(n); r.shuffle(a); b = np.arange(5); r.shuffle(b)
                    print(' '.join(map(str, a)) + '|' + ' '.join(map(str, b)))
                """);
        long[][] cases = {{0, 1}, {1, 2}, {7, 1000}, {4294967295L, 70000}, {123456, 3}};
        String[] lines = out.strip().split("\n");
        assertEquals(cases.length, lines.length);
        for (int k = 0; k < cases.length; k++) {
            NumpyRandom r = new NumpyRandom(cases[k][0]);
            String got = String.join(" ", Arrays.stream(r.permutation((int) cases[k][1])).mapToObj(String::valueOf)
                    .toList()) + "|" + String.join(" ", Arrays.stream(r.permutation(5)).mapToObj(String::valueOf).toList());
            assertEquals(lines[k], got, "seed " + cases[k][0] + ", n " + cases[k][1]);
        }
    }
}

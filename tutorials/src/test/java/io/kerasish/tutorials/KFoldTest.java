package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.datasets.AutoMpg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 14 in its quick mode on the shared Auto MPG file (skipped, saying so, when it is absent): every fold
 * learns, the folds disagree a little, the averaged curve falls, and the final model's test MAE is sensible.
 */
class KFoldTest {
    private static Path data() {
        return QuickRun.sharedData("auto-mpg/auto-mpg.data");
    }

    @Test
    void everyFoldLearnsAndTheFinalModelIsTestedOnce(@TempDir Path out) throws Exception {
        KFold.Result r = KFold.result(Args.parse("kfold", data().toString(), "--out", out.toString(), "--quick"));
        String summary = "fold MAEs " + Arrays.toString(r.foldMae()) + ", mean " + r.mean() + ", std " + r.std()
                + ", epochs chosen " + r.bestEpochs() + ", test MAE " + r.testMae();
        assertEquals(4, r.foldMae().length, summary);
        // a constant guess (the mean MPG) is about 6.5 MPG off on average; every fold does far better
        for (double mae : r.foldMae()) {
            assertTrue(mae < 3.5, summary);
        }
        // different validation cars give different scores: the reason to average them
        assertTrue(r.std() > 0.01 && r.std() < 1, summary);
        // the averaged validation MAE falls from the untrained model's to a fraction of it
        List<Double> curve = r.meanCurve();
        assertEquals(40, curve.size());
        assertTrue(curve.get(curve.size() - 1) < curve.get(0) / 3, "mean curve " + curve);
        assertTrue(r.bestEpochs() >= 1 && r.bestEpochs() <= 40, summary);
        assertTrue(r.testMae() < 3.5, summary);
        assertTrue(Files.size(r.plot()) > 1000, "kfold-mae.png was not drawn");
    }

    @Test
    void foldsValidateEveryCarExactlyOnce() {
        float[][] f = new float[10][];
        float[] y = new float[10];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            f[i] = new float[] {i};
            y[i] = i;
            names.add("car " + i);
        }
        AutoMpg.Data d = new AutoMpg.Data(f, y, names, List.of("x"));
        List<Float> validated = new ArrayList<>();
        int k = 3;
        for (int fold = 0; fold < k; fold++) {
            AutoMpg.Data val = KFold.rows(d, fold * 10 / k, (fold + 1) * 10 / k, true);
            AutoMpg.Data train = KFold.rows(d, fold * 10 / k, (fold + 1) * 10 / k, false);
            assertEquals(10, val.size() + train.size());
            for (float v : val.mpg()) {
                validated.add(v);
                for (float t : train.mpg()) {
                    assertTrue(t != v, "car " + v + " is in both parts of fold " + fold);
                }
            }
        }
        assertEquals(List.of(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f), validated);
    }

    @Test
    void aSingleFoldIsRefusedWithTheRange(@TempDir Path out) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> KFold.result(
                Args.parse("kfold", data().toString(), "--folds", "1", "--out", out.toString(), "--quick")));
        assertTrue(e.getMessage().contains("--folds must be between 2 and 314"), e.getMessage());
    }
}

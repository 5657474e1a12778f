package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 15: the grid and the random draws (same budget, same ranges, seeded), then the quick search on
 * Fashion-MNIST (skipped, saying so, when Debian's package is not installed).
 */
class HyperparameterSearchTest {
    @Test
    void gridAndRandomSearchSpendTheSameBudgetOnTheSameRanges() {
        List<HyperparameterSearch.Trial> grid = HyperparameterSearch.grid(9);
        List<HyperparameterSearch.Trial> random = HyperparameterSearch.random(9, 15);
        assertEquals(9, grid.size());
        assertEquals(9, random.size());
        assertEquals(List.of(1e-4, 1e-3, 1e-2), grid.stream().map(HyperparameterSearch.Trial::learningRate)
                .distinct().map(lr -> Math.round(lr * 1e6) / 1e6).toList());
        assertEquals(List.of(16, 64, 256), grid.stream().map(HyperparameterSearch.Trial::units).distinct().toList());
        // random search tries a different learning rate every time, within the same range
        assertEquals(9, HyperparameterSearch.distinctRates(random));
        for (HyperparameterSearch.Trial t : random) {
            assertTrue(t.learningRate() >= 1e-4 && t.learningRate() <= 1e-2, t.toString());
            assertTrue(t.units() >= 16 && t.units() <= 256, t.toString());
        }
        assertEquals(random, HyperparameterSearch.random(9, 15), "the same seed draws the same trials");
        assertTrue(!random.equals(HyperparameterSearch.random(9, 16)));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> HyperparameterSearch.grid(8));
        assertTrue(e.getMessage().contains("--trials must be a square"), e.getMessage());
    }

    @Test
    void quickSearchFindsAGoodSettingAndDrawsTheTrials(@TempDir Path out) throws Exception {
        QuickRun.requireFashionMnist();
        HyperparameterSearch.Result r = HyperparameterSearch.result(Args.parse("search", "--out", out.toString(),
                "--quick"));
        HyperparameterSearch.Trial g = HyperparameterSearch.best(r.grid());
        HyperparameterSearch.Trial s = HyperparameterSearch.best(r.random());
        String summary = "grid " + r.grid() + "\nrandom " + r.random();
        // chance is 0.1; three short epochs on 1,000 images already give about 0.75 with a good learning rate
        assertTrue(g.score() > 0.65 && s.score() > 0.65, summary);
        assertTrue(r.gridTest() > 0.6 && r.randomTest() > 0.6, summary);
        // the learning rate matters: the grid's worst trial (the smallest rate, 16 units) is far behind its best
        double worst = r.grid().stream().mapToDouble(HyperparameterSearch.Trial::score).min().orElseThrow();
        assertTrue(worst < g.score() - 0.15, summary);
        assertTrue(Files.size(r.trialsPlot()) > 1000 && Files.size(r.scoresPlot()) > 1000, "plots not drawn");
    }
}

package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.datasets.TextFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tutorial 09 in its quick setting (the first 3,000 characters of the shared Alice, 2 epochs, samples of 60
 * characters): SimpleRNN then LSTM, each loss falls, each model writes its samples from the text's characters, and
 * both curves are drawn. Skipped, saying so, without ../shared/datasets/alice.
 */
class AliceTextTest {
    @Test
    void bothModelsLearnAndWrite(@TempDir Path out) throws Exception {
        String text = TextFiles.alice(QuickRun.sharedData("alice/wonderland.txt")).substring(0, 3000);
        AliceText.Result r = AliceText.run(text, 2, 60, out);
        assertEquals(987, r.windows()); // (3000 - 40 - 1) / 3 + 1, Keras's range(0, len - maxlen, step)
        assertEquals(List.of("SimpleRNN(128)", "LSTM(128)"), r.runs().stream().map(AliceText.Run::name).toList());
        String lower = text.toLowerCase(Locale.ROOT);
        for (AliceText.Run run : r.runs()) {
            List<Double> loss = run.loss();
            assertEquals(2, loss.size());
            assertTrue(loss.get(1) < loss.get(0), run.name() + ": the loss does not fall: " + loss);
            assertEquals(AliceText.TEMPERATURES.length, run.samples().size());
            run.samples().forEach((t, s) -> {
                assertEquals(60, s.length(), run.name() + " at " + t + ": " + s);
                assertTrue(s.chars().allMatch(c -> lower.indexOf(c) >= 0), "a character not in the text: " + s);
            });
        }
        assertTrue(r.runs().get(1).params() > 3 * r.runs().get(0).params(), "the LSTM has 4 sets of gate weights");
        assertTrue(lower.contains(r.seed()), "the seed is a piece of the text");
        assertTrue(Files.size(r.plot()) > 1000, "loss.png was not drawn");
    }
}

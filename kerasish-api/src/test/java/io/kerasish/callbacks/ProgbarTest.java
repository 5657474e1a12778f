package io.kerasish.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress bar looks like Keras's, redraws only on a terminal, and prints one line per epoch elsewhere. */
class ProgbarTest {
    @Test
    void barUsesKerasWidthsAndCharacters() {
        Progbar p = new Progbar(100, 1, new PrintStream(new ByteArrayOutputStream()), false);
        assertEquals(" 12/100 [==>...........................]", p.bar(12)); // int(30 * 0.12) = 3 cells
        assertEquals("  0/100 [..............................]", p.bar(0));
        assertEquals("100/100 [==============================]", p.bar(100));
        assertEquals("1s", Progbar.eta(1.2));
        assertEquals("1:05", Progbar.eta(65));
        assertEquals("1:00:05", Progbar.eta(3605));
        assertEquals("5ms/step", Progbar.perStepText(0.005));
        assertEquals("250us/step", Progbar.perStepText(0.00025));
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("loss", 0.69314718);
        v.put("accuracy", 0.5);
        v.put("lr", 1e-5);
        assertEquals(" - loss: 0.6931 - accuracy: 0.5000 - lr: 1.0000e-05", Progbar.valuesText(v));
    }

    @Test
    void notATerminalPrintsOnlyTheFinalLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progbar p = new Progbar(3, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        p.update(1, Map.of("loss", 1.0));
        p.update(2, Map.of("loss", 0.5));
        p.update(3, Map.of("loss", 0.25));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("3/3 [==============================] - 0s "), out);
        assertTrue(out.trim().endsWith("- loss: 0.2500"), out);
    }

    @Test
    void terminalRedrawsInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progbar p = new Progbar(2, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        p.update(1, Map.of("loss", 1.0));
        p.update(2, Map.of("loss", 0.5));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\r1/2 [==============>...............] - ETA: "), out);
        assertTrue(out.contains("\r2/2 [==============================]"), out);
    }

    @Test
    void unknownLengthShowsACountThenLearnsTheLengthFromTheFirstEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgbarLogger logger = new ProgbarLogger(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        logger.setParams(Map.of("verbose", 1, "epochs", 2, "steps", -1)); // an iterator of unknown length
        for (int epoch = 0; epoch < 2; epoch++) {
            logger.onEpochBegin(epoch, Map.of());
            for (int b = 0; b < 3; b++) {
                logger.onTrainBatchEnd(b, Map.of("loss", 1.0));
            }
            logger.onEpochEnd(epoch, Map.of("loss", 0.5));
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\r      1/Unknown - 0s "), out); // Keras's "%7d/Unknown" while the length is unknown
        assertTrue(out.contains("\r3/3 [==============================] - 0s "), out); // first epoch's final line
        assertTrue(out.contains("\r1/3 [=========>....................] - ETA: "), out); // second epoch knows 3
    }
}

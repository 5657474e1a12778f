package io.kerasish.zoo;

import static io.kerasish.models.Fit.verbose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidDataException;
import io.kerasish.InvalidFileException;
import io.kerasish.KerasishException;
import io.kerasish.io.config.ConfigJson;
import io.kerasish.layers.Dense;
import io.kerasish.models.History;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The character-level text generator: windows, sampling, errors, saving, and that it learns. */
class TextGeneratorTest {
    /** A small text with a short period, learnable in seconds. */
    static final String TEXT = "The cat sat on the mat. The dog sat on the log. ".repeat(12);

    @TempDir
    Path dir;

    /** A small, quickly trained generator over {@link #TEXT}. */
    static TextGenerator small(boolean lstm, int epochs) {
        TextGenerator g = (lstm ? TextGenerator.lstm(32) : TextGenerator.simpleRnn(32)).maxlen(8).step(1).seed(7);
        g.fit(TEXT, epochs, 32, verbose(0));
        return g;
    }

    @Test
    void windowsAreKerasOneHotLayout() {
        TextGenerator g = TextGenerator.lstm(4).maxlen(3).step(2);
        CharWindows w = g.windows("AbcaBd", 10, false);
        assertEquals("abcd", g.vocabulary(), "lowercased, sorted distinct characters");
        // text "abcabd": range(0, 6 - 3, 2) = [0, 2]: "abc" -> 'a', "cab" -> 'd'
        assertEquals(2, w.size());
        DataSet ds = w.next();
        assertFalse(w.hasNext());
        assertArrayEquals(new long[] {2, 3, 4}, ds.getFeatures().shape(), "(batch, time, vocabulary)");
        assertArrayEquals(new long[] {2, 4}, ds.getLabels().shape());
        int[][] expected = {{0, 1, 2}, {2, 0, 1}};
        int[] next = {0, 3};
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(c == expected[b][t] ? 1f : 0f, ds.getFeatures().getFloat(b, t, c), b + "," + t + "," + c);
                }
            }
            for (int c = 0; c < 4; c++) {
                assertEquals(c == next[b] ? 1f : 0f, ds.getLabels().getFloat(b, c));
            }
        }
        assertArrayEquals(new long[] {3, 4}, g.model().inputShape().dims());
    }

    @Test
    void windowCountIsPythonsRange() {
        assertEquals(2, CharWindows.count(10, 4, 3)); // range(0, 6, 3)
        assertEquals(1, CharWindows.count(5, 4, 3));
        assertEquals(0, CharWindows.count(4, 4, 3));
        assertEquals(48_129, CharWindows.count(144_426, 40, 3));
        assertThrows(InvalidDataException.class, () -> TextGenerator.lstm(4).maxlen(10).windows("too short", 8, true));
    }

    @Test
    void shuffledEpochsVisitEveryWindowOnceAndRepeatWithTheSeed() {
        int[] ids = new int[200];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % 5;
        }
        CharWindows a = new CharWindows(ids, 5, 10, 3, 16, true, 42);
        CharWindows b = new CharWindows(ids, 5, 10, 3, 16, true, 42);
        List<INDArray> first = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            a.reset();
            b.reset();
            int seen = 0;
            while (a.hasNext()) {
                DataSet x = a.next();
                assertEquals(x.getFeatures(), b.next().getFeatures());
                seen += (int) x.getFeatures().size(0);
                if (epoch == 0) {
                    first.add(x.getLabels());
                }
            }
            assertEquals(a.size(), seen);
        }
        // every window exactly once: the label counts equal those of the unshuffled windows
        CharWindows plain = new CharWindows(ids, 5, 10, 3, 1000, false, 0);
        INDArray all = plain.next().getLabels().sum(0);
        assertEquals(all, Nd4j.concat(0, first.toArray(INDArray[]::new)).sum(0));
    }

    @Test
    void lowTemperatureIsArgmaxAndOneIsTheDistribution() {
        double[] p = {0.1, 0.5, 0.0, 0.4};
        Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, TextGenerator.sample(p, 0.01, r));
        }
        int[] counts = new int[4];
        for (int i = 0; i < 20_000; i++) {
            counts[TextGenerator.sample(p, 1.0, r)]++;
        }
        assertEquals(0, counts[2], "zero probability is never drawn");
        assertEquals(0.1, counts[0] / 20_000.0, 0.015);
        assertEquals(0.5, counts[1] / 20_000.0, 0.015);
        // temperature 0.5 squares and renormalizes: 0.01, 0.25, 0.16 over 0.42
        int[] sharp = new int[4];
        for (int i = 0; i < 20_000; i++) {
            sharp[TextGenerator.sample(p, 0.5, r)]++;
        }
        assertEquals(0.25 / 0.42, sharp[1] / 20_000.0, 0.015);
        assertThrows(InvalidConfigException.class, () -> TextGenerator.sample(p, 0, r));
        assertThrows(InvalidConfigException.class, () -> TextGenerator.sample(p, Double.NaN, r));
        assertThrows(InvalidDataException.class, () -> TextGenerator.sample(new double[] {0, 0}, 1, r));
    }

    @Test
    void lossFallsAndGenerationRepeats() {
        TextGenerator g = TextGenerator.lstm(32).maxlen(8).step(1).seed(7);
        History h = g.fit(TEXT, 6, 32, verbose(0));
        List<Double> loss = h.get("loss");
        assertEquals(6, loss.size());
        assertTrue(loss.get(5) < 0.6 * loss.get(0), "loss per epoch " + loss);
        String a = g.generate("the cat ", 60, 0.5);
        assertEquals(60, a.codePointCount(0, a.length()));
        assertEquals(a, g.generate("The Cat ", 60, 0.5), "the seed is lowercased, sampling restarts from the seed");
        assertNotEquals(a, g.generate("the cat ", 60, 1.0, new Random(99)));
        assertTrue(g.vocabulary().chars().allMatch(c -> !Character.isUpperCase(c)));
    }

    @Test
    void seedsShorterOrLongerThanTheWindow() {
        TextGenerator g = small(false, 1);
        String longSeed = "on the mat. the dog sat";
        assertEquals(g.generate(longSeed.substring(longSeed.length() - 8), 20, 1.0),
                g.generate(longSeed, 20, 1.0), "only the last maxlen characters are read");
        // a short seed is padded in front with all-zero steps
        String vocab = g.vocabulary();
        INDArray x = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 8, vocab.length());
        x.putScalar(new long[] {0, 6, vocab.indexOf('o')}, 1f);
        x.putScalar(new long[] {0, 7, vocab.indexOf('n')}, 1f);
        double[] p = g.model().predict(x).toDoubleVector();
        int expected = TextGenerator.sample(p, 0.7, new Random(g.seed()));
        assertEquals(String.valueOf(vocab.charAt(expected)), g.generate("on", 1, 0.7));
        KerasishException e = assertThrows(InvalidDataException.class, () -> g.generate("", 5, 1.0));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> g.generate("the", 5, -1));
    }

    @Test
    void unknownCharactersAreNamed() {
        TextGenerator g = small(false, 1);
        KerasishException e = assertThrows(InvalidDataException.class, () -> g.generate("the zebra é", 5, 1.0));
        assertTrue(e.getMessage().contains("4 characters outside the vocabulary: 'b' 'r' 'z' 'é' (U+00E9). Remove"),
                e.getMessage());
        KerasishException again = assertThrows(InvalidDataException.class, () -> g.fit("the cat sat!\n", 1, verbose(0)));
        assertTrue(again.getMessage().contains("'!'") && again.getMessage().contains("'\\n'"), again.getMessage());
        assertThrows(InvalidConfigException.class, () -> g.maxlen(10), "settings are fixed once the model is built");
    }

    @Test
    void savedFileLoadsAndGeneratesTheSame() throws Exception {
        TextGenerator g = small(true, 1);
        Path file = dir.resolve("gen.h5");
        g.save(file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
        TextGenerator back = TextGenerator.load(file);
        assertEquals(g.vocabulary(), back.vocabulary());
        assertEquals(8, back.maxlen());
        assertEquals(1, back.step());
        assertEquals(7, back.seed());
        for (double t : new double[] {0.2, 1.0}) {
            assertEquals(g.generate("the dog ", 80, t), back.generate("the dog ", 80, t));
        }
        // the same file is a Keras model for Keras's loader (the extra attribute is ignored)
        Sequential plain = Models.loadModel(file);
        assertEquals(g.model().getWeights().size(), plain.getWeights().size());
        // loaded models keep training
        History h = back.fit(TEXT, 1, 32, verbose(0));
        assertTrue(Double.isFinite(h.get("loss").get(0)));
    }

    @Test
    void savedFileIsKerasLayoutForH5py() throws Exception {
        Assumptions.assumeTrue(h5py(), "python3-h5py not installed");
        TextGenerator g = TextGenerator.simpleRnn(8).maxlen(4).lowercase(false);
        g.fit("Alice’s “curious” tale, once more. ".repeat(4), 1, 16, verbose(0));
        Path file = dir.resolve("gen.h5");
        g.save(file);
        String out = python(Path.of("..", "src-test-data", "check_keras_layout.py").toString(), file.toString(), "--full");
        Map<String, Object> r = ConfigJson.parse(out.substring(out.indexOf('{')), "check_keras_layout");
        assertEquals(Boolean.TRUE, r.get("ok"), out);
        assertEquals("Sequential", r.get("model_config_class"));
        String attr = python("-c", "import h5py,sys; v=h5py.File(sys.argv[1],'r').attrs['" + TextGenerator.ATTRIBUTE
                + "']; print(v.decode('utf8') if isinstance(v, bytes) else v)", file.toString());
        Map<String, Object> s = ConfigJson.parse(attr, "attribute read by h5py");
        assertEquals(g.vocabulary(), s.get("vocabulary"));
        assertTrue(g.vocabulary().contains("’") && g.vocabulary().contains("A"), g.vocabulary());
        assertEquals(4L, s.get("maxlen"));
    }

    @Test
    void loadingAPlainModelFileSaysWhatIsMissing() {
        Sequential m = new Sequential();
        m.add(new Dense(3).inputDim(2).activation("softmax"));
        m.compile("adam", "categorical_crossentropy");
        Path file = dir.resolve("plain.h5");
        m.save(file);
        KerasishException e = assertThrows(InvalidFileException.class, () -> TextGenerator.load(file));
        assertTrue(e.getMessage().contains(TextGenerator.ATTRIBUTE), e.getMessage());
        assertThrows(KerasishException.class, () -> TextGenerator.lstm(8).model(), "no model before fit");
        assertThrows(KerasishException.class, () -> TextGenerator.lstm(8).save(dir.resolve("x.h5")));
    }

    @Test
    void vocabularyIsSortedByCodePointAsPython() {
        TextGenerator g = TextGenerator.simpleRnn(4).maxlen(2).lowercase(false);
        g.windows("b\uD83D\uDE00a\uFB01Ab", 4, false); // an emoji (two UTF-16 units) sorts after U+FB01, as in Python
        int[] cps = g.vocabulary().codePoints().toArray();
        assertArrayEquals(new int[] {'A', 'a', 'b', 0xFB01, 0x1F600}, cps);
        Set<Integer> distinct = new HashSet<>();
        for (int c : cps) {
            assertTrue(distinct.add(c));
        }
    }

    private static boolean h5py() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py").redirectErrorStream(true).start();
            boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (!ok) {
                System.out.println("skipped: /usr/bin/python3 with h5py not found (apt-get install python3-h5py)");
            }
            return ok;
        } catch (java.io.IOException | InterruptedException e) {
            System.out.println("skipped: /usr/bin/python3 not runnable (" + e + ")");
            return false;
        }
    }

    private static String python(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}

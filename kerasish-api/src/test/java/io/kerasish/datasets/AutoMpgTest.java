package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidDataException;
import io.kerasish.KerasishException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** AutoMpg reads UCI's auto-mpg.data and prepares it as TensorFlow's fuel-efficiency tutorial does. */
class AutoMpgTest {
    @TempDir
    Path dir;

    /** The real file in the shared folder (not committed); the test is skipped, with a message, without it. */
    static Path realFile() {
        return Shared.data("auto-mpg/auto-mpg.data");
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String SAMPLE = """
            18.0   8   307.0      130.0      3504.      12.0   70  1\t"chevrolet chevelle malibu"
            25.0   4   98.00      ?          2046.      19.0   71  1\t"ford pinto"
            24.0   4   113.0      95.00      2372.      15.0   70  3\t"toyota corona mark ii"
            26.0   4   97.00      46.00      1835.      20.5   70  2\t"volkswagen 1131 deluxe sedan"
            """;

    @Test
    void realFileHas398RowsAnd392WithoutUnknownHorsepower() {
        Path f = realFile();
        AutoMpg.Data all = AutoMpg.loadData(f, false);
        assertEquals(398, all.size());
        float[] hp = all.column("Horsepower");
        int missing = 0;
        for (float v : hp) {
            missing += Float.isNaN(v) ? 1 : 0;
        }
        assertEquals(6, missing);

        AutoMpg.Data cars = AutoMpg.loadData(f);
        assertEquals(392, cars.size());
        assertEquals(List.of("Cylinders", "Displacement", "Horsepower", "Weight", "Acceleration", "Model Year", "Origin"),
                cars.columnNames());
        assertEquals(18.0f, cars.mpg()[0]);
        assertArrayEquals(new float[] {8, 307.0f, 130.0f, 3504f, 12.0f, 70, 1}, cars.features()[0]);
        assertEquals("chevrolet chevelle malibu", cars.carNames().get(0));
        assertEquals(cars.size(), cars.carNames().size());
        for (String gone : List.of("renault lecar deluxe", "ford mustang cobra", "renault 18i", "amc concord dl")) {
            assertTrue(all.carNames().contains(gone) && !cars.carNames().contains(gone), gone + " has no horsepower");
        }
        // the last line of the file
        assertEquals("chevy s-10", cars.carNames().get(391));
        assertEquals(31.0f, cars.mpg()[391]);

        INDArray x = cars.x();
        assertArrayEquals(new long[] {392, 7}, x.shape());
        assertArrayEquals(new long[] {392, 1}, cars.y().shape());
        assertEquals(3504f, x.getFloat(0, 3));
    }

    @Test
    void oneHotOriginAsTheTutorial() {
        AutoMpg.Data cars = AutoMpg.loadData(realFile()).oneHotOrigin();
        assertEquals(List.of("Cylinders", "Displacement", "Horsepower", "Weight", "Acceleration", "Model Year",
                "Europe", "Japan", "USA"), cars.columnNames());
        assertArrayEquals(new float[] {8, 307.0f, 130.0f, 3504f, 12.0f, 70, 0, 0, 1}, cars.features()[0]);
        float usa = 0;
        float europe = 0;
        float japan = 0;
        for (float[] r : cars.features()) {
            assertEquals(1f, r[6] + r[7] + r[8]);
            europe += r[6];
            japan += r[7];
            usa += r[8];
        }
        assertEquals(245, usa); // pandas: dataset['Origin'].value_counts() after dropna
        assertEquals(68, europe);
        assertEquals(79, japan);
        assertThrows(InvalidConfigException.class, cars::oneHotOrigin, "Origin is already encoded");
    }

    @Test
    void seededSplitAndTrainingStatistics() {
        AutoMpg.Data cars = AutoMpg.loadData(realFile()).oneHotOrigin();
        AutoMpg.Split s = cars.split(0.8, 0);
        assertEquals(314, s.train().size()); // round(0.8 * 392), as pandas's sample(frac=0.8)
        assertEquals(78, s.test().size());
        assertEquals(s.train().carNames(), cars.split(0.8, 0).train().carNames(), "same seed, same split");
        assertNotEquals(s.train().carNames(), cars.split(0.8, 1).train().carNames());
        // the parts are disjoint and cover every car (by row identity)
        Set<float[]> rows = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        rows.addAll(List.of(s.train().features()));
        rows.addAll(List.of(s.test().features()));
        assertEquals(392, rows.size());

        AutoMpg.Normalization norm = s.train().normalization();
        AutoMpg.Data train = norm.apply(s.train());
        AutoMpg.Data test = norm.apply(s.test());
        for (String c : cars.columnNames()) {
            double[] ms = meanStd(train.column(c));
            assertEquals(0, ms[0], 1e-5, c + " mean");
            assertEquals(1, ms[1], 1e-5, c + " std");
        }
        // the test part uses the training statistics
        int w = cars.columnNames().indexOf("Weight");
        assertEquals((s.test().features()[0][w] - norm.mean()[w]) / norm.std()[w], test.features()[0][w], 1e-6);
        assertEquals((float) meanStd(s.train().column("Weight"))[0], norm.mean()[w], 1e-2);
        assertArrayEquals(s.test().mpg(), test.mpg(), "labels are not normalized");
        assertArrayEquals(new long[] {314, 9}, train.x().shape());

        assertThrows(InvalidConfigException.class, () -> cars.split(1.5, 0));
        assertThrows(InvalidConfigException.class, () -> norm.apply(AutoMpg.loadData(realFile())),
                "statistics of one-hot columns do not fit raw columns");
    }

    private static double[] meanStd(float[] v) {
        double m = 0;
        for (float f : v) {
            m += f;
        }
        m /= v.length;
        double s = 0;
        for (float f : v) {
            s += (f - m) * (f - m);
        }
        return new double[] {m, Math.sqrt(s / v.length)};
    }

    @Test
    void missingValuesAreDroppedOrKeptAsNaN() throws IOException {
        Path f = write("auto-mpg.data", SAMPLE);
        AutoMpg.Data kept = AutoMpg.loadData(f, false);
        assertEquals(4, kept.size());
        assertTrue(Float.isNaN(kept.features()[1][2]));
        assertEquals("ford pinto", kept.carNames().get(1));
        AutoMpg.Data dropped = AutoMpg.loadData(f);
        assertEquals(List.of("chevrolet chevelle malibu", "toyota corona mark ii", "volkswagen 1131 deluxe sedan"),
                dropped.carNames());
        assertArrayEquals(new float[] {18, 24, 26}, dropped.mpg());
        assertEquals(kept.dropna().carNames(), dropped.carNames());
        AutoMpg.Data hot = dropped.oneHotOrigin();
        assertArrayEquals(new float[] {0, 0, 1}, java.util.Arrays.copyOfRange(hot.features()[0], 6, 9)); // USA
        assertArrayEquals(new float[] {0, 1, 0}, java.util.Arrays.copyOfRange(hot.features()[1], 6, 9)); // Japan
        assertArrayEquals(new float[] {1, 0, 0}, java.util.Arrays.copyOfRange(hot.features()[2], 6, 9)); // Europe

        Path gz = dir.resolve("auto-mpg.data.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(3, AutoMpg.loadData(gz).size());
    }

    @Test
    void malformedRowsNameTheFileAndLine() {
        List<String> cases = new ArrayList<>(List.of(
                "25.0   4   98.00  2046.      19.0   71  1\t\"too few\"", // 7 numbers
                "25.0   4   98.00  90 2046.  19.0   71  1  5\t\"too many\"",
                "25.0   4   98.00  fast  2046.      19.0   71  1\t\"not a number\"",
                "25.0   4   98.00  NaN  2046.      19.0   71  1\t\"java-only number\"",
                "25.0   4   98.00  90  2046.      19.0   71  1   no quotes"));
        String good = SAMPLE.lines().findFirst().orElseThrow() + "\n";
        for (int i = 0; i < cases.size(); i++) {
            Path f = write("bad" + i + ".data", good + good + cases.get(i) + "\n" + good);
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> AutoMpg.loadData(f, false));
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        }
        Path f = write("bad-hp.data", good + "25.0   4   98.00  fast  2046.      19.0   71  1\t\"x\"\n");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> AutoMpg.loadData(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("Horsepower")
                && e.getMessage().contains("\"fast\""), e.getMessage());

        Path origin = write("bad-origin.data", good.replace("70  1\t", "70  4\t"));
        assertThrows(InvalidDataException.class, () -> AutoMpg.loadData(origin).oneHotOrigin());
        assertThrows(InvalidDataException.class, () -> AutoMpg.loadData(write("empty.data", "\n")));
    }

    @Test
    void withoutTheFileTheErrorSaysWhereToPutIt() {
        boolean present = Datasets.searchPath("auto-mpg").stream()
                .anyMatch(d -> Files.isRegularFile(d.resolve("auto-mpg.data")) || Files.isRegularFile(d.resolve("auto-mpg.data.gz")));
        Assumptions.assumeFalse(present, "auto-mpg.data is installed in a library location");
        KerasishException e = assertThrows(KerasishException.class, AutoMpg::loadData);
        assertTrue(e.getMessage().contains("auto-mpg.data"), e.getMessage());
        assertTrue(e.getMessage().contains(AutoMpg.URL), e.getMessage());
        assertTrue(e.getMessage().contains(Datasets.searchPath("auto-mpg").get(0).toString()), e.getMessage());

        Path nowhere = dir.resolve("nowhere.data");
        KerasishException e2 = assertThrows(KerasishException.class, () -> AutoMpg.loadData(nowhere));
        assertTrue(e2.getMessage().contains("nowhere.data") && e2.getMessage().contains(AutoMpg.URL), e2.getMessage());
    }
}

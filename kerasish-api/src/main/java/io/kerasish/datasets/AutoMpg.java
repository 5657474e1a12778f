package io.kerasish.datasets;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidDataException;
import io.kerasish.KerasishException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The UCI Auto MPG data set that TensorFlow's "Basic regression: Predict fuel efficiency" tutorial uses: 398 cars
 * of 1970-1982, the fuel efficiency (miles per gallon) to predict from 7 features.
 *
 * <pre>{@code
 * AutoMpg.Data cars = AutoMpg.loadData().oneHotOrigin();        // 392 rows: the 6 with unknown horsepower dropped
 * AutoMpg.Split s = cars.split(0.8, 0);                          // dataset.sample(frac=0.8, random_state=0)
 * AutoMpg.Normalization norm = s.train().normalization();        // statistics of the training part only
 * model.fit(norm.apply(s.train()).x(), s.train().y(), epochs(100), validationSplit(0.2));
 * model.evaluate(norm.apply(s.test()).x(), s.test().y());
 * }</pre>
 *
 * The file is UCI's {@code auto-mpg.data}: per line, whitespace-separated {@code mpg cylinders displacement
 * horsepower weight acceleration model_year origin}, then the car name in quotes; {@code ?} marks a missing
 * value (horsepower, in 6 rows). {@link #loadData()} looks for {@code auto-mpg/auto-mpg.data} (or
 * {@code auto-mpg.data.gz}) in {@code $KERASISH_DATA}, then the cache ({@code ~/.kerasish/datasets} or
 * {@code $KERASISH_HOME/datasets}), and downloads it from {@link #URL} into the cache when it is missing, checked
 * against {@link #SHA256}; offline, the error says where to put the file.
 */
public final class AutoMpg {
    /** Where UCI publishes the file. */
    public static final String URL = "https://archive.ics.uci.edu/ml/machine-learning-databases/auto-mpg/auto-mpg.data";
    /**
     * The SHA-256 of UCI's file (398 lines, 30,286 bytes). UCI publishes no checksum; this is the hash of the
     * byte-identical copies in UCI's own download bundle ({@code auto+mpg.zip}) and the project's shared data.
     */
    public static final String SHA256 = "48b830e11feee5572525f8f1691ddb9d38d3d7b7063edcd8fca672c2a5e17d8d";
    /** The file name looked for. */
    public static final String FILE = "auto-mpg.data";
    /** The TF tutorial's names of the file's 8 numeric columns, the label first. */
    public static final List<String> COLUMN_NAMES = List.of("MPG", "Cylinders", "Displacement", "Horsepower",
            "Weight", "Acceleration", "Model Year", "Origin");
    /** The 7 feature columns, as {@link Data#columnNames()} has them after loading. */
    public static final List<String> FEATURE_NAMES = COLUMN_NAMES.subList(1, COLUMN_NAMES.size());
    /** The origin codes 1, 2 and 3 mean these, as in the TF tutorial. */
    public static final List<String> ORIGINS = List.of("USA", "Europe", "Japan");

    private AutoMpg() {
    }

    /** The file from the library locations, with the 6 rows of unknown horsepower dropped (the tutorial's dropna). */
    public static Data loadData() {
        return loadData(true);
    }

    /** @param dropna true drops the rows with a missing value; false keeps them with NaN there */
    public static Data loadData(boolean dropna) {
        for (Path dir : Datasets.searchPath("auto-mpg")) {
            Path f = Datasets.file(dir, FILE);
            if (Files.isRegularFile(f)) {
                return loadData(f, dropna);
            }
        }
        return loadData(Datasets.fetch("auto-mpg", FILE, new Datasets.Remote(URL, SHA256)), dropna);
    }

    /** This file, gzipped or not, with the rows of unknown horsepower dropped. */
    public static Data loadData(Path file) {
        return loadData(file, true);
    }

    /**
     * @param dropna true drops the rows with a missing value; false keeps them with NaN there
     * @throws InvalidDataException naming the file and line of a malformed row
     */
    public static Data loadData(Path file, boolean dropna) {
        if (!Files.isRegularFile(file)) {
            throw new KerasishException("Auto MPG file " + file.toAbsolutePath() + " not found. Download it from "
                    + URL + ".");
        }
        List<float[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                BufferedReader in = new BufferedReader(new InputStreamReader(
                        file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                parseLine(file, number, line, rows, names);
            }
        } catch (IOException e) {
            throw new KerasishException("Cannot read " + file + ": " + e, e);
        }
        if (rows.isEmpty()) {
            throw new InvalidDataException(file + " has no rows; expected UCI's auto-mpg.data (398 lines) from " + URL);
        }
        int n = rows.size();
        float[][] features = new float[n][];
        float[] mpg = new float[n];
        for (int i = 0; i < n; i++) {
            mpg[i] = rows.get(i)[0];
            features[i] = Arrays.copyOfRange(rows.get(i), 1, COLUMN_NAMES.size());
        }
        Data all = new Data(features, mpg, names, FEATURE_NAMES);
        return dropna ? all.dropna() : all;
    }

    private static void parseLine(Path file, int number, String line, List<float[]> rows, List<String> names) {
        int quote = line.indexOf('"');
        int end = line.lastIndexOf('"');
        if (quote < 0 || end == quote) {
            throw new InvalidDataException(file + " line " + number + ": expected 8 numbers then the car name in "
                    + "double quotes, got \"" + line + "\". Is this UCI's auto-mpg.data (" + URL + ")?");
        }
        String[] fields = line.substring(0, quote).trim().split("\\s+");
        if (fields.length != COLUMN_NAMES.size()) {
            throw new InvalidDataException(file + " line " + number + ": expected " + COLUMN_NAMES.size()
                    + " numbers (" + String.join(", ", COLUMN_NAMES) + ") before the car name, found "
                    + (fields.length == 1 && fields[0].isEmpty() ? 0 : fields.length) + ": \"" + line + "\"");
        }
        float[] row = new float[fields.length];
        for (int c = 0; c < fields.length; c++) {
            String f = fields[c];
            if (f.equals("?")) {
                row[c] = Float.NaN;
                continue;
            }
            try {
                row[c] = Float.parseFloat(f);
            } catch (NumberFormatException e) {
                row[c] = Float.NaN;
            }
            if (!isPlainNumber(f) || !Float.isFinite(row[c])) {
                throw new InvalidDataException(file + " line " + number + ": " + COLUMN_NAMES.get(c) + " (column "
                        + (c + 1) + ") is \"" + f + "\", not a number or '?' (missing)");
            }
        }
        rows.add(row);
        names.add(line.substring(quote + 1, end));
    }

    /** Digits with an optional sign, point and exponent: what the file holds (Java would also take "NaN", "1f"). */
    private static boolean isPlainNumber(String s) {
        return s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    /**
     * Cars as rows: {@code features} (one row per car, columns named by {@code columnNames}), the label {@code mpg}
     * and the car names. Each method returns a new Data; the arrays are not copied, so do not modify them.
     */
    public record Data(float[][] features, float[] mpg, List<String> carNames, List<String> columnNames) {
        public Data {
            if (features.length != mpg.length || features.length != carNames.size()) {
                throw new InvalidDataException("AutoMpg.Data: " + features.length + " feature rows, " + mpg.length
                        + " mpg values and " + carNames.size() + " car names; they must be as many");
            }
            for (float[] r : features) {
                if (r.length != columnNames.size()) {
                    throw new InvalidDataException("AutoMpg.Data: a feature row has " + r.length
                            + " values for the columns " + columnNames);
                }
            }
            carNames = List.copyOf(carNames);
            columnNames = List.copyOf(columnNames);
        }

        /** The number of cars. */
        public int size() {
            return mpg.length;
        }

        /** The features as a {@code (size, columns)} FLOAT array, ready for {@code model.fit(x, y, ...)}. */
        public INDArray x() {
            return size() == 0 ? Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, columnNames.size())
                    : Nd4j.createFromArray(features);
        }

        /** The label, miles per gallon, as a {@code (size, 1)} FLOAT array. */
        public INDArray y() {
            return Nd4j.createFromArray(mpg).reshape(size(), 1);
        }

        /** One feature column by name, e.g. {@code column("Horsepower")}. */
        public float[] column(String name) {
            int c = columnNames.indexOf(name);
            if (c < 0) {
                throw new InvalidConfigException("AutoMpg: no column \"" + name + "\"; the columns are " + columnNames);
            }
            float[] v = new float[size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = features[i][c];
            }
            return v;
        }

        /** pandas's {@code dropna()}: the rows without a missing (NaN) value, in order. */
        public Data dropna() {
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                boolean ok = !Float.isNaN(mpg[i]);
                for (float v : features[i]) {
                    ok &= !Float.isNaN(v);
                }
                if (ok) {
                    keep.add(i);
                }
            }
            return rows(keep);
        }

        /**
         * The TF tutorial's one-hot encoding of {@code Origin}: the column is replaced by {@code Europe},
         * {@code Japan} and {@code USA} columns (pandas's {@code get_dummies} order, appended last) holding 1 for
         * the car's origin (1 USA, 2 Europe, 3 Japan) and 0 elsewhere.
         *
         * @throws InvalidDataException when an origin is not 1, 2 or 3 (or is missing)
         */
        public Data oneHotOrigin() {
            int o = columnNames.indexOf("Origin");
            if (o < 0) {
                throw new InvalidConfigException("AutoMpg: there is no Origin column to encode (columns "
                        + columnNames + "); oneHotOrigin() was probably applied already");
            }
            List<String> dummies = List.of("Europe", "Japan", "USA");
            List<String> names = new ArrayList<>(columnNames);
            names.remove(o);
            names.addAll(dummies);
            float[][] out = new float[size()][];
            for (int i = 0; i < size(); i++) {
                float origin = features[i][o];
                if (origin != 1 && origin != 2 && origin != 3) {
                    throw new InvalidDataException("AutoMpg: car " + i + " (" + carNames.get(i) + ") has origin "
                            + origin + "; expected 1 (USA), 2 (Europe) or 3 (Japan)");
                }
                String name = ORIGINS.get((int) origin - 1);
                float[] r = new float[names.size()];
                int k = 0;
                for (int c = 0; c < features[i].length; c++) {
                    if (c != o) {
                        r[k++] = features[i][c];
                    }
                }
                for (String d : dummies) {
                    r[k++] = d.equals(name) ? 1f : 0f;
                }
                out[i] = r;
            }
            return new Data(out, mpg, carNames, names);
        }

        /**
         * A seeded random split, as the tutorial's {@code train = dataset.sample(frac=0.8, random_state=0)} and
         * {@code test = dataset.drop(train.index)}: {@code round(trainFraction * size)} cars drawn without
         * replacement (in drawn order) for training, the rest (in file order) for testing. The same seed gives the
         * same split; it does not reproduce pandas's choice of rows.
         */
        public Split split(double trainFraction, long seed) {
            if (!(trainFraction >= 0 && trainFraction <= 1)) {
                throw new InvalidConfigException("AutoMpg.split: trainFraction must be between 0 and 1 (e.g. 0.8), got "
                        + trainFraction);
            }
            int n = size();
            int nTrain = (int) Math.round(trainFraction * n);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random r = new Random(seed);
            for (int i = 0; i < nTrain; i++) { // partial Fisher-Yates: order[0..nTrain) is a uniform draw
                int j = i + r.nextInt(n - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            List<Integer> train = new ArrayList<>();
            boolean[] taken = new boolean[n];
            for (int i = 0; i < nTrain; i++) {
                train.add(order[i]);
                taken[order[i]] = true;
            }
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    test.add(i);
                }
            }
            return new Split(rows(train), rows(test));
        }

        /** The mean and standard deviation of each feature column of this data (normally the training part). */
        public Normalization normalization() {
            return Normalization.adapt(this);
        }

        private Data rows(List<Integer> idx) {
            float[][] f = new float[idx.size()][];
            float[] y = new float[idx.size()];
            List<String> names = new ArrayList<>(idx.size());
            for (int k = 0; k < idx.size(); k++) {
                int i = idx.get(k);
                f[k] = features[i];
                y[k] = mpg[i];
                names.add(carNames.get(i));
            }
            return new Data(f, y, names, columnNames);
        }

        @Override
        public String toString() {
            return "AutoMpg.Data[" + size() + " cars, columns " + columnNames + "]";
        }
    }

    /** The two parts of {@link Data#split(double, long)}. */
    public record Split(Data train, Data test) {
    }

    /**
     * Per-column statistics that turn each feature into {@code (x - mean) / std}, as Keras's
     * {@code Normalization} layer after {@code adapt(train_features)} (the tutorial's normalizer): the standard
     * deviation is the population one (divide by n) and never below 1e-7, so a constant column becomes 0.
     */
    public record Normalization(List<String> columnNames, float[] mean, float[] std) {
        public Normalization {
            columnNames = List.copyOf(columnNames);
            if (mean.length != columnNames.size() || std.length != columnNames.size()) {
                throw new InvalidConfigException("AutoMpg.Normalization: " + mean.length + " means and " + std.length
                        + " stds for " + columnNames.size() + " columns");
            }
        }

        /** The statistics of these rows' features, NaN ignored. */
        public static Normalization adapt(Data data) {
            int cols = data.columnNames().size();
            float[] mean = new float[cols];
            float[] std = new float[cols];
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                int n = 0;
                for (float[] r : data.features()) {
                    if (!Float.isNaN(r[c])) {
                        sum += r[c];
                        n++;
                    }
                }
                if (n == 0) {
                    throw new InvalidDataException("AutoMpg.Normalization: column " + data.columnNames().get(c)
                            + " has no values to take statistics from");
                }
                double m = sum / n;
                double sq = 0;
                for (float[] r : data.features()) {
                    if (!Float.isNaN(r[c])) {
                        sq += (r[c] - m) * (r[c] - m);
                    }
                }
                mean[c] = (float) m;
                std[c] = (float) Math.max(Math.sqrt(sq / n), 1e-7);
            }
            return new Normalization(data.columnNames(), mean, std);
        }

        /** These rows with each feature normalized; mpg and names unchanged. */
        public Data apply(Data data) {
            if (!data.columnNames().equals(columnNames)) {
                throw new InvalidConfigException("AutoMpg.Normalization: statistics are for the columns " + columnNames
                        + " but the data has " + data.columnNames() + "; compute them from data encoded the same way");
            }
            float[][] out = new float[data.size()][];
            for (int i = 0; i < out.length; i++) {
                float[] r = data.features()[i];
                float[] z = new float[r.length];
                for (int c = 0; c < r.length; c++) {
                    z[c] = (r[c] - mean[c]) / std[c];
                }
                out[i] = z;
            }
            return new Data(out, data.mpg(), data.carNames(), columnNames);
        }
    }
}

package io.kerasish.callbacks;

import io.kerasish.InvalidConfigException;
import io.kerasish.KerasishException;
import io.kerasish.io.config.ConfigJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keras's {@code CSVLogger}: streams each epoch's results to a CSV file.
 *
 * <pre>{@code
 * model.fit(x, y, epochs(20), validationSplit(0.2), callbacks(new CSVLogger("training.log")));
 * }</pre>
 *
 * As in Keras: the file is opened when training begins (overwritten, or appended to with {@code append(true)});
 * the first row is {@code epoch} followed by the log keys in sorted order, written only when the file is new or
 * empty; then one row per epoch, {@code epoch} 0-based, numbers written as Python prints floats ({@code 0.25},
 * {@code 1e-05}, {@code nan}, {@code inf}), lines ended by {@code \r\n} (Python's {@code csv.excel} dialect),
 * fields quoted only when they contain the separator, a quote or a line break. Each row is flushed, so a crash
 * keeps the epochs already done. A key the header has but an epoch's logs lack is written {@code NA}; a key that
 * first appears after the header was written is left out, as Keras does.
 *
 * <p>The columns are the keys of the first epoch's logs together with the keys {@code fit} announces in
 * {@code params["metrics"]} (so {@code val_*} columns are there, as {@code NA}, even when the first epoch has no
 * validation results). tf.keras 2 instead adds {@code val_*} columns whenever the first logs have none, even
 * without validation data (keras-team/keras#21173); kerasish writes {@code val_*} columns only when {@code fit}
 * has validation data.
 */
public class CSVLogger implements Callback {
    private final Path filename;
    private String separator = ",";
    private boolean append;

    private Map<String, Object> params = Map.of();
    private Writer out;
    private boolean writeHeader;
    private List<String> keys;

    /** Keras's {@code filename}: the CSV file, e.g. {@code "run/log.csv"}. Its folder must exist. */
    public CSVLogger(String filename) {
        this(Path.of(requireName(filename)));
    }

    public CSVLogger(Path filename) {
        if (filename == null) {
            throw new InvalidConfigException("CSVLogger: filename must name a file, e.g. \"training.log\"");
        }
        this.filename = filename;
    }

    private static String requireName(String filename) {
        if (filename == null || filename.isBlank()) {
            throw new InvalidConfigException("CSVLogger: filename must name a file, e.g. \"training.log\"");
        }
        return filename;
    }

    /** Keras's {@code separator}: the one character between fields (default {@code ","}). */
    public CSVLogger separator(String separator) {
        if (separator == null || separator.length() != 1 || separator.equals("\"") || separator.equals("\r")
                || separator.equals("\n")) {
            throw new InvalidConfigException("CSVLogger: separator must be one character other than a quote or a "
                    + "line break (as Python's csv module requires), got " + (separator == null ? "null"
                    : "\"" + separator + "\""));
        }
        this.separator = separator;
        return this;
    }

    /**
     * Keras's {@code append}: true adds rows to an existing file (useful for continuing training), without a
     * second header when the file already has content; false (the default) overwrites it.
     */
    public CSVLogger append(boolean append) {
        this.append = append;
        return this;
    }

    public Path filename() {
        return filename;
    }

    public String separator() {
        return separator;
    }

    public boolean append() {
        return append;
    }

    @Override
    public void setParams(Map<String, Object> params) {
        this.params = params == null ? Map.of() : params;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        close(); // a previous fit that failed before onTrainEnd
        keys = null;
        try {
            writeHeader = true;
            if (append && Files.exists(filename)) {
                try (BufferedReader r = Files.newBufferedReader(filename, StandardCharsets.UTF_8)) {
                    String first = r.readLine();
                    writeHeader = first == null; // Keras: header only when the file has no first line
                }
            }
            out = Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (NoSuchFileException e) {
            Path parent = filename.toAbsolutePath().getParent();
            throw new KerasishException("CSVLogger cannot create " + filename + ": the folder " + parent
                    + " does not exist. Create it first (Files.createDirectories) or choose another filename.", e);
        } catch (IOException e) {
            throw new KerasishException("CSVLogger cannot open " + filename + " for writing: " + e, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (out == null) {
            throw new KerasishException("CSVLogger: onEpochEnd called before onTrainBegin (the file " + filename
                    + " is not open); pass the logger to fit with callbacks(...)");
        }
        if (keys == null) {
            TreeSet<String> sorted = new TreeSet<>(logs.keySet());
            sorted.remove("epoch");
            if (params.get("metrics") instanceof List<?> announced) {
                announced.forEach(k -> sorted.add(String.valueOf(k)));
            }
            keys = new ArrayList<>(sorted);
        }
        try {
            if (writeHeader) {
                List<String> header = new ArrayList<>();
                header.add("epoch");
                header.addAll(keys);
                writeRow(header);
                writeHeader = false;
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(epoch));
            for (String k : keys) {
                row.add(!logs.containsKey(k) ? "NA" : format(logs.get(k)));
            }
            writeRow(row);
            out.flush();
        } catch (IOException e) {
            throw new KerasishException("CSVLogger cannot write to " + filename + ": " + e, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        close();
    }

    private void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new KerasishException("CSVLogger cannot close " + filename + ": " + e, e);
            } finally {
                out = null;
            }
        }
    }

    /** Python's {@code str(float)}; Python's csv module writes {@code None} as an empty field. */
    static String format(Double v) {
        if (v == null) {
            return "";
        }
        if (v.isNaN()) {
            return "nan";
        }
        if (v.isInfinite()) {
            return v > 0 ? "inf" : "-inf";
        }
        return ConfigJson.pythonFloat(v);
    }

    private void writeRow(List<String> fields) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            String f = fields.get(i);
            if (f.contains(separator) || f.contains("\"") || f.contains("\r") || f.contains("\n")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"'); // csv.QUOTE_MINIMAL
            } else {
                sb.append(f);
            }
        }
        sb.append("\r\n");
        out.write(sb.toString());
    }
}

package io.kerasish.preprocessing.sequence;

import io.kerasish.InvalidConfigException;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code pad_sequences}: lists of ids of different lengths to one array {@code (n, maxlen)}, the input of
 * an {@code Embedding}. Keras's defaults: {@code maxlen} the longest sequence, dtype int32, padding and truncating
 * {@code "pre"} (zeros before the ids, and the start of a long sequence cut off), value 0.
 *
 * <pre>{@code
 * import static io.kerasish.preprocessing.sequence.Sequences.*;
 * INDArray x = padSequences(seqs, maxlen(200));                      // [[0, 0, 5, 7], ...]
 * INDArray y = padSequences(seqs, maxlen(200), padding("post"), truncating("post"));
 * }</pre>
 *
 * The result is an INDArray, as Keras returns a numpy array: {@code model.fit}, {@code evaluate} and
 * {@code predict} take it as it is; {@link #padSequencesToInts} gives the same values as {@code int[][]}.
 */
public final class Sequences {
    private Sequences() {
    }

    /** One keyword argument of {@code pad_sequences}. */
    @FunctionalInterface
    public interface Option {
        void applyTo(Settings s);
    }

    /** The resolved arguments. */
    public static final class Settings {
        Integer maxlen;
        String dtype = "int32";
        String padding = "pre";
        String truncating = "pre";
        double value;
    }

    /** Keras's {@code maxlen}: the length of every row; longer sequences are truncated. Default: the longest. */
    public static Option maxlen(int maxlen) {
        if (maxlen < 1) {
            throw new InvalidConfigException("pad_sequences: maxlen must be >= 1, got " + maxlen);
        }
        return s -> s.maxlen = maxlen;
    }

    /** Keras's {@code padding}: {@code "pre"} (default) puts the padding before the ids, {@code "post"} after. */
    public static Option padding(String padding) {
        String p = check("padding", padding);
        return s -> s.padding = p;
    }

    /** Keras's {@code truncating}: {@code "pre"} (default) drops the start of a long sequence, {@code "post"} its end. */
    public static Option truncating(String truncating) {
        String t = check("truncating", truncating);
        return s -> s.truncating = t;
    }

    /** Keras's {@code value}: the padding value (default 0), cast to the dtype as numpy casts it. */
    public static Option value(double value) {
        return s -> s.value = value;
    }

    /** Keras's {@code dtype}: {@code int32} (default), {@code int64}, {@code float32} or {@code float64}. */
    public static Option dtype(String dtype) {
        if (!List.of("int32", "int64", "float32", "float64").contains(dtype)) {
            throw new InvalidConfigException("pad_sequences: dtype '" + dtype
                    + "' is not supported; use int32 (the default), int64, float32 or float64");
        }
        return s -> s.dtype = dtype;
    }

    private static String check(String what, String v) {
        if (!"pre".equals(v) && !"post".equals(v)) {
            throw new InvalidConfigException("pad_sequences: " + what + " type \"" + v
                    + "\" not understood; use \"pre\" or \"post\"");
        }
        return v;
    }

    /** Keras's {@code pad_sequences(sequences, ...)}: an array {@code (n, maxlen)} of the dtype (int32 by default). */
    public static INDArray padSequences(int[][] sequences, Option... options) {
        Settings s = settings(options);
        double[][] rows = pad(sequences, s);
        DataType type = switch (s.dtype) {
            case "int64" -> DataType.INT64;
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> DataType.INT32;
        };
        if (rows.length == 0 || rows[0].length == 0) {
            return Nd4j.create(type, rows.length, rows.length == 0 ? (s.maxlen == null ? 0 : s.maxlen) : 0);
        }
        return Nd4j.createFromArray(rows).castTo(type);
    }

    /** {@link #padSequences}, as {@code int[][]} (the dtype option does not apply; the value is truncated to an int). */
    public static int[][] padSequencesToInts(int[][] sequences, Option... options) {
        double[][] rows = pad(sequences, settings(options));
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new int[rows[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = (int) rows[i][j];
            }
        }
        return out;
    }

    private static Settings settings(Option... options) {
        Settings s = new Settings();
        for (Option o : options) {
            o.applyTo(s);
        }
        return s;
    }

    private static double[][] pad(int[][] sequences, Settings s) {
        if (sequences == null) {
            throw new InvalidConfigException("pad_sequences: sequences is null");
        }
        int maxlen = 0;
        if (s.maxlen != null) {
            maxlen = s.maxlen;
        } else {
            for (int[] seq : sequences) {
                maxlen = Math.max(maxlen, seq == null ? 0 : seq.length);
            }
        }
        // numpy's cast of the padding value: integer dtypes drop the fraction
        double fill = s.dtype.startsWith("int") ? (long) s.value : s.dtype.equals("float32") ? (float) s.value : s.value;
        double[][] out = new double[sequences.length][maxlen];
        for (int i = 0; i < sequences.length; i++) {
            java.util.Arrays.fill(out[i], fill);
            int[] seq = sequences[i];
            if (seq == null || seq.length == 0 || maxlen == 0) {
                continue; // an empty sequence is all padding, as in Keras
            }
            int n = Math.min(seq.length, maxlen);
            int from = "pre".equals(s.truncating) ? seq.length - n : 0;
            int to = "pre".equals(s.padding) ? maxlen - n : 0;
            for (int j = 0; j < n; j++) {
                out[i][to + j] = seq[from + j];
            }
        }
        return out;
    }
}

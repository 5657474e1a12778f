package io.kerasish.zoo;

import io.kerasish.InvalidConfigException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training examples of Keras's character-level text generation, built batch by batch: window {@code i} is the
 * characters {@code [i*step, i*step + maxlen)} of the text, its label the character right after it (Keras's
 * {@code for i in range(0, len(text) - maxlen, step)}). A batch is one-hot features of shape
 * {@code (batch, maxlen, vocabulary)} (Keras's layout, time-major within an example) and one-hot labels
 * {@code (batch, vocabulary)}, float32.
 * <p>
 * Only the character ids are kept in memory (4 bytes a character); the full one-hot array of Alice would be
 * 48,129 x 40 x 43 float32 = 331 MB, a batch of 128 is 0.9 MB. With {@code shuffle}, each {@link #reset()} (one per
 * epoch in {@code fit}) draws a new order from {@code seed} and the number of resets, so runs repeat.
 */
public final class CharWindows implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    private final int[] ids;
    private final int vocabulary;
    private final int maxlen;
    private final int step;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private int cursor;
    private int resets;
    private DataSetPreProcessor preProcessor;

    /**
     * @param ids the text as character ids in {@code [0, vocabulary)}
     * @throws InvalidConfigException if the settings are out of range or the text is not longer than one window
     */
    public CharWindows(int[] ids, int vocabulary, int maxlen, int step, int batchSize, boolean shuffle, long seed) {
        if (maxlen < 1 || step < 1 || batchSize < 1 || vocabulary < 1) {
            throw new InvalidConfigException("CharWindows: maxlen, step, batch size and vocabulary must be >= 1, got "
                    + maxlen + ", " + step + ", " + batchSize + ", " + vocabulary);
        }
        if (ids.length <= maxlen) {
            throw new InvalidConfigException("CharWindows: the text has " + ids.length + " characters, so no window of "
                    + "maxlen=" + maxlen + " has a next character; use a longer text or a smaller maxlen");
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabulary) {
                throw new InvalidConfigException("CharWindows: id " + ids[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocabulary + ")");
            }
        }
        this.ids = ids;
        this.vocabulary = vocabulary;
        this.maxlen = maxlen;
        this.step = step;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = new int[count(ids.length, maxlen, step)];
        arrange();
    }

    /** How many windows a text of {@code length} characters gives: {@code len(range(0, length - maxlen, step))}. */
    public static int count(int length, int maxlen, int step) {
        return length <= maxlen ? 0 : (length - maxlen - 1) / step + 1;
    }

    /** The number of windows (training examples) per epoch. */
    public int size() {
        return order.length;
    }

    /** The first character of window {@code i} (in text order, before shuffling). */
    public int start(int i) {
        return i * step;
    }

    private void arrange() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random r = new Random(seed * 1_000_003L + resets);
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        cursor = 0;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("CharWindows: the epoch is over; call reset()");
        }
        int n = Math.min(num, order.length - cursor);
        float[] x = new float[n * maxlen * vocabulary];
        float[] y = new float[n * vocabulary];
        for (int b = 0; b < n; b++) {
            int start = start(order[cursor + b]);
            for (int t = 0; t < maxlen; t++) {
                x[(b * maxlen + t) * vocabulary + ids[start + t]] = 1f;
            }
            y[b * vocabulary + ids[start + maxlen]] = 1f;
        }
        cursor += n;
        DataSet ds = new DataSet(Nd4j.create(x, new long[] {n, maxlen, vocabulary}, 'c'),
                Nd4j.create(y, new long[] {n, vocabulary}, 'c'));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public void reset() {
        resets++;
        arrange();
    }

    @Override
    public int inputColumns() {
        return vocabulary;
    }

    @Override
    public int totalOutcomes() {
        return vocabulary;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** False: batches are cheap to build, and a prefetch thread would compete with training for the cores. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}

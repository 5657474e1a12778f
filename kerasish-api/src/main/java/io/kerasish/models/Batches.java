package io.kerasish.models;

import io.kerasish.internal.Data;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Mini-batches for one epoch: from arrays (Keras's shuffling per epoch) or from a DL4J iterator. */
final class Batches {
    private Batches() {
    }

    /** One batch: features, labels, optional per-example loss weights. */
    record Batch(INDArray x, INDArray y, INDArray weights, int size) {
    }

    interface Source {
        /** Batches per epoch, or -1 when unknown until the first epoch ends. */
        int steps();

        /** The batches of one epoch; with a seed, the shuffled order depends only on the seed and the epoch. */
        Iterable<Batch> epoch(int epoch);

        /** Stops a prefetching thread, if there is one. */
        default void close() {
        }
    }

    static Source of(INDArray x, INDArray y, INDArray weights, int batchSize, boolean shuffle, Long seed) {
        return new ArraySource(x, y, weights, batchSize, shuffle, seed);
    }

    /**
     * The seed of one epoch's shuffling and dropout: a function of the model's seed and the epoch only, so that
     * training resumed at epoch k (BackupAndRestore) draws exactly what an uninterrupted run draws.
     */
    static long epochSeed(long seed, int epoch) {
        return seed * 1_000_003L + 7919L * (epoch + 1);
    }

    static Source of(DataSetIterator it) {
        return new IteratorSource(it);
    }

    /**
     * Shuffled data up to this size is copied once per epoch, in the epoch's order, into a second copy kept for the
     * whole fit, and the batches are views of it (one native gather per epoch instead of one per batch: measured
     * faster); larger data is gathered batch by batch into reused buffers, so it is never held twice.
     */
    static long epochCopyLimit = 1L << 30; // not final: tests lower it to exercise the batch-by-batch path

    private static final class ArraySource implements Source {
        private final INDArray x;
        private final INDArray y;
        private final INDArray w;
        private final int batchSize;
        private final boolean shuffle;
        private final Long seed;
        private final Random random = new Random();
        private final int n;
        /** Shuffled batches are gathered into these, reused batch after batch: {x, y, w} for a full and the last batch. */
        private INDArray[] full;
        private INDArray[] last;
        /** {x, y, w} in the epoch's shuffled order, reused epoch after epoch, for data up to epochCopyLimit. */
        private INDArray[] shuffled;

        ArraySource(INDArray x, INDArray y, INDArray w, int batchSize, boolean shuffle, Long seed) {
            this.x = x;
            this.y = y;
            this.w = w;
            this.batchSize = batchSize;
            this.shuffle = shuffle;
            this.seed = seed;
            this.n = (int) x.size(0);
        }

        @Override
        public int steps() {
            return (n + batchSize - 1) / batchSize;
        }

        private long bytes() {
            long b = x.length() * x.dataType().width() + y.length() * y.dataType().width();
            return w == null ? b : b + w.length() * w.dataType().width();
        }

        /**
         * The buffers of a shuffled batch of {@code rows} examples. A batch is valid until the next one is taken,
         * which is how the fit loop uses it (DL4J copies its input into its workspace during the step).
         */
        private INDArray[] buffers(int rows) {
            boolean isFull = rows == Math.min(batchSize, n);
            INDArray[] b = isFull ? full : last;
            if (b == null || b[0].size(0) != rows) {
                b = new INDArray[] {Data.batchBuffer(x, rows), Data.batchBuffer(y, rows), w == null ? null : Data.batchBuffer(w, rows)};
                if (isFull) {
                    full = b;
                } else {
                    last = b;
                }
            }
            return b;
        }

        @Override
        public Iterable<Batch> epoch(int epoch) {
            int[] order = null;
            if (shuffle) {
                List<Integer> idx = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    idx.add(i);
                }
                Collections.shuffle(idx, seed == null ? random : new Random(epochSeed(seed, epoch)));
                order = idx.stream().mapToInt(Integer::intValue).toArray();
            }
            final int[] perm;
            final INDArray[] data;
            if (order != null && bytes() <= epochCopyLimit) { // one shuffled copy per epoch, then views of it
                if (shuffled == null) {
                    shuffled = new INDArray[] {Data.batchBuffer(x, n), Data.batchBuffer(y, n), w == null ? null : Data.batchBuffer(w, n)};
                }
                Data.gather(x, order, shuffled[0]);
                Data.gather(y, order, shuffled[1]);
                if (w != null) {
                    Data.gather(w, order, shuffled[2]);
                }
                perm = null;
                data = shuffled;
            } else {
                perm = order;
                data = new INDArray[] {x, y, w};
            }
            return () -> new java.util.Iterator<>() {
                private int from;

                @Override
                public boolean hasNext() {
                    return from < n;
                }

                @Override
                public Batch next() {
                    int to = Math.min(n, from + batchSize);
                    Batch b;
                    if (perm == null) {
                        b = new Batch(Data.rows(data[0], from, to), Data.rows(data[1], from, to),
                                w == null ? null : Data.rows(data[2], from, to), to - from);
                    } else {
                        int[] idx = java.util.Arrays.copyOfRange(perm, from, to);
                        INDArray[] buf = buffers(to - from);
                        b = new Batch(Data.gather(x, idx, buf[0]), Data.gather(y, idx, buf[1]),
                                w == null ? null : Data.gather(w, idx, buf[2]), to - from);
                    }
                    from = to;
                    return b;
                }
            };
        }
    }

    /**
     * A user's iterator; one that supports it ({@code asyncSupported()}) is prefetched by a background thread, two
     * batches ahead, as DL4J's own {@code fit(iterator)} does, so that loading (files, decoding, augmentation) overlaps
     * training. Iterators that build batches cheaply from memory say no (kerasish's CharWindows does).
     */
    private static final class IteratorSource implements Source {
        private final DataSetIterator source;
        private AsyncDataSetIterator async;
        private int steps = -1;

        IteratorSource(DataSetIterator source) {
            this.source = source;
        }

        @Override
        public void close() {
            if (async != null) {
                async.shutdown();
                async = null;
            }
        }

        @Override
        public int steps() {
            return steps;
        }

        @Override
        public Iterable<Batch> epoch(int epoch) {
            close();
            source.reset();
            // a prefetch thread per epoch, started after the reset, so that it reads nothing the epoch does not use
            DataSetIterator it = source.asyncSupported() ? (async = new AsyncDataSetIterator(source, 2, false)) : source;
            return () -> new java.util.Iterator<>() {
                private int count;

                @Override
                public boolean hasNext() {
                    boolean more = it.hasNext();
                    if (!more) {
                        steps = count;
                    }
                    return more;
                }

                @Override
                public Batch next() {
                    DataSet ds = it.next();
                    count++;
                    INDArray f = Data.floats(ds.getFeatures());
                    return new Batch(f, Data.floats(ds.getLabels()), null, (int) f.size(0));
                }
            };
        }
    }
}

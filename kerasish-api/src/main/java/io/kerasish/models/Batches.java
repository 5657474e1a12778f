package io.kerasish.models;

import io.kerasish.internal.Data;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
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

    private static final class ArraySource implements Source {
        private final INDArray x;
        private final INDArray y;
        private final INDArray w;
        private final int batchSize;
        private final boolean shuffle;
        private final Long seed;
        private final Random random = new Random();
        private final int n;

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
            final int[] perm = order;
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
                        b = new Batch(Data.rows(x, from, to), Data.rows(y, from, to),
                                w == null ? null : Data.rows(w, from, to), to - from);
                    } else {
                        int[] idx = java.util.Arrays.copyOfRange(perm, from, to);
                        b = new Batch(Data.gather(x, idx), Data.gather(y, idx), w == null ? null : Data.gather(w, idx),
                                to - from);
                    }
                    from = to;
                    return b;
                }
            };
        }
    }

    private static final class IteratorSource implements Source {
        private final DataSetIterator it;
        private int steps = -1;

        IteratorSource(DataSetIterator it) {
            this.it = it;
        }

        @Override
        public int steps() {
            return steps;
        }

        @Override
        public Iterable<Batch> epoch(int epoch) {
            it.reset();
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

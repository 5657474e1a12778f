package io.kerasish.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keras's {@code LambdaCallback}: a callback made on the fly from functions, each optional.
 *
 * <pre>{@code
 * // Keras: LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch, logs["loss"]))
 * var printLoss = LambdaCallback.builder()
 *         .onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")))
 *         .onTrainEnd(logs -> System.out.println("done"))
 *         .build();
 * model.fit(x, y, epochs(5), callbacks(printLoss));
 * }</pre>
 *
 * The builder's methods carry Keras's argument names ({@code on_epoch_begin} becomes {@code onEpochBegin}, ...)
 * and take what Keras passes positionally: {@code (epoch, logs)} for the epoch hooks, {@code (batch, logs)} for
 * the batch hooks, {@code (logs)} for the train hooks. They live on a builder because the callback itself has the
 * {@link Callback} hooks of the same names. As in Keras, {@code on_batch_begin}/{@code on_batch_end} are the
 * training-batch hooks; epochs and batches are 0-based and the logs are the ones every callback sees.
 */
public final class LambdaCallback implements Callback {
    private final BiConsumer<Integer, Map<String, Double>> epochBegin;
    private final BiConsumer<Integer, Map<String, Double>> epochEnd;
    private final BiConsumer<Integer, Map<String, Double>> batchBegin;
    private final BiConsumer<Integer, Map<String, Double>> batchEnd;
    private final Consumer<Map<String, Double>> trainBegin;
    private final Consumer<Map<String, Double>> trainEnd;

    private LambdaCallback(Builder b) {
        this.epochBegin = b.epochBegin;
        this.epochEnd = b.epochEnd;
        this.batchBegin = b.batchBegin;
        this.batchEnd = b.batchEnd;
        this.trainBegin = b.trainBegin;
        this.trainEnd = b.trainEnd;
    }

    /** Starts a LambdaCallback; hooks not given do nothing. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (trainBegin != null) {
            trainBegin.accept(logs);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (trainEnd != null) {
            trainEnd.accept(logs);
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (epochBegin != null) {
            epochBegin.accept(epoch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (epochEnd != null) {
            epochEnd.accept(epoch, logs);
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        if (batchBegin != null) {
            batchBegin.accept(batch, logs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (batchEnd != null) {
            batchEnd.accept(batch, logs);
        }
    }

    /** Collects the functions; each setter replaces an earlier one for the same hook. */
    public static final class Builder {
        private BiConsumer<Integer, Map<String, Double>> epochBegin;
        private BiConsumer<Integer, Map<String, Double>> epochEnd;
        private BiConsumer<Integer, Map<String, Double>> batchBegin;
        private BiConsumer<Integer, Map<String, Double>> batchEnd;
        private Consumer<Map<String, Double>> trainBegin;
        private Consumer<Map<String, Double>> trainEnd;

        private Builder() {
        }

        /** Keras's {@code on_epoch_begin}: called with {@code (epoch, logs)} at the start of every epoch. */
        public Builder onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
            this.epochBegin = f;
            return this;
        }

        /** Keras's {@code on_epoch_end}: called with {@code (epoch, logs)} at the end of every epoch. */
        public Builder onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
            this.epochEnd = f;
            return this;
        }

        /** Keras's {@code on_batch_begin}: called with {@code (batch, logs)} before every training batch. */
        public Builder onBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
            this.batchBegin = f;
            return this;
        }

        /** Keras's {@code on_batch_end}: called with {@code (batch, logs)} after every training batch. */
        public Builder onBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
            this.batchEnd = f;
            return this;
        }

        /** Keras's {@code on_train_begin}: called with {@code (logs)} once before training. */
        public Builder onTrainBegin(Consumer<Map<String, Double>> f) {
            this.trainBegin = f;
            return this;
        }

        /** Keras's {@code on_train_end}: called with {@code (logs)} once after training. */
        public Builder onTrainEnd(Consumer<Map<String, Double>> f) {
            this.trainEnd = f;
            return this;
        }

        public LambdaCallback build() {
            return new LambdaCallback(this);
        }
    }
}

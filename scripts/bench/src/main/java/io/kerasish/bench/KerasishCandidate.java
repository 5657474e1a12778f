package io.kerasish.bench;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.layers.Embedding;
import io.kerasish.layers.Flatten;
import io.kerasish.layers.LSTM;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import io.kerasish.optimizers.RMSprop;
import io.kerasish.zoo.LeNet5;
import io.kerasish.zoo.VGG16;
import io.kerasish.zoo.figures.EpochTimer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The models as a kerasish user writes them: Keras layouts in, {@code fit}/{@code predict} with the defaults. */
final class KerasishCandidate implements Worker.Candidate {
    private final Meta meta;
    private final Sequential model;

    KerasishCandidate(Meta meta) {
        this.meta = meta;
        this.model = build(meta);
    }

    static Sequential build(Meta meta) {
        Sequential m;
        switch (meta.model()) {
            case "mlp" -> {
                m = new Sequential("mlp");
                m.add(new Flatten().inputShape(28, 28, 1));
                m.add(new Dense(512).activation("relu"));
                m.add(new Dense(256).activation("relu"));
                m.add(new Dense(10).activation("softmax"));
            }
            case "lenet" -> m = LeNet5.build();
            case "imdb" -> {
                m = new Sequential("imdb");
                m.add(new Embedding(meta.integer("num_words"), meta.integer("embedding_dim")).maskZero(true)
                        .inputLength(meta.integer("maxlen")));
                m.add(new Dropout(meta.number("dropout")));
                m.add(new LSTM(meta.integer("units")));
                m.add(new Dropout(meta.number("dropout")));
                m.add(new Dense(1).activation("sigmoid"));
            }
            case "alice" -> {
                m = new Sequential("alice");
                m.add(new LSTM(meta.integer("units")).inputShape(meta.integer("maxlen"), meta.integer("vocab")));
                m.add(new Dense(meta.integer("vocab")).activation("softmax"));
            }
            case "vgg16" -> m = VGG16.builder().weights((String) null).build();
            default -> throw new IllegalArgumentException("unknown model " + meta.model());
        }
        m.seed(meta.seed());
        switch (meta.json().get("optimizer").asText()) {
            case "adam" -> m.compile(new Adam(meta.number("lr")), meta.model().equals("imdb")
                    ? "binary_crossentropy" : "categorical_crossentropy");
            case "rmsprop" -> m.compile(new RMSprop(meta.number("lr")), "categorical_crossentropy");
            default -> m.build();
        }
        return m;
    }

    @Override
    public double[] train(INDArray x, INDArray y, int epochCount) {
        EpochTimer timer = new EpochTimer();
        model.fit(x, y, epochs(epochCount), batchSize(meta.integer("batch")), verbose(0), callbacks(timer));
        return timer.epochSeconds().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public INDArray predict(INDArray x, int batch) {
        return model.predict(x, batchSize(batch));
    }

    @Override
    public String settings() {
        return Settings.describe();
    }
}

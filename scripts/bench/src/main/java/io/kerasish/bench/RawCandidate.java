package io.kerasish.bench;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The same networks hand-written in raw DL4J ({@link RawModels}), trained as a DL4J user would: the data converted
 * once to DL4J's preferred layout (flat rows for the MLP, NCHW images, a features mask for padded reviews), shuffled
 * in place once per epoch ({@code DataSet.shuffle}), and fed to {@code MultiLayerNetwork.fit} batch by batch as views.
 * The process-wide native settings are kerasish's ({@link Settings#applyKerasishDefaults}), so the ratio measures
 * what the facade adds.
 */
final class RawCandidate implements Worker.Candidate {
    private final Meta meta;
    private final MultiLayerNetwork net;

    RawCandidate(Meta meta) {
        this.meta = meta;
        Settings.applyKerasishDefaults();
        long seed = meta.seed();
        net = switch (meta.model()) {
            case "mlp" -> RawModels.mlp(seed);
            case "lenet" -> RawModels.lenet5(seed);
            case "imdb" -> RawModels.imdb(seed, meta.integer("num_words"), meta.integer("maxlen"),
                    meta.integer("embedding_dim"), meta.integer("units"), meta.number("dropout"));
            case "alice" -> RawModels.charLstm(seed, meta.integer("vocab"), meta.integer("units"));
            case "vgg16" -> RawModels.vgg16(seed);
            default -> throw new IllegalArgumentException("unknown model " + meta.model());
        };
    }

    /** The layout a raw DL4J user loads the data in: {@code [N, 784]}, NCHW images, ids as they are. */
    private INDArray input(INDArray keras) {
        return switch (meta.model()) {
            case "mlp" -> keras.reshape('c', keras.size(0), 784).dup();
            case "lenet", "vgg16" -> keras.permute(0, 3, 1, 2).dup('c');
            default -> keras;
        };
    }

    private INDArray mask(INDArray x) {
        return meta.model().equals("imdb") ? x.neq(0).castTo(x.dataType()) : null;
    }

    @Override
    public double[] train(INDArray x, INDArray y, int epochs) {
        INDArray features = input(x).dup();
        INDArray labels = y.dup();
        INDArray mask = mask(features);
        DataSet all = new DataSet(features, labels, mask, null);
        int batch = meta.integer("batch");
        long n = features.size(0);
        double[] seconds = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            all.shuffle(meta.seed() + e);
            for (long from = 0; from < n; from += batch) {
                long to = Math.min(n, from + batch);
                net.fit(new DataSet(rows(all.getFeatures(), from, to), rows(all.getLabels(), from, to),
                        mask == null ? null : rows(all.getFeaturesMaskArray(), from, to), null));
            }
            seconds[e] = (System.nanoTime() - t0) / 1e9;
        }
        return seconds;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to));
    }

    @Override
    public INDArray predict(INDArray keras, int batch) {
        INDArray x = input(keras);
        INDArray mask = mask(x);
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < x.size(0); from += batch) {
            long to = Math.min(x.size(0), from + batch);
            parts.add(net.output(rows(x, from, to), false, mask == null ? null : rows(mask, from, to), null));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    @Override
    public String settings() {
        return Settings.describe();
    }
}

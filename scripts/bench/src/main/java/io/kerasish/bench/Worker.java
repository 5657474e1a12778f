package io.kerasish.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One measurement in its own JVM, so that its peak RSS is its own: {@code Worker kerasish|dl4j DIR/MODEL}. Trains
 * for meta's epochs, timing each: the throughput is that of the fastest epoch after the first, which also carries
 * the set-up and most of the JIT compiler's work (reported apart, as {@code first_epoch_s}). Then it times inference
 * (passes over the test set for 2 s, then the best of five) and prints one line {@code RESULT {json}} that
 * {@link Suite} reads; the PyTorch peer ({@code torch_peer.py}) prints the same.
 */
public final class Worker {
    /** What one implementation must do; data arrives in Keras's layouts and may be converted once on load. */
    interface Candidate {
        /** Trains for {@code epochs} epochs with per-epoch shuffling; returns the seconds of each epoch. */
        double[] train(INDArray x, INDArray y, int epochs);

        /** Outputs for every example, in batches of {@code batch}. */
        INDArray predict(INDArray x, int batch);

        /** Thread and layout choices, for the report. */
        String settings();
    }

    /** Inference: passes over the test set for at least this long, then the best of {@link #TIMED_PASSES}. */
    static final long WARM_UP_NANOS = 2_000_000_000L;
    static final int TIMED_PASSES = 5;

    private Worker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Worker kerasish|dl4j DIR/MODEL");
        }
        Meta meta = Meta.read(Path.of(args[1]));
        Candidate c = switch (args[0]) {
            case "kerasish" -> new KerasishCandidate(meta);
            case "dl4j" -> new RawCandidate(meta);
            default -> throw new IllegalArgumentException("unknown implementation " + args[0]);
        };
        INDArray xTrain = meta.array("x_train");
        INDArray yTrain = meta.array("y_train");
        INDArray xTest = meta.array("x_test");
        INDArray yTest = meta.array("y_test");
        ObjectNode r = Meta.JSON.createObjectNode();
        r.put("model", meta.model()).put("impl", args[0].equals("dl4j") ? "raw DL4J" : "kerasish");
        int epochs = meta.integer("epochs");
        if (epochs > 0) {
            double[] seconds = c.train(xTrain, yTrain, epochs);
            r.put("train_per_s", xTrain.size(0) / fastestAfterFirst(seconds));
            r.put("first_epoch_s", seconds[0]);
        } else {
            r.putNull("train_per_s");
            r.putNull("first_epoch_s");
        }
        int batch = meta.integer("infer_batch");
        int repeats = meta.integer("infer_repeats");
        INDArray p = null;
        long warmUp = System.nanoTime();
        do { // for the JIT compiler: the prediction path is not the training one
            for (int i = 0; i < repeats; i++) {
                p = c.predict(xTest, batch);
            }
        } while (System.nanoTime() - warmUp < WARM_UP_NANOS);
        double best = Double.MAX_VALUE;
        for (int round = 0; round < TIMED_PASSES; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                p = c.predict(xTest, batch);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        r.put("infer_per_s", xTest.size(0) * repeats / best);
        if (yTest != null) {
            r.put("accuracy", accuracy(p, yTest));
        } else {
            r.putNull("accuracy");
        }
        r.put("peak_rss_mb", peakRssMb());
        r.put("settings", c.settings());
        System.out.println("RESULT " + Meta.JSON.writeValueAsString(r));
    }

    /** The shortest of the epochs after the first; the first when there is only one. */
    static double fastestAfterFirst(double[] seconds) {
        if (seconds.length == 1) {
            return seconds[0];
        }
        double best = Double.MAX_VALUE;
        for (int e = 1; e < seconds.length; e++) {
            best = Math.min(best, seconds[e]);
        }
        return best;
    }

    static double accuracy(INDArray p, INDArray y) {
        if (y.size(1) == 1) {
            return p.gt(0.5).castTo(DataType.FLOAT).eq(y).castTo(DataType.FLOAT).meanNumber().doubleValue();
        }
        return Nd4j.argMax(p, 1).eq(Nd4j.argMax(y, 1)).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }

    /** The process's peak resident set (VmHWM), in MB; -1 where /proc is not there. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}

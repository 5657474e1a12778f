package io.kerasish.callbacks;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.epochs;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.layers.Dense;
import io.kerasish.layers.Dropout;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Adam;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training program that {@link KillDuringSaveTest} runs in a child JVM and kills: a small seeded model with
 * dropout, shuffling and Adam, trained with {@link BackupAndRestore} into {@code <dir>/backup} and a
 * {@link ModelCheckpoint} that saves the full model to {@code <dir>/ckpt.h5} at every epoch end. The hidden layer
 * is wide (256 x 256) so that each save
 * writes about 0.8 MB and takes a good part of each epoch, which is where the kills should land.
 *
 * <p>Arguments: {@code <dir> <final weights file>}. Prints {@code TRAINING} when {@code fit} starts, {@code DONE <ms>}
 * after the final weights are written, and exits 0.
 */
public final class TrainingChild {
    static final int EPOCHS = 12;
    static final int BATCH = 16;

    private TrainingChild() {
    }

    static Sequential model() {
        Sequential m = new Sequential(List.of(
                new Dense(256).inputDim(16).activation("relu"),
                new Dropout(0.2),
                new Dense(256).activation("relu"),
                new Dropout(0.2),
                new Dense(1))).seed(7);
        m.compile(new Adam(0.001), "mse");
        return m;
    }

    static INDArray[] data() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 16);
        INDArray y = x.sum(true, 1).reshape(64, 1).mul(0.25);
        return new INDArray[] {x, y};
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        java.nio.file.Files.createDirectories(dir);
        INDArray[] d = data();
        Sequential m = model();
        m.dl4j();
        System.out.println("TRAINING");
        System.out.flush();
        long start = System.nanoTime();
        m.fit(d[0], d[1], epochs(EPOCHS), batchSize(BATCH), verbose(0),
                callbacks(new BackupAndRestore(dir.resolve("backup")), new ModelCheckpoint(dir.resolve("ckpt.h5"))));
        m.saveWeights(out);
        System.out.println("DONE " + (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        System.exit(0);
    }
}

package io.kerasish.callbacks;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.models.Model;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keras's {@code BackupAndRestore}: backs up the whole training state (weights, optimizer state and step count, and
 * the number of completed epochs) into {@code backupDir} at the end of every epoch, and, when {@code fit} starts
 * again after an interruption (a crash, a kill, an exception), restores the latest backup and continues at the epoch
 * after the last one backed up. When training finishes normally the backup is deleted (unless
 * {@code deleteCheckpoint(false)}).
 *
 * <pre>{@code
 * model.fit(x, y, epochs(100), callbacks(new BackupAndRestore("/tmp/backup")));
 * // killed at epoch 57; run the same program again: training restores the state after epoch 56 and goes on
 * }</pre>
 *
 * With {@code Sequential.seed(long)} a resumed run repeats an uninterrupted one exactly (same final weights), as
 * shuffling and dropout depend only on the seed and the epoch. As in Keras, the model, {@code compile} and
 * {@code fit} arguments must be the same as those of the interrupted run, and the directory must not be shared
 * with another run or another callback.
 *
 * <p><b>Crash safety.</b> Each backup is a single Keras HDF5 file written by {@link Model#save} (to a temporary file
 * beside it, then renamed) whose name carries the number of completed epochs and a sequence number:
 * {@code backup-000007-epoch-000007.h5}. So the epoch count can never be paired with weights of another epoch, and a
 * half-written file is never in place under a backup name. Older backups are deleted only after the new one is
 * complete; on restore the newest is used. Should it still not load (e.g. damaged by hand or by a power failure), the
 * next older backup, if one is left, is used with a warning; otherwise {@code fit} fails with
 * {@link InvalidFileException} rather than silently starting afresh. Temporary files left by a killed save are
 * removed when training starts.
 *
 * <p>Differences from Keras: at the end of training only this callback's own files are deleted, and then the
 * directory if it is empty (Keras deletes the whole directory). With an integer {@code saveFreq} the backups are
 * taken every that many batches, and, as in Keras 3, a restore starts the epoch that was in progress over again from
 * the weights of the mid-epoch backup (it does not skip the batches already done), so such a resumed run is not an
 * exact repetition of an uninterrupted one; use the default {@code "epoch"} for that.
 */
public class BackupAndRestore implements Callback {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BackupAndRestore.class);

    /** A complete backup: {@code backup-<sequence>-epoch-<completed epochs>.h5}. */
    static final Pattern BACKUP = Pattern.compile("backup-(\\d{1,18})-epoch-(\\d{1,9})\\.h5");
    /** A temporary file left behind by a save that was killed (see {@code Hdf5.write}). */
    static final Pattern TEMP = Pattern.compile("\\.backup-\\d{1,18}-epoch-\\d{1,9}\\.h5\\..*\\.tmp");

    private final Path backupDir;
    private final SaveFrequency saveFreq = new SaveFrequency("BackupAndRestore");
    private boolean deleteCheckpoint = true;

    private Model model;
    private long sequence;
    private int epoch;

    public BackupAndRestore(Path backupDir) {
        if (backupDir == null || backupDir.toString().isBlank()) {
            throw new InvalidConfigException("BackupAndRestore needs a backup directory");
        }
        this.backupDir = backupDir;
    }

    public BackupAndRestore(String backupDir) {
        this(backupDir == null || backupDir.isBlank() ? null : Path.of(backupDir));
    }

    /** Keras's {@code save_freq="epoch"}, the default: back up at the end of every epoch. */
    public BackupAndRestore saveFreq(String freq) {
        saveFreq.set(freq);
        return this;
    }

    /**
     * Keras's integer {@code save_freq}: back up every this many batches (counted across epochs). A restore repeats
     * the interrupted epoch from its start, with the weights of the mid-epoch backup (as Keras 3).
     */
    public BackupAndRestore saveFreq(int batches) {
        saveFreq.set(batches);
        return this;
    }

    /** Keras's {@code delete_checkpoint}: delete the backup when training finishes normally (default true). */
    public BackupAndRestore deleteCheckpoint(boolean delete) {
        this.deleteCheckpoint = delete;
        return this;
    }

    public Path backupDir() {
        return backupDir;
    }

    /** The newest complete backup file in the directory, or null when there is none. */
    public Path latestBackup() {
        List<Path> backups = backups();
        return backups.isEmpty() ? null : backups.get(0);
    }

    @Override
    public void setModel(Model model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (model == null) {
            throw new IllegalStateException("BackupAndRestore: no model (setModel was not called)");
        }
        saveFreq.reset();
        epoch = 0;
        sequence = 0;
        createDirectory();
        deleteTemporaryFiles();
        List<Path> backups = backups();
        if (backups.isEmpty()) {
            return;
        }
        sequence = sequence(backups.get(0));
        InvalidFileException failure = null;
        for (Path backup : backups) {
            try {
                model.restoreTrainingState(backup);
            } catch (InvalidFileException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
                LOG.warn("BackupAndRestore: cannot restore {} ({}){}", backup, e.getMessage(),
                        backup == backups.get(backups.size() - 1) ? "" : "; trying the previous backup");
                continue;
            }
            int completed = completedEpochs(backup);
            LOG.info("BackupAndRestore: restored the training state from {}; resuming at epoch {}", backup,
                    completed + 1);
            epoch = completed;
            model.resumeAt(completed);
            return;
        }
        throw new InvalidFileException(backupDir, "BackupAndRestore cannot restore any backup in this directory ("
                + failure.getMessage() + "); delete the directory to train from the start", failure);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        this.epoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq.batchEnded()) {
            save(epoch); // as Keras 3: the epoch in progress, which a restore runs again
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveFreq.perEpoch()) {
            save(epoch + 1);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (!deleteCheckpoint || !Files.isDirectory(backupDir)) {
            return;
        }
        deleteTemporaryFiles();
        for (Path backup : backups()) {
            delete(backup);
        }
        try {
            Files.deleteIfExists(backupDir);
        } catch (DirectoryNotEmptyException e) {
            // other files: the directory stays
        } catch (IOException e) {
            LOG.warn("BackupAndRestore: cannot delete the backup directory {}: {}", backupDir, e.toString());
        }
    }

    /** Writes the new backup completely (atomically), then deletes the older ones. */
    private void save(int completedEpochs) {
        createDirectory();
        long next = sequence + 1;
        Path file = backupDir.resolve(String.format(java.util.Locale.ROOT, "backup-%06d-epoch-%06d.h5", next,
                completedEpochs));
        model.save(file);
        sequence = next;
        for (Path old : backups()) {
            if (sequence(old) < next) {
                delete(old);
            }
        }
    }

    /** Complete backups, newest (highest sequence number) first. */
    private List<Path> backups() {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(backupDir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(backupDir)) {
            files.filter(f -> BACKUP.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f))
                    .forEach(found::add);
        } catch (IOException e) {
            throw new InvalidFileException(backupDir, "cannot list the backup directory: " + e, e);
        }
        found.sort(Comparator.comparingLong(BackupAndRestore::sequence).reversed());
        return found;
    }

    private void deleteTemporaryFiles() {
        try (Stream<Path> files = Files.list(backupDir)) {
            files.filter(f -> TEMP.matcher(f.getFileName().toString()).matches()).forEach(this::delete);
        } catch (IOException e) {
            LOG.warn("BackupAndRestore: cannot list {}: {}", backupDir, e.toString());
        }
    }

    private void createDirectory() {
        if (Files.exists(backupDir) && !Files.isDirectory(backupDir)) {
            throw new InvalidConfigException("BackupAndRestore: " + backupDir + " is a file, not a directory");
        }
        try {
            Files.createDirectories(backupDir);
        } catch (IOException e) {
            throw new InvalidFileException(backupDir, "cannot create the backup directory: " + e, e);
        }
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            LOG.warn("BackupAndRestore: cannot delete {}: {}", file, e.toString());
        }
    }

    private static long sequence(Path backup) {
        return Long.parseLong(match(backup).group(1));
    }

    private static int completedEpochs(Path backup) {
        return Integer.parseInt(match(backup).group(2));
    }

    private static Matcher match(Path backup) {
        Matcher m = BACKUP.matcher(backup.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(backup.toString());
        }
        return m;
    }
}

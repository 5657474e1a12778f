package io.kerasish.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.kerasish.InvalidFileException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a whole HDF5 file into an {@link H5Group} tree and writes such a tree, through the pure-Java library jhdf.
 * Every problem with a file comes out as {@link InvalidFileException} naming the file: a missing file, a file that is
 * not HDF5, a truncated or corrupt one (whatever jhdf made of it: exceptions, runaway recursion, absurd sizes, or a
 * parse that does not finish in time), a tree that cannot be stored, or a failed write.
 */
public final class Hdf5 {
    /** The HDF5 format signature, found at offset 0 or at 512, 1024, 2048, ... after a user block. */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** Files up to this size are read into memory first: no memory mapping, the handle closed at once. */
    private static final long IN_MEMORY_LIMIT = Integer.MAX_VALUE - 64;
    /** Reading gives up after this long plus one second per 16 MiB of file; override in seconds with it. */
    static final String TIMEOUT_PROPERTY = "kerasish.hdf5.timeoutSeconds";
    private static final long DEFAULT_TIMEOUT_SECONDS = 30;

    static {
        // jhdf logs every file at INFO and every write as a WARN ("Writing files is in alpha"); quiet it for
        // slf4j-simple unless the user chose a level. Must run before the first jhdf class loads.
        String key = "org.slf4j.simpleLogger.log.io.jhdf";
        try {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        } catch (SecurityException ignored) {
            // logging stays as configured
        }
    }

    private Hdf5() {
    }

    /**
     * Reads {@code file} whole: every group, every numeric dataset and every string or numeric attribute.
     * Datasets and attributes of other types (compound, reference, opaque, variable-length sequences) and soft or
     * external links are skipped.
     *
     * @throws InvalidFileException if the file is missing, unreadable, not HDF5, truncated or corrupt
     */
    public static H5Group read(Path file) {
        return read(file, null);
    }

    /** As {@link #read(Path)}, giving up after {@code timeout} (null: the default for the file's size). */
    static H5Group read(Path file, Duration timeout) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new InvalidFileException(file, "is a directory, not an HDF5 file");
        }
        if (!Files.exists(file)) {
            throw new InvalidFileException(file, "no such file");
        }
        long size;
        byte[] bytes = null;
        try {
            size = Files.size(file);
            checkSignature(file, size);
            if (size <= IN_MEMORY_LIMIT) {
                bytes = Files.readAllBytes(file);
                size = bytes.length;
            }
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new InvalidFileException(file, "cannot read file (" + e + ")", e);
        } catch (OutOfMemoryError e) {
            throw new InvalidFileException(file, "file too large to read into memory (raise -Xmx)", e);
        }
        long fileSize = size;
        byte[] content = bytes;
        Callable<H5Group> parse = () -> {
            try (HdfFile hdf = content != null ? HdfFile.fromBytes(content) : new HdfFile(file)) {
                return new H5Reader(file, fileSize).read(hdf);
            }
        };
        if (timeout == null) {
            timeout = Duration.ofSeconds(Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT_SECONDS) + (size >> 24));
        }
        return runBounded(file, parse, timeout);
    }

    /**
     * Writes {@code root} to {@code file} atomically: into a temporary file beside it, read back and checked, forced
     * to disk, then moved over it. On any failure the temporary file is deleted and a previous {@code file} is left
     * as it was; a kill or a power failure leaves either the old or the new file under the name.
     *
     * @throws InvalidFileException if the tree cannot be stored (see {@link H5Group}) or writing fails
     */
    public static void write(Path file, H5Group root) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(root, "root");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidFileException(file, "cannot write: directory " + dir + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidFileException(file, "cannot write: it is a directory");
        }
        Path temp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
        WritableHdfFile out = null;
        boolean closed = false;
        try {
            out = HdfFile.write(temp);
            H5Writer.write(out, root);
            H5Writer.finish(out); // jhdf writes everything here
            closed = true;
            verify(temp, root);
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                c.force(true); // on disk before it replaces anything: a power failure leaves the old or the new file
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } catch (Throwable t) {
            if (out != null && !closed) {
                H5Writer.abandon(out);
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException e) {
                t.addSuppressed(e);
            }
            throw new InvalidFileException(file, "cannot write HDF5 file (" + describe(t) + ")", t);
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS); best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows cannot open directories; the file itself was forced before the rename
        }
    }

    /**
     * Reads the new file back before it replaces anything: jhdf's writer is young, and a file that does not read
     * back as the same structure must never overwrite a good one. Values are not compared (memory), shapes are.
     */
    private static void verify(Path temp, H5Group expected) {
        H5Group actual = read(temp);
        String difference = difference(expected, actual, "/");
        if (difference != null) {
            throw new IllegalStateException("the written file does not read back the same: " + difference);
        }
    }

    private static String difference(H5Group expected, H5Group actual, String path) {
        for (String name : expected.attrs().keySet()) {
            if (!actual.attrs().containsKey(name) && !actual.attrs().containsKey(name + "0")) {
                return "attribute '" + name + "' of '" + path + "' is missing";
            }
        }
        for (Map.Entry<String, H5Array> e : expected.datasets().entrySet()) {
            H5Array a = actual.datasets().get(e.getKey());
            if (a == null || a.type() != e.getValue().type() || !Arrays.equals(a.shape(), e.getValue().shape())) {
                return "dataset '" + path + e.getKey() + "' is " + a;
            }
        }
        for (Map.Entry<String, H5Group> e : expected.groups().entrySet()) {
            H5Group g = actual.groups().get(e.getKey());
            String d = g == null ? "group '" + path + e.getKey() + "' is missing"
                    : difference(e.getValue(), g, path + e.getKey() + "/");
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** Runs the parse in a daemon thread so a file that sends jhdf into a loop cannot hang the caller. */
    private static H5Group runBounded(Path file, Callable<H5Group> parse, Duration timeout) {
        FutureTask<H5Group> task = new FutureTask<>(parse);
        Thread thread = new Thread(task, "kerasish-hdf5-read");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new InvalidFileException(file, "truncated or corrupt HDF5 file (reading did not finish within "
                    + timeout.toSeconds() + " s)", e);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new InvalidFileException(file, "interrupted while reading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InvalidFileException invalid) {
                throw invalid;
            }
            if (cause instanceof StackOverflowError) {
                throw new InvalidFileException(file, "truncated or corrupt HDF5 file (its structure loops back on "
                        + "itself)", cause);
            }
            if (cause instanceof OutOfMemoryError) {
                throw new InvalidFileException(file, "truncated or corrupt HDF5 file (a size in it needs more memory "
                        + "than this JVM has)", cause);
            }
            String what = describe(cause);
            if (what.contains("No valid HDF5 signature")) {
                throw new InvalidFileException(file, "not an HDF5 file", cause);
            }
            throw new InvalidFileException(file, "truncated or corrupt HDF5 file (" + what + ")", cause);
        }
    }

    /** Refuses files without the HDF5 signature before jhdf sees them. */
    private static void checkSignature(Path file, long size) throws IOException {
        if (size == 0) {
            throw new InvalidFileException(file, "not an HDF5 file (the file is empty)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(SIGNATURE.length);
            for (long offset = 0; offset < size; offset = offset == 0 ? 512 : offset * 2) {
                head.clear();
                while (head.hasRemaining() && channel.read(head, offset + head.position()) > 0) {
                    // keep reading
                }
                if (Arrays.equals(Arrays.copyOf(head.array(), head.position()), SIGNATURE)) {
                    return;
                }
                if (offset == 0 && size < SIGNATURE.length
                        && Arrays.equals(Arrays.copyOf(head.array(), head.position()),
                        Arrays.copyOf(SIGNATURE, head.position()))) {
                    throw new InvalidFileException(file, "truncated or corrupt HDF5 file (only " + size + " bytes)");
                }
            }
        }
        throw new InvalidFileException(file, "not an HDF5 file (no HDF5 signature)");
    }

    /** The messages along a cause chain, each once, shortened: enough to say what jhdf tripped over. */
    private static String describe(Throwable t) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable c = t; c != null && parts.size() < 4; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage();
            parts.add(message == null || message.isBlank() ? c.getClass().getSimpleName() : message);
        }
        String text = String.join(": ", parts);
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}

package io.kerasish.io.npy;

import io.kerasish.InvalidFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * numpy's {@code .npz}: a zip archive (stored or deflated) of {@code .npy} entries, as {@code np.savez} and
 * {@code np.savez_compressed} write it. Keys are the entry names without {@code .npy}, as numpy's {@code NpzFile}
 * has them ({@code x_train}, or {@code arr_0} for arrays saved without names). Entries are read from the archive
 * in memory; nothing is extracted to disk. Entries whose names do not end in {@code .npy} are ignored.
 *
 * <pre>{@code
 * Npz npz = Npz.read(Path.of("mnist.npz"));
 * NpyArray x = npz.get("x_train");        // |u1, shape (60000, 28, 28)
 * }</pre>
 */
public final class Npz {
    private final Path file;
    private final Map<String, NpyArray> arrays;

    private Npz(Path file, Map<String, NpyArray> arrays) {
        this.file = file;
        this.arrays = arrays;
    }

    /**
     * Reads every {@code .npy} entry of the archive.
     *
     * @throws InvalidFileException when the file is missing, not a zip archive, truncated, or an entry is not a
     *     readable .npy array
     */
    public static Npz read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidFileException(file, "no such file");
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list((Enumeration<? extends ZipEntry>) zip.entries());
            long budget = Math.min(Npy.MAX_BYTES * 4L, Runtime.getRuntime().maxMemory());
            for (ZipEntry e : entries) {
                String name = e.getName();
                if (e.isDirectory() || !name.endsWith(".npy")) {
                    continue;
                }
                long size = e.getSize();
                if (size > Npy.MAX_BYTES || size > budget) {
                    throw new InvalidFileException(file, "entry '" + name + "' claims " + size + " bytes, more than "
                            + "kerasish reads into memory (" + Math.min(Npy.MAX_BYTES, budget) + "; raise -Xmx?)");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    long limit = size >= 0 ? size : Math.min(Npy.MAX_BYTES, budget);
                    bytes = in.readNBytes((int) limit); // grows with the data actually there, not with the claim
                    if (size >= 0 && bytes.length != size) {
                        throw new InvalidFileException(file, "entry '" + name + "' is truncated: " + bytes.length
                                + " of " + size + " bytes");
                    }
                    if (size >= 0 && in.read() != -1) {
                        throw new InvalidFileException(file, "entry '" + name + "' holds more than the " + size
                                + " bytes its header claims");
                    }
                }
                budget -= bytes.length;
                String key = name.substring(0, name.length() - 4);
                if (arrays.put(key, Npy.parse(bytes, file, key)) != null) {
                    throw new InvalidFileException(file, "entry '" + name + "' occurs twice");
                }
            }
        } catch (InvalidFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // java.util.zip reports damage as ZipException, EOFException, IllegalArgumentException, ...
            throw new InvalidFileException(file, "not a readable .npz (zip) archive: " + e, e);
        }
        return new Npz(file, arrays);
    }

    /** The keys, in archive order. */
    public List<String> keys() {
        return new ArrayList<>(arrays.keySet());
    }

    /** True when the archive holds this key. */
    public boolean has(String key) {
        return arrays.containsKey(key);
    }

    /**
     * The array stored under this key.
     *
     * @throws InvalidFileException naming the keys there are when it is missing
     */
    public NpyArray get(String key) {
        NpyArray a = arrays.get(key);
        if (a == null) {
            throw new InvalidFileException(file, "has no array '" + key + "'; its keys are " + arrays.keySet());
        }
        return a;
    }

    /** All arrays by key, in archive order (unmodifiable). */
    public Map<String, NpyArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    @Override
    public String toString() {
        return "Npz[" + file + ", " + arrays.values() + "]";
    }
}

package io.kerasish.zoo;

import io.kerasish.FileUnavailableException;
import io.kerasish.KerasishException;
import io.kerasish.datasets.Datasets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where pretrained weights live, as Keras's {@code get_file(..., cache_subdir="models", file_hash=...)}: the folder
 * {@code models} in {@link Datasets#home()} ({@code $KERASISH_HOME/models} or {@code ~/.kerasish/models}).
 * A file missing there, or whose md5 differs from the published one, is downloaded from its address, checked and
 * renamed into place (a failed or interrupted download never leaves a partial file under the final name). Set
 * {@code KERASISH_OFFLINE=1} (or {@code -Dkerasish.offline=true}) to never download.
 */
public final class WeightsCache {
    private final Path dir;
    private final boolean offline;

    /** A cache in this folder (created when a file is downloaded). */
    public WeightsCache(Path dir, boolean offline) {
        this.dir = dir;
        this.offline = offline;
    }

    /** The standard cache: the {@code models} folder of {@link Datasets#home()} ({@code ~/.kerasish/models}). */
    public static WeightsCache standard() {
        Path base = Datasets.home();
        String off = System.getProperty("kerasish.offline", System.getenv("KERASISH_OFFLINE"));
        boolean offline = off != null && (off.equals("1") || off.equalsIgnoreCase("true"));
        return new WeightsCache(base.resolve("models"), offline);
    }

    public Path directory() {
        return dir;
    }

    /**
     * The cached file, downloaded first when missing or when its md5 is not {@code md5}.
     *
     * @throws FileUnavailableException naming the file, this folder and the address, when it cannot be had
     */
    public Path get(String fileName, String url, String md5) {
        Path file = dir.resolve(fileName);
        String problem;
        if (Files.isRegularFile(file)) {
            String actual = md5(file);
            if (actual.equalsIgnoreCase(md5)) {
                return file;
            }
            problem = "the copy in " + dir + " has md5 " + actual + ", not Keras's published " + md5
                    + " (incomplete or a different file)";
        } else {
            problem = "it is not in " + dir;
        }
        if (offline) {
            throw unavailable(fileName, url, md5, problem + ", and downloads are off (KERASISH_OFFLINE)", null);
        }
        download(fileName, url, md5, file, problem);
        return file;
    }

    private void download(String fileName, String url, String md5, Path file, String problem) {
        try {
            Datasets.download(new Datasets.Remote(url, md5), file); // checked, then renamed into place
        } catch (IOException e) {
            throw unavailable(fileName, url, md5, problem + ", and downloading failed (" + e + ")", e);
        } catch (KerasishException e) { // an HTTP error or a checksum mismatch; nothing was kept
            throw unavailable(fileName, url, md5, problem + ", and " + e.getMessage(), e);
        }
    }

    private FileUnavailableException unavailable(String fileName, String url, String md5, String why,
            Throwable cause) {
        return new FileUnavailableException("Weights file '" + fileName + "' is not available: " + why + ". Download "
                + url + " (Keras's published md5: " + md5 + ") on a machine with network access and put it in "
                + dir.toAbsolutePath()
                + " (or set KERASISH_HOME to a folder whose 'models' subfolder holds it), or pass the file's path "
                + "as the weights argument.", cause);
    }

    /** The md5 of a file, in hex. */
    static String md5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.kerasish.datasets;

import io.kerasish.FileUnavailableException;
import io.kerasish.KerasishException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where dataset files are looked for, in order: {@code $KERASISH_DATA/<name>/}, {@code ~/.kerasish/datasets/<name>/}
 * (the cache; {@code $KERASISH_HOME/datasets/<name>/} when {@code KERASISH_HOME} is set), then places a system
 * package installs them. A file found nowhere is downloaded by {@link #fetch} from its canonical address into the
 * cache, checked against its published checksum, as Keras's {@code get_file} does.
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * A file kerasish can download: its address and the checksum its publisher gives (64 hex digits: SHA-256,
     * 32: MD5, as Keras's {@code file_hash}).
     */
    public record Remote(String url, String hash) {
        public Remote {
            if (hash.length() != 64 && hash.length() != 32) {
                throw new IllegalArgumentException("hash must be a SHA-256 (64 hex digits) or an MD5 (32): " + hash);
            }
        }

        String algorithm() {
            return hash.length() == 64 ? "SHA-256" : "MD5";
        }
    }

    /**
     * kerasish's folder for downloaded files, as Keras's {@code KERAS_HOME}: the system property {@code kerasish.home},
     * else {@code $KERASISH_HOME}, else {@code ~/.kerasish}. Data sets are cached in its {@code datasets} folder,
     * pretrained weights in {@code models}.
     */
    public static Path home() {
        String home = System.getProperty("kerasish.home", System.getenv("KERASISH_HOME"));
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".kerasish");
    }

    /** The cache folder of a dataset, where downloads go: {@code <home>/datasets/<name>} (see {@link #home()}). */
    public static Path cacheDir(String name) {
        return home().resolve("datasets").resolve(name);
    }

    /**
     * The file from the first folder of {@link #searchPath} that has it; when none has, it is downloaded from
     * {@code remote} into {@link #cacheDir}, its checksum verified, and written through a temporary file and a
     * rename (an interrupted or corrupt download leaves no file behind).
     *
     * @throws FileUnavailableException when it cannot be downloaded (offline, HTTP error, wrong checksum), saying
     *     where to put the file by hand and where to get it
     */
    public static Path fetch(String name, String file, Remote remote, String... systemDirs) {
        return fetch(name, searchPath(name, systemDirs), cacheDir(name), file, remote);
    }

    static Path fetch(String name, List<Path> dirs, Path cache, String file, Remote remote) {
        for (Path d : dirs) {
            if (Files.isRegularFile(d.resolve(file))) {
                return d.resolve(file);
            }
        }
        Path target = cache.resolve(file);
        String byHand = " Download it (on a machine that is online) from " + remote.url() + " and put it at "
                + target.toAbsolutePath() + ", or in " + dataFolderHint(name) + ".";
        try {
            return download(remote, target);
        } catch (IOException e) {
            throw new FileUnavailableException("Dataset '" + name + "': " + file + " is not in " + dirs + " and could not "
                    + "be downloaded from " + remote.url() + " (" + e + "); is this machine offline?" + byHand, e);
        } catch (KerasishException e) {
            throw new FileUnavailableException("Dataset '" + name + "': " + e.getMessage() + byHand, e);
        }
    }

    private static String dataFolderHint(String name) {
        String env = System.getenv("KERASISH_DATA");
        return env != null && !env.isBlank() ? Path.of(env, name).toAbsolutePath() + "/ (from KERASISH_DATA)"
                : "$KERASISH_DATA/" + name + "/ (KERASISH_DATA is not set)";
    }

    /**
     * Downloads {@code remote} to {@code target}: streamed to a temporary file beside it while hashing, checked,
     * then renamed over {@code target}. Prints "Downloading data from URL" as Keras does.
     *
     * @throws IOException when the server cannot be reached or the transfer breaks
     * @throws KerasishException on an HTTP error status or a checksum mismatch (no file is left)
     */
    public static Path download(Remote remote, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        System.out.println("Downloading data from " + remote.url());
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).proxy(ProxySelector.getDefault()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(remote.url())).GET().build();
        Path part = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
        try {
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            MessageDigest digest = digest(remote.algorithm());
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(part)) {
                if (response.statusCode() != 200) {
                    throw new KerasishException("downloading " + remote.url() + " failed: HTTP " + response.statusCode());
                }
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String got = HexFormat.of().formatHex(digest.digest());
            if (!got.equalsIgnoreCase(remote.hash())) {
                throw new KerasishException("the file downloaded from " + remote.url() + " has " + remote.algorithm()
                        + " " + got + ", not the published " + remote.hash() + "; it was deleted (a broken transfer or "
                        + "a changed file). Try again.");
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /** The folders searched for a dataset. */
    public static List<Path> searchPath(String name, String... systemDirs) {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("KERASISH_DATA");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env, name));
        }
        dirs.add(cacheDir(name));
        for (String d : systemDirs) {
            dirs.add(Path.of(d));
        }
        return dirs;
    }

    /**
     * The file {@code relative} (e.g. {@code "keras-imdb-subset-nw500/imdb.npz"}) in the first of a dataset's
     * folders ({@link #searchPath}) that has it, or null: for files beside a dataset that its loader does not read.
     */
    public static Path find(String name, String relative) {
        for (Path d : searchPath(name)) {
            if (Files.isRegularFile(d.resolve(relative))) {
                return d.resolve(relative);
            }
        }
        return null;
    }

    /**
     * The first folder holding every file, each possibly with a {@code .gz} suffix.
     *
     * @throws KerasishException saying which files to put where
     */
    public static Path locate(String name, List<String> files, String hint, String... systemDirs) {
        List<Path> dirs = searchPath(name, systemDirs);
        for (Path d : dirs) {
            if (files.stream().allMatch(f -> Files.isRegularFile(d.resolve(f)) || Files.isRegularFile(d.resolve(f + ".gz")))) {
                return d;
            }
        }
        throw new KerasishException("Dataset '" + name + "' not found. Put " + String.join(", ", files)
                + " (gzipped or not) in one of: " + dirs + ". " + hint);
    }

    static Path file(Path dir, String f) {
        Path gz = dir.resolve(f + ".gz");
        return Files.isRegularFile(gz) ? gz : dir.resolve(f);
    }
}

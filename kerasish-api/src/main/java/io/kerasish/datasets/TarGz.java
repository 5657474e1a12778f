package io.kerasish.datasets;

import io.kerasish.InvalidFileException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Extracts chosen regular files from a {@code .tar.gz} (ustar or GNU tar, as CIFAR-10's archive is). Only files whose
 * base name is asked for are written, under that base name into one folder, so no path in the archive can place a
 * file anywhere else; each goes through a temporary file and a rename.
 */
final class TarGz {
    private TarGz() {
    }

    /**
     * Writes each entry of {@code archive} whose base name is in {@code wanted} to {@code outDir}.
     *
     * @throws InvalidFileException when the archive is damaged or lacks one of the wanted files
     */
    static void extract(Path archive, Set<String> wanted, Path outDir) {
        Set<String> missing = new HashSet<>(wanted);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
            Files.createDirectories(outDir);
            byte[] header = new byte[512];
            while (!missing.isEmpty()) {
                if (in.readNBytes(header, 0, 512) != 512) {
                    break;
                }
                if (isZero(header)) {
                    break; // end of archive
                }
                String name = text(header, 0, 100);
                if (text(header, 257, 5).equals("ustar")) {
                    String prefix = text(header, 345, 155);
                    name = prefix.isEmpty() ? name : prefix + "/" + name;
                }
                long size = octal(header, archive);
                char type = (char) header[156];
                String base = name.substring(name.lastIndexOf('/') + 1);
                if ((type == '0' || type == '\0') && missing.remove(base)) {
                    copy(in, size, outDir.resolve(base), archive);
                } else {
                    skip(in, size, archive);
                }
                skip(in, (512 - size % 512) % 512, archive);
            }
        } catch (IOException e) {
            throw new InvalidFileException(archive, "cannot be extracted (a damaged .tar.gz?): " + e, e);
        }
        if (!missing.isEmpty()) {
            throw new InvalidFileException(archive, "does not contain " + missing);
        }
    }

    private static void copy(InputStream in, long size, Path target, Path archive) throws IOException {
        Path part = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[1 << 16];
                for (long left = size; left > 0; ) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException("truncated in " + target.getFileName());
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static void skip(InputStream in, long n, Path archive) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("truncated archive");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int from, int len) {
        int end = from;
        while (end < from + len && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8).strip();
    }

    private static long octal(byte[] b, Path archive) {
        String s = text(b, 124, 12);
        if (!s.matches("[0-7]{1,12}")) {
            throw new InvalidFileException(archive, "a tar header with size field '" + s + "'");
        }
        return Long.parseLong(s, 8);
    }
}

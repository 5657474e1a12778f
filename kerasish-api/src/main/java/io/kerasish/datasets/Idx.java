package io.kerasish.datasets;

import io.kerasish.KerasishException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads IDX files (MNIST's format) of unsigned bytes, gzipped or not, into a UINT8 array of the file's shape. */
public final class Idx {
    private Idx() {
    }

    public static INDArray read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            DataInputStream in = new DataInputStream(gz ? new GZIPInputStream(raw, 1 << 16) : raw);
            int magic = in.readInt();
            if ((magic >>> 8) != 0x08 || (magic & 0xff) < 1 || (magic & 0xff) > 4) {
                throw new KerasishException(file + " is not an IDX file of unsigned bytes (magic 0x"
                        + Integer.toHexString(magic) + "; expected 0x801..0x804)");
            }
            long[] shape = new long[magic & 0xff];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = in.readInt();
                if (shape[i] < 0) {
                    throw new KerasishException(file + ": negative dimension " + shape[i] + " in the IDX header");
                }
                n *= shape[i];
            }
            if (n > Integer.MAX_VALUE - 8) {
                throw new KerasishException(file + ": " + n + " values is too large for one array");
            }
            byte[] data = new byte[(int) n];
            in.readFully(data);
            return Nd4j.createFromArray(data).castTo(DataType.UINT8).reshape('c', shape);
        } catch (EOFException e) {
            throw new KerasishException(file + " is truncated: it ends before the data its header announces. "
                    + "Download it again.", e);
        } catch (IOException e) {
            throw new KerasishException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

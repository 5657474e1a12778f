package io.kerasish.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasish.io.npy.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model's benchmark settings, read by all three implementations from {@code DIR/MODEL/meta.json} beside the
 * data ({@code x_train.npy}, {@code y_train.npy}, {@code x_test.npy}, {@code y_test.npy}, float32): the single
 * source of truth for batch sizes, epochs, optimizer and architecture sizes.
 */
record Meta(Path dir, JsonNode json) {
    static final ObjectMapper JSON = new ObjectMapper();

    static Meta read(Path dir) {
        try {
            return new Meta(dir, JSON.readTree(dir.resolve("meta.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("meta.json") + "; run scripts/bench/run", e);
        }
    }

    static void write(Path dir, ObjectNode json) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("meta.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String model() {
        return json.get("model").asText();
    }

    int integer(String key) {
        JsonNode v = json.get(key);
        if (v == null) {
            throw new IllegalStateException(dir + "/meta.json has no " + key);
        }
        return v.asInt();
    }

    double number(String key) {
        return json.get(key).asDouble();
    }

    long seed() {
        return json.get("seed").asLong();
    }

    /**
     * An array of the data set, e.g. {@code x_train}; null when the model has none (VGG-16 has no training data).
     * The file (float32, C order, as {@link Npy#write} writes it) is read straight into the array's native memory,
     * so loading leaves nothing on the Java heap to inflate the worker's peak RSS.
     */
    INDArray array(String name) {
        Path f = dir.resolve(name + ".npy");
        if (!Files.exists(f)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            byte[] text = new byte[head.getShort(8) & 0xffff];
            ch.read(ByteBuffer.wrap(text), 10);
            String header = new String(text, StandardCharsets.US_ASCII);
            Matcher m = Pattern.compile("'shape': \\(([0-9, ]*)\\)").matcher(header);
            if (!header.contains("'<f4'") || header.contains("'fortran_order': True") || !m.find()) {
                throw new IllegalStateException(f + ": not a C-order float32 array (" + header.strip() + ")");
            }
            long[] shape = Pattern.compile(",\\s*").splitAsStream(m.group(1).trim()).filter(t -> !t.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
            ByteBuffer target = a.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
            long position = 10 + text.length;
            while (target.hasRemaining()) {
                int read = ch.read(target, position);
                if (read < 0) {
                    throw new IllegalStateException(f + " is shorter than its shape says");
                }
                position += read;
            }
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeArray(Path dir, String name, INDArray a) {
        INDArray c = a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
        Npy.write(dir.resolve(name + ".npy"), c.data().asFloat(), c.shape());
    }
}

package io.kerasish.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kerasish.io.npy.Npy;
import io.kerasish.io.npy.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** An array of the data set, e.g. {@code x_train}; null when the model has none (VGG-16 has no training data). */
    INDArray array(String name) {
        Path f = dir.resolve(name + ".npy");
        if (!Files.exists(f)) {
            return null;
        }
        NpyArray a = Npy.read(f);
        return Nd4j.create(a.toFloatArray(), a.shape(), 'c');
    }

    static void writeArray(Path dir, String name, INDArray a) {
        INDArray c = a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
        Npy.write(dir.resolve(name + ".npy"), c.data().asFloat(), c.shape());
    }
}

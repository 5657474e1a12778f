package io.kerasish.io.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigYamlTest {
    /** What Keras 2's to_yaml() printed (PyYAML's default dumper, tuples tagged). */
    private static final String KERAS_YAML = """
            backend: tensorflow
            class_name: Sequential
            config:
              layers:
              - class_name: Conv2D
                config:
                  batch_input_shape: !!python/tuple [null, 28, 28, 1]
                  kernel_size: !!python/tuple
                  - 3
                  - 3
                  name: conv2d_1
                  strides: !!python/tuple [1, 1]
              name: sequential_1
            keras_version: 2.2.4
            """;

    @Test
    @SuppressWarnings("unchecked")
    void readsKerasTupleTagsAsLists() {
        Map<String, Object> doc = ConfigYaml.parse(KERAS_YAML, "model.yaml");
        Map<String, Object> layer = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) doc.get("config"))
                .get("layers")).get(0);
        Map<String, Object> config = (Map<String, Object>) layer.get("config");
        assertEquals(Arrays.asList(null, 28L, 28L, 1L), config.get("batch_input_shape"));
        assertEquals(List.of(3L, 3L), config.get("kernel_size"));
        assertEquals("2.2.4", doc.get("keras_version"));
    }

    @Test
    void refusesTagsThatBuildObjects() {
        for (String tag : List.of("!!python/object/apply:os.system [\"echo pwned\"]", "!!java.io.File [\"/tmp\"]",
                "!!python/name:os.system ''", "!!set {a, b}", "!!binary aGVsbG8=")) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> ConfigYaml.parse("class_name: Sequential\nconfig: " + tag + "\n", "evil.yaml"), tag);
            assertTrue(e.getMessage().startsWith("evil.yaml"), e.getMessage());
        }
    }

    @Test
    void aliasBombFailsFast() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p);
            for (int i = 0; i < 8; i++) {
                bomb.append(",*").append(p);
            }
            bomb.append("]\n");
        }
        InvalidConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidConfigException.class, () -> ConfigYaml.parse(bomb.toString(), "bomb.yaml")));
        assertTrue(e.getMessage().contains("alias"), e.getMessage());
    }

    @Test
    void writtenYamlReadsBackAsTheSameDocument() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "dense");
        config.put("batch_input_shape", Arrays.asList(null, 784L));
        config.put("rate", 1e-7);
        config.put("scale", 1e20);
        config.put("activation", "null");
        config.put("weird", "yes");
        config.put("empty", List.of());
        config.put("nested", Map.of("class_name", "Zeros", "config", Map.of()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("class_name", "Dense");
        doc.put("config", config);
        String yaml = ConfigYaml.write(doc);
        assertTrue(yaml.contains("batch_input_shape: [null, 784]"), yaml);
        assertEquals(doc, ConfigYaml.parse(yaml, "t"));
    }

    @Test
    void nonMappingTopLevelIsRefused() {
        assertThrows(InvalidConfigException.class, () -> ConfigYaml.parse("- 1\n- 2\n", "list.yaml"));
        assertThrows(InvalidConfigException.class, () -> ConfigYaml.parse("a: [1\n", "broken.yaml"));
        assertThrows(InvalidConfigException.class, () -> ConfigYaml.parse("a: 1\na: 2\n", "dup.yaml"));
    }
}

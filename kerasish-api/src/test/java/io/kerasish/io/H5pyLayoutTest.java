package io.kerasish.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.io.config.ConfigJson;
import io.kerasish.models.Sequential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by kerasish, read by h5py the way tf.keras's loader reads them (src-test-data/check_keras_layout.py).
 * Runs when Debian's python3-h5py is installed; says it was skipped otherwise.
 */
class H5pyLayoutTest {
    private static final Path CHECKER = Path.of("..", "src-test-data", "check_keras_layout.py");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(Path file, boolean full) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", CHECKER.toString(), file.toString()));
        if (full) {
            cmd.add("--full");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return ConfigJson.parse(out.substring(out.indexOf('{')), "check_keras_layout output");
    }

    private static void requireH5py() throws Exception {
        boolean ok;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py").redirectErrorStream(true).start();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            ok = false;
        }
        if (!ok) {
            System.out.println("skipped: /usr/bin/python3 with h5py not found (apt-get install python3-h5py)");
        }
        Assumptions.assumeTrue(ok, "python3-h5py not installed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void savedFilesHaveKerasLayoutForH5py() throws Exception {
        requireH5py();
        Map<String, java.util.function.Supplier<Sequential>> models = SaveLoadRoundTripTest.models();
        for (var e : models.entrySet()) {
            Sequential m = e.getValue().get();
            m.compile("adam", "mse");
            Path weights = dir.resolve(e.getKey() + ".weights.h5");
            m.saveWeights(weights);
            Map<String, Object> r = check(weights, false);
            assertEquals(m.layers().stream().map(l -> l.name()).toList(), r.get("layer_names"), e.getKey());
            Map<String, Object> layers = (Map<String, Object>) r.get("layers");
            for (var l : m.layers()) {
                Map<String, Object> ws = (Map<String, Object>) layers.get(l.name());
                assertEquals(l.weightShapes().size(), ws.size(), l.name());
                l.weightShapes().forEach((name, shape) -> {
                    List<Long> expected = java.util.Arrays.stream(shape).boxed().toList();
                    assertEquals(expected, ws.get(l.weightPath(name)), l.name() + " " + name);
                });
            }
            Path full = dir.resolve(e.getKey() + ".h5");
            m.save(full);
            Map<String, Object> f = check(full, true);
            assertEquals("Sequential", f.get("model_config_class"));
            assertEquals("2.4.0", f.get("keras_version"));
        }
    }
}

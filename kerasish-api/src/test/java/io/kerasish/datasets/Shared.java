package io.kerasish.datasets;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The project's shared real data (not committed), test fixtures, and the system numpy, for the datasets tests. */
final class Shared {
    private Shared() {
    }

    /** {@code ../shared/datasets/<relative>} seen from the module or the repository root; skips the test without it. */
    static Path data(String relative) {
        for (Path root : List.of(Path.of("..", "..", "shared", "datasets"), Path.of("..", "shared", "datasets"))) {
            Path p = root.resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        System.out.println("skipped: ../shared/datasets/" + relative + " not found (the project's shared data)");
        Assumptions.assumeTrue(false, "../shared/datasets/" + relative + " not found");
        return null;
    }

    static Path fixture(String name) {
        try {
            return Path.of(Shared.class.getResource("/datasets/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a script with /usr/bin/python3 and returns its stdout; skips the test when numpy is not there. */
    static String numpy(String script, String... args) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            System.out.println("skipped: /usr/bin/python3 not found");
            Assumptions.assumeTrue(false, "no /usr/bin/python3");
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", script));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("python", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("python timed out");
            }
            String error = Files.readString(err);
            if (p.exitValue() != 0 && error.contains("No module named 'numpy'")) {
                System.out.println("skipped: /usr/bin/python3 has no numpy");
                Assumptions.assumeTrue(false, "no numpy");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("python failed: " + error);
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}

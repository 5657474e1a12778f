package io.kerasish.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs inline scripts with the system Python's h5py (not the pyenv one on PATH), when it is installed. */
final class Python {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SKIP = "skipped: /usr/bin/python3 with h5py not found";
    private static Boolean available;

    private Python() {
    }

    static synchronized boolean hasH5py() {
        if (available == null) {
            try {
                available = Files.isExecutable(PYTHON) && exec(List.of(PYTHON.toString(), "-c", "import h5py"), 60)
                        .exitCode == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        return available;
    }

    static void assumeH5py() {
        if (!hasH5py()) {
            System.out.println(SKIP);
        }
        Assumptions.assumeTrue(hasH5py(), SKIP);
    }

    /** Runs {@code script} with {@code args} as sys.argv[1:], asserting success; returns its stdout. */
    static String run(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(List.of(args));
        Result r = exec(command, 120);
        assertEquals(0, r.exitCode, () -> "python failed:\n" + r.output);
        return r.output;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(List<String> command, int timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("python", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

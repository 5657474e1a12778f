package io.kerasish.datasets;

import io.kerasish.KerasishException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where dataset files are looked for, in order: {@code $KERASISH_DATA/<name>/}, {@code ~/.kerasish/datasets/<name>/}
 * (the cache), then places a system package installs them.
 */
public final class Datasets {
    private Datasets() {
    }

    /** The folders searched for a dataset. */
    public static List<Path> searchPath(String name, String... systemDirs) {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("KERASISH_DATA");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env, name));
        }
        String home = System.getenv("KERASISH_HOME");
        dirs.add(home != null && !home.isBlank() ? Path.of(home, "datasets", name)
                : Path.of(System.getProperty("user.home"), ".kerasish", "datasets", name));
        for (String d : systemDirs) {
            dirs.add(Path.of(d));
        }
        return dirs;
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

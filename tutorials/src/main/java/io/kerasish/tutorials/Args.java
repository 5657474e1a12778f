package io.kerasish.tutorials;

import io.kerasish.KerasishException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tutorial's command line, the same for all of them: {@code --quick} (a reduced run, under a minute, used by the
 * smoke tests), {@code --out DIR} (where pictures and files go; default {@code <tutorial>-output}), options such as
 * {@code --epochs 5}, flags such as {@code --mnist}, and, before any option, positional arguments (a file or
 * folder to use instead of the data set's standard place): {@code auto-mpg path/to/auto-mpg.data --out results}.
 */
public final class Args {
    private final String tutorial;
    private final List<String> rest;
    private final boolean quick;

    private Args(String tutorial, List<String> rest, boolean quick) {
        this.tutorial = tutorial;
        this.rest = rest;
        this.quick = quick;
    }

    /** Parses {@code args} for the tutorial named {@code tutorial} (the name is used for the default output folder). */
    public static Args parse(String tutorial, String... args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean quick = rest.remove("--quick");
        return new Args(tutorial, rest, quick);
    }

    public String tutorial() {
        return tutorial;
    }

    /** Whether this is the reduced run of the smoke tests. */
    public boolean quick() {
        return quick;
    }

    /** Whether {@code --name} was given. */
    public boolean flag(String name) {
        return rest.contains(name);
    }

    /** The value after {@code --name}, or {@code fallback}. */
    public String option(String name, String fallback) {
        int i = rest.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
            throw new KerasishException(tutorial + ": " + name + " needs a value, e.g. " + name + " 5");
        }
        return rest.get(i + 1);
    }

    /** The integer after {@code --name}, or {@code fallback}. */
    public int intOption(String name, int fallback) {
        String v = option(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new KerasishException(tutorial + ": " + name + " takes a whole number, not '" + v + "'");
        }
    }

    /** The number after {@code --name}, or {@code fallback}. */
    public double doubleOption(String name, double fallback) {
        String v = option(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new KerasishException(tutorial + ": " + name + " takes a number, not '" + v + "'");
        }
    }

    /** The arguments before the first {@code --option} (positional arguments come first), in order. */
    public List<String> positional() {
        List<String> p = new ArrayList<>();
        for (String a : rest) {
            if (a.startsWith("--")) {
                break;
            }
            p.add(a);
        }
        return p;
    }

    /** The {@code i}-th positional argument as a path, or null when there are fewer. */
    public Path path(int i) {
        List<String> p = positional();
        return i < p.size() ? Path.of(p.get(i)) : null;
    }

    /** The output folder ({@code --out DIR}, default {@code <tutorial>-output}), created. */
    public Path out() {
        Path out = Path.of(option("--out", tutorial + "-output"));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + out, e);
        }
        return out;
    }
}

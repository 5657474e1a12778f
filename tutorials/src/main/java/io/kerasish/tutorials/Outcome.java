package io.kerasish.tutorials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tutorial run measured, for {@code scripts/tutorial-results}: its headline figures in the order a reader
 * should see them (name to value, already formatted, e.g. {@code "test accuracy" -> "0.8976"}), the pictures it
 * drew, and notes (such as "ran on the 200-image sample: the full data set is not here").
 */
public record Outcome(Map<String, String> figures, List<Path> plots, List<String> notes) {
    public Outcome {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        plots = List.copyOf(plots);
        notes = List.copyOf(notes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects an outcome while a tutorial runs. */
    public static final class Builder {
        private final Map<String, String> figures = new LinkedHashMap<>();
        private final List<Path> plots = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        /** A figure printed with 4 decimals. */
        public Builder figure(String name, double value) {
            return figure(name, String.format("%.4f", value));
        }

        public Builder figure(String name, String value) {
            figures.put(name, value);
            return this;
        }

        public Builder plot(Path png) {
            plots.add(png);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Outcome build() {
            return new Outcome(figures, plots, notes);
        }
    }
}

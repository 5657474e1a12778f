package io.kerasish.zoo.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the zoo's figures and writes them to one Markdown file:
 * {@code Figures [--quick] [--out FILE] [name ...]} (default: all, into {@code scripts/results/zoo.md}).
 * {@code scripts/zoo-results} is the command.
 */
public final class Figures {
    /** The figures by name, in the order. Adding one: one line here. */
    static final Map<String, Supplier<Figure>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("lenet", LeNetFigure::new);
        ALL.put("imdb", ImdbFigure::new);
        ALL.put("vgg", VggFigure::new);
        ALL.put("alice", AliceFigure::new);
    }

    private Figures() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path out = Path.of("scripts", "results", "zoo.md");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> names.add(args[i]);
            }
        }
        if (names.isEmpty()) {
            names.addAll(ALL.keySet());
        }
        for (String n : names) {
            if (!ALL.containsKey(n)) {
                System.err.println("No figure named '" + n + "'. Figures: " + String.join(", ", ALL.keySet()));
                System.exit(2);
            }
        }
        StringBuilder md = new StringBuilder("# Zoo results\n\n")
                .append(LocalDate.now()).append(", ").append(machine()).append(quick ? ", QUICK mode" : "")
                .append(". Produced by `scripts/zoo-results").append(quick ? " --quick" : "").append("`.\n")
                .append("Each section is one run, not the best of several, in one JVM, one after another. Issue 5's targets:"
                        + " LeNet-5 >= 0.89 test accuracy within 5 epochs, IMDB >= 0.80, the Alice LSTM's loss falls and"
                        + " its samples look like English.\n");
        for (String n : names) {
            Figure f = ALL.get(n).get();
            System.out.println("== " + f.title());
            long start = System.nanoTime();
            String section = f.run(quick);
            md.append("\n## ").append(f.title()).append("\n\n").append(section.strip()).append("\n\n")
                    .append(String.format("(%.0f s)%n", (System.nanoTime() - start) / 1e9));
            System.out.println(section);
        }
        write(out, md.toString());
        System.out.println("Results written to " + out.toAbsolutePath());
    }

    /** This machine in one line: cores, OS, Java, max heap (for results files). */
    public static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", max heap "
                + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1 << 20) + " MB";
    }

    /** Writes {@code text} to {@code out} through a temporary file and a rename (never a half-written file). */
    public static void write(Path out, String text) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

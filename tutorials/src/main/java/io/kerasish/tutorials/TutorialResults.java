package io.kerasish.tutorials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kerasish.zoo.figures.Figures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the tutorials in full mode and writes the results table: {@code TutorialResults [--quick] [--dir DIR]
 * [name ...]} (default: all tutorials, into {@code scripts/results/tutorials/}). {@code scripts/tutorial-results}
 * is the command.
 *
 * <p>Each tutorial runs in its own JVM, with this JVM's options and class path, exactly as {@code scripts/kerasish
 * run NAME --out DIR/NAME} would run it, with kerasish's thread choice (the cores other processes leave free) unless
 * the caller set {@code OMP_NUM_THREADS}.
 * Its output goes to the console and to {@code DIR/NAME/output.txt}, its pictures into {@code DIR/NAME/}, and what
 * it measured into {@code DIR/NAME/outcome.json}. {@code DIR.md} (e.g. {@code scripts/results/tutorials.md}) is
 * then rebuilt from every outcome present, so running a few tutorials again updates only their rows.
 */
public final class TutorialResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TutorialResults() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path dir = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--dir" -> dir = Path.of(args[++i]);
                default -> names.add(args[i]);
            }
        }
        if (dir == null) {
            dir = quick ? Path.of("tutorials", "target", "tutorial-results-quick")
                    : Path.of("scripts", "results", "tutorials");
        }
        if (names.isEmpty()) {
            names.addAll(Tutorials.ALL.keySet());
        }
        for (String n : names) {
            if (!Tutorials.ALL.containsKey(n)) {
                System.err.println("No tutorial named '" + n + "'. Tutorials: "
                        + String.join(", ", Tutorials.ALL.keySet()));
                System.exit(2);
            }
        }
        int failed = 0;
        for (String n : names) {
            failed += runOne(n, dir.resolve(n), quick) == 0 ? 0 : 1;
        }
        Path md = dir.resolveSibling(dir.getFileName() + ".md");
        Figures.write(md, table(dir, quick));
        System.out.println("Results table written to " + md.toAbsolutePath());
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs one tutorial in a child JVM; returns its exit status. */
    static int runOne(String name, Path out, boolean quick) throws IOException, InterruptedException {
        Tutorials.Entry entry = Tutorials.ALL.get(name);
        Files.createDirectories(out);
        Path outcome = out.resolve("outcome.json");
        Files.deleteIfExists(outcome);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Tutorials.class.getName(), name,
                "--out", out.toString(), "--outcome", outcome.toString()));
        if (quick) {
            cmd.add("--quick");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        String threads = pb.environment().getOrDefault("OMP_NUM_THREADS", "the free cores");
        String load = loadAverage();
        System.out.println("== " + entry.number() + " " + name + " (OMP_NUM_THREADS " + threads + ", load " + load
                + ")");
        long start = System.nanoTime();
        Process p = pb.start();
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("output.txt")), true,
                        StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line);
                log.println(line);
                if (!line.isBlank()) {
                    tail.addLast(line.strip());
                    if (tail.size() > 6) {
                        tail.removeFirst();
                    }
                }
            }
        }
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, Object> doc = Files.isRegularFile(outcome) ? read(outcome) : new LinkedHashMap<>();
        if (exit != 0 || doc.isEmpty()) {
            doc.put("error", String.join("\n", tail));
        }
        doc.put("exit", exit);
        doc.put("wall_seconds", Math.round(wall * 10) / 10.0);
        doc.put("date", LocalDate.now().toString());
        doc.put("omp_threads", threads);
        doc.put("load_at_start", load);
        doc.put("quick", quick);
        Figures.write(outcome, JSON.writeValueAsString(doc));
        System.out.printf("== %s %s: exit %d, %.0f s%n%n", entry.number(), name, exit, wall);
        return exit;
    }

    /** The Markdown table of every tutorial's latest outcome under {@code dir}. */
    static String table(Path dir, boolean quick) {
        StringBuilder md = new StringBuilder("# Tutorial results").append(quick ? " (QUICK mode)" : "")
                .append("\n\nProduced by `scripts/tutorial-results").append(quick ? " --quick" : "")
                .append("`: each tutorial in its own JVM as `scripts/kerasish run NAME` runs it")
                .append(quick ? " with `--quick`" : " in full mode")
                .append(", on the data found through `KERASISH_DATA` (`../shared/datasets`) and Debian's "
                        + "Fashion-MNIST package. Machine: ")
                .append(Figures.machine())
                .append(". Threads: kerasish's choice (the cores other processes leave free) unless `OMP_NUM_THREADS` was "
                        + "set (" + System.getenv().getOrDefault("OMP_NUM_THREADS", "it was not") + "). Each row is one "
                        + "run, not the best of several; time is the JVM's wall time, and the load average at its "
                        + "start shows whether other work shared the 2 cores.\n\n")
                .append("| # | tutorial | results | time (s) | date, load |\n|---|---|---|---:|---|\n");
        StringBuilder notes = new StringBuilder();
        StringBuilder plots = new StringBuilder();
        for (Map.Entry<String, Tutorials.Entry> e : Tutorials.ALL.entrySet()) {
            String name = e.getKey();
            String number = e.getValue().number();
            Path outcome = dir.resolve(name).resolve("outcome.json");
            if (!Files.isRegularFile(outcome)) {
                md.append("| ").append(number).append(" | ").append(name).append(" | not run yet | | |\n");
                continue;
            }
            Map<String, Object> doc = read(outcome);
            StringBuilder cell = new StringBuilder();
            Object figures = doc.get("figures");
            if (figures instanceof Map<?, ?> f) {
                f.forEach((k, v) -> cell.append(cell.length() == 0 ? "" : "; ").append(k).append(" **").append(v)
                        .append("**"));
            }
            if (doc.containsKey("error")) {
                cell.append(cell.length() == 0 ? "" : "; ").append("FAILED (exit ").append(doc.get("exit"))
                        .append("): ").append(doc.get("error").toString().replace("\n", " / "));
            }
            md.append("| ").append(number).append(" | ").append(name).append(" | ")
                    .append(cell.toString().replace("|", "\\|")).append(" | ")
                    .append(String.format("%.0f", ((Number) doc.get("wall_seconds")).doubleValue())).append(" | ")
                    .append(doc.get("date")).append(", ").append(doc.get("load_at_start")).append(" |\n");
            if (doc.get("notes") instanceof List<?> list) {
                list.forEach(n -> notes.append("- ").append(number).append(' ').append(name).append(": ")
                        .append(n).append('\n'));
            }
            if (doc.get("plots") instanceof List<?> list && !list.isEmpty()) {
                plots.append("- ").append(number).append(' ').append(name).append(':');
                for (Object p : list) {
                    Path file = Path.of(p.toString()).getFileName();
                    plots.append(" [").append(file).append("](").append(dir.getFileName()).append('/').append(name)
                            .append('/').append(file).append(')');
                }
                plots.append('\n');
            }
        }
        if (notes.length() > 0) {
            md.append("\n## Notes\n\n").append(notes);
        }
        if (plots.length() > 0) {
            md.append("\n## Pictures\n\n").append(plots);
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path json) {
        try {
            return JSON.readValue(json.toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json + " (delete it and run the tutorial again)", e);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}

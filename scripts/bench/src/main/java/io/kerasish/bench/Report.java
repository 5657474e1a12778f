package io.kerasish.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results file: the machine, the protocol, one row per implementation, the ratios and the goals. */
final class Report {
    static final double RAW_GOAL = 0.97;
    static final double TORCH_GOAL = 0.5;
    static final double LENET_RSS_GOAL_MB = 1536;

    private Report() {
    }

    static String markdown(Map<String, Map<String, ObjectNode>> best, int rounds, boolean quick) {
        StringBuilder b = new StringBuilder("# kerasish vs raw DL4J vs PyTorch\n\n");
        b.append(String.format(Locale.ROOT, "%s, %s, %d cores, %s, Java %s%s.%n%n", LocalDate.now(), cpu(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), quick ? "; **--quick: small data, one round, not a measurement**" : ""));
        b.append("Each cell is one process per implementation; the best of ").append(rounds)
                .append(String.format(Locale.ROOT, " alternating rounds. Training (same data, batch size, optimizer and "
                        + "per-epoch shuffling): examples/s in the fastest epoch after the first, of the epochs in meta.json "
                        + "(%d; %d for IMDB, whose epochs are 50 batches); the first epoch, in seconds, also holds the set-up and, "
                        + "for the JVM, most of the JIT compiler's work. Inference: passes over the test set for %.0f s (warm-up), "
                        + "then the best of %d. Peak RSS: the process's VmHWM, the largest of the rounds. Data and settings per "
                        + "model: `scripts/bench/target/data/MODEL/meta.json`.%n%n", BenchData.EPOCHS, BenchData.IMDB_EPOCHS,
                        Worker.WARM_UP_NANOS / 1e9, Worker.TIMED_PASSES));
        b.append("| model | implementation | train examples/s | first epoch s | inference examples/s | test accuracy "
                + "| peak RSS MB | settings |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (var e : best.entrySet()) {
            for (ObjectNode r : e.getValue().values()) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.0f | %s |%n", e.getKey(),
                        r.get("impl").asText(), count(r, "train_per_s"), count(r, "first_epoch_s"), count(r, "infer_per_s"),
                        fraction(r, "accuracy"),
                        Suite.value(r, "peak_rss_mb"), r.path("settings").asText()));
            }
        }
        b.append("\n| model | kerasish / raw DL4J, training | kerasish / raw DL4J, inference | kerasish / PyTorch, training | kerasish / PyTorch, inference |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        List<String> goals = new ArrayList<>();
        for (var e : best.entrySet()) {
            ObjectNode k = e.getValue().get("kerasish");
            ObjectNode raw = e.getValue().get("dl4j");
            ObjectNode torch = e.getValue().get("torch");
            double rt = ratio(k, raw, "train_per_s");
            double ri = ratio(k, raw, "infer_per_s");
            double tt = ratio(k, torch, "train_per_s");
            double ti = ratio(k, torch, "infer_per_s");
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", e.getKey(), ratioText(rt), ratioText(ri),
                    ratioText(tt), ratioText(ti)));
            String[] what = {"training", "inference"};
            double[] raws = {rt, ri};
            for (int i = 0; i < 2; i++) {
                if (!Double.isNaN(raws[i])) {
                    goals.add(goal(e.getKey() + " " + what[i] + ": kerasish >= " + RAW_GOAL + "x raw DL4J", raws[i],
                            raws[i] >= RAW_GOAL));
                }
            }
            if ((e.getKey().equals("mlp") || e.getKey().equals("lenet")) && !Double.isNaN(tt)) {
                goals.add(goal(e.getKey() + " training: kerasish >= " + TORCH_GOAL + "x PyTorch", tt, tt >= TORCH_GOAL));
            }
            if (e.getKey().equals("lenet") && k != null) {
                double rss = Suite.value(k, "peak_rss_mb");
                goals.add(String.format(Locale.ROOT, "- lenet training peak RSS < 1.5 GB: %.0f MB, %s", rss,
                        rss < LENET_RSS_GOAL_MB ? "met" : "**not met**"));
            }
        }
        b.append("\nGoals (issue 7):\n\n");
        goals.forEach(g -> b.append(g).append('\n'));
        return b.toString();
    }

    private static String goal(String what, double value, boolean met) {
        return String.format(Locale.ROOT, "- %s: %.2f, %s", what, value, met ? "met" : "**not met**");
    }

    private static double ratio(ObjectNode a, ObjectNode b, String key) {
        return Suite.value(a, key) / Suite.value(b, key);
    }

    private static String ratioText(double r) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String count(ObjectNode r, String key) {
        double v = Suite.value(r, key);
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v < 100 ? "%,.2f" : "%,.0f", v);
    }

    private static String fraction(ObjectNode r, String key) {
        double v = Suite.value(r, key);
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * The CPU as /proc/cpuinfo names it, with its family and model numbers and its widest vector instructions (the
     * project's machines all call themselves "AMD EPYC" but have not all been the same CPU).
     */
    static String cpu() {
        String name = null;
        String family = null;
        String model = null;
        String flags = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                String value = line.substring(line.indexOf(':') + 1).trim();
                if (line.startsWith("model name") && name == null) {
                    name = value.replaceAll("\\s+", " ");
                } else if (line.startsWith("cpu family") && family == null) {
                    family = value;
                } else if (line.startsWith("model\t") && model == null) {
                    model = value;
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    flags = " " + value + " ";
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        if (name == null) {
            return System.getProperty("os.arch");
        }
        String isa = flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2" : "no AVX2";
        return name + (family != null && model != null ? " (family " + family + ", model " + model + ", " + isa + ")" : " (" + isa + ")");
    }
}

package io.kerasish.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark suite: for each model, raw DL4J, kerasish and PyTorch (when a Python with torch is found) train and
 * infer on the same prepared data ({@link BenchData}), each in its own process, alternating for some rounds and
 * keeping each one's best; then writes the results table. Run with {@code scripts/bench/run}; not a test.
 *
 * <p>Arguments: {@code --models mlp,lenet,imdb,alice,vgg16} (default all), {@code --rounds R} (default 2),
 * {@code --quick} (small data, one round: checks that everything runs), {@code --python PATH} (default: the
 * first of {@code $KERASISH_PYTHON}, {@code python3}, {@code /usr/bin/python3} that imports torch),
 * {@code --no-torch}, {@code --out FILE} (default {@code scripts/bench/results/latest.md}, with a .json beside it);
 * {@code [--rounds R] --report FILE.json} only rewrites FILE.md from FILE.json.
 */
public final class Suite {
    static final List<String> MODELS = List.of("mlp", "lenet", "imdb", "alice", "vgg16");
    private static final String[] IMPLS = {"dl4j", "kerasish", "torch"};

    private Suite() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> models = MODELS;
        int rounds = 2;
        boolean quick = false;
        boolean torch = true;
        String python = null;
        Path out = Path.of("scripts/bench/results/latest.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = List.of(args[++i].split(","));
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--no-torch" -> torch = false;
                case "--python" -> python = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--report" -> { // rewrite a results .md from its .json (e.g. after a change to the report)
                    Path json = Path.of(args[++i]);
                    Map<String, Map<String, ObjectNode>> rows = new LinkedHashMap<>();
                    for (JsonNode r : Meta.JSON.readTree(json.toFile())) {
                        String impl = switch (r.get("impl").asText()) {
                            case "raw DL4J" -> "dl4j";
                            case "PyTorch" -> "torch";
                            default -> "kerasish";
                        };
                        rows.computeIfAbsent(r.get("model").asText(), k -> new LinkedHashMap<>()).put(impl, (ObjectNode) r);
                    }
                    write(json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", "") + ".md"),
                            Report.markdown(rows, rounds, false));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (see Suite's javadoc)");
            }
        }
        if (quick) {
            rounds = 1;
        }
        Path data = Path.of("scripts/bench/target", quick ? "data-quick" : "data");
        if (torch && python == null) {
            python = findTorchPython();
            if (python == null) {
                System.out.println("bench: no Python with torch found (apt-get install python3-torch libopenblas0-pthread); PyTorch is skipped");
            }
        }
        Map<String, Map<String, ObjectNode>> best = new LinkedHashMap<>();
        for (String model : models) {
            Path dir = BenchData.prepare(data, model, quick);
            Map<String, ObjectNode> byImpl = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (String impl : IMPLS) {
                    if (impl.equals("torch") && (!torch || python == null)) {
                        continue;
                    }
                    ObjectNode r = run(command(impl, python, dir));
                    System.out.println("bench: " + model + " " + r.get("impl").asText() + " round " + (round + 1) + ": " + r);
                    byImpl.merge(impl, r, Suite::better);
                }
            }
            best.put(model, byImpl);
        }
        String report = Report.markdown(best, rounds, quick);
        System.out.println();
        System.out.println(report);
        write(out, report);
        ArrayNode json = Meta.JSON.createArrayNode();
        best.values().forEach(m -> m.values().forEach(json::add));
        write(out.resolveSibling(out.getFileName().toString().replaceAll("\\.md$", "") + ".json"),
                Meta.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("bench: written to " + out);
    }

    /** The best throughputs and first epoch of two rounds, and the larger peak RSS (the report states the worst). */
    static ObjectNode better(ObjectNode a, ObjectNode b) {
        ObjectNode r = b.deepCopy();
        for (String k : new String[] {"train_per_s", "infer_per_s"}) {
            if (a.hasNonNull(k) && (!b.hasNonNull(k) || a.get(k).asDouble() > b.get(k).asDouble())) {
                r.set(k, a.get(k));
            }
        }
        if (a.hasNonNull("first_epoch_s") && (!b.hasNonNull("first_epoch_s")
                || a.get("first_epoch_s").asDouble() < b.get("first_epoch_s").asDouble())) {
            r.set("first_epoch_s", a.get("first_epoch_s"));
        }
        r.put("peak_rss_mb", Math.max(a.get("peak_rss_mb").asDouble(), b.get("peak_rss_mb").asDouble()));
        return r;
    }

    private static List<String> command(String impl, String python, Path dir) {
        List<String> c = new ArrayList<>();
        if (impl.equals("torch")) {
            c.add(python);
            c.add("scripts/bench/torch_peer.py");
            c.add("--data");
        } else {
            c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            c.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments()); // the suite's own JVM options
            c.add("-cp");
            c.add(System.getProperty("java.class.path"));
            c.add(Worker.class.getName());
            c.add(impl);
        }
        c.add(dir.toString());
        return c;
    }

    private static ObjectNode run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> tail = new ArrayList<>();
        ObjectNode result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = (ObjectNode) Meta.JSON.readTree(line.substring(7));
                } else {
                    tail.add(line);
                    if (tail.size() > 30) {
                        tail.remove(0);
                    }
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0 || result == null) {
            throw new IllegalStateException("bench: " + String.join(" ", command.subList(command.size() - 2, command.size()))
                    + " failed (exit " + p.exitValue() + "):\n" + String.join("\n", tail));
        }
        return result;
    }

    /** The first Python that imports torch, or null. */
    static String findTorchPython() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        if (System.getenv("KERASISH_PYTHON") != null) {
            candidates.add(System.getenv("KERASISH_PYTHON"));
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not there
            }
        }
        return null;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static double value(JsonNode r, String key) {
        return r == null || !r.hasNonNull(key) ? Double.NaN : r.get(key).asDouble();
    }
}

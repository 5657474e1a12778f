package io.kerasish.tutorials;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Test helpers: run a tutorial in its {@code --quick} mode and capture what it prints; find the shared data. */
final class QuickRun {
    private QuickRun() {
    }

    /** What a quick run printed, and the outcome it returned. */
    record Printed(String out, Outcome outcome) {
    }

    /** Runs tutorial {@code name} with {@code args} and {@code --quick}; echoes and returns what it printed. */
    static Printed run(String name, String... args) {
        Tutorials.Entry entry = Tutorials.ALL.get(name);
        if (entry == null) {
            throw new AssertionError("no tutorial registered as " + name);
        }
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--quick";
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Outcome outcome;
        try {
            outcome = entry.run().apply(Args.parse(name, all));
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        return new Printed(out, outcome);
    }

    /**
     * The values of one quantity in the per-epoch lines of {@code fit(..., verbose(2))}, in order: for
     * {@code "loss"}, the numbers after {@code " - loss: "} (not {@code val_loss}).
     */
    static List<Double> epochValues(String printed, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^\\d+/\\d+ - .*? - " + java.util.regex.Pattern.quote(key) + ": ([0-9.eE+-]+|nan)")
                .matcher(printed);
        List<Double> values = new java.util.ArrayList<>();
        while (m.find()) {
            values.add(m.group(1).equals("nan") ? Double.NaN : Double.parseDouble(m.group(1)));
        }
        return values;
    }

    /** True when Debian's Fashion-MNIST package is installed ({@code apt-get install dataset-fashion-mnist}). */
    static boolean hasFashionMnist() {
        return Files.isRegularFile(Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"));
    }

    /** Skips the test, saying so, unless Fashion-MNIST is installed. */
    static void requireFashionMnist() {
        if (!hasFashionMnist()) {
            System.out.println("skipped: Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
            Assumptions.assumeTrue(false, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        }
    }

    /**
     * The shared data set file or folder {@code ../shared/datasets/<relative>}, seen from the module or the
     * checkout; when it is absent the test is skipped, printing which file was missing.
     */
    static Path sharedData(String relative) {
        for (Path base : List.of(Path.of("..", "..", "shared", "datasets"), Path.of("..", "shared", "datasets"))) {
            Path p = base.resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        System.out.println("skipped: ../shared/datasets/" + relative + " not found");
        Assumptions.assumeTrue(false, "../shared/datasets/" + relative + " not found");
        return null;
    }
}

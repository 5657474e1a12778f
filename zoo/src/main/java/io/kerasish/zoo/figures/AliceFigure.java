package io.kerasish.zoo.figures;

import static io.kerasish.models.Fit.callbacks;
import static io.kerasish.models.Fit.verbose;

import io.kerasish.KerasishException;
import io.kerasish.datasets.TextFiles;
import io.kerasish.models.History;
import io.kerasish.zoo.CharWindows;
import io.kerasish.zoo.TextGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The course's "Alice" exercise, as Keras's {@code lstm_text_generation} example sets it up: the stripped
 * {@code alice/wonderland.txt}, lowercased, windows of 40 characters every 3, batch 128, RMSprop(0.01). Trains
 * SimpleRNN(128) then LSTM(128) for 3 epochs each, reports the loss and time of every epoch, then 400 generated
 * characters at temperatures 0.2, 0.5 and 1.0 from a 40-character seed taken from the text. Quick mode: the first
 * 3,000 characters, 2 epochs, 100 characters per sample.
 */
final class AliceFigure implements Figure {
    static final long SEED = 1;
    static final double[] TEMPERATURES = {0.2, 0.5, 1.0};

    @Override
    public String title() {
        return "Character-level text generation on Alice (SimpleRNN and LSTM)";
    }

    @Override
    public String run(boolean quick) {
        String text;
        try {
            text = TextFiles.alice();
        } catch (KerasishException e) {
            return "Not run: " + e.getMessage();
        }
        if (quick) {
            text = text.substring(0, 3000);
        }
        int epochs = quick ? 2 : 3;
        int sampleLength = quick ? 100 : 400;
        String lower = text.toLowerCase(Locale.ROOT);
        int start = new Random(SEED).nextInt(lower.length() - TextGenerator.MAXLEN - 1);
        String seed = lower.substring(start, start + TextGenerator.MAXLEN);
        StringBuilder md = new StringBuilder();
        StringBuilder table = new StringBuilder("| model | parameters | epoch | loss | epoch time (s) | "
                + "train examples/s |\n|---|---:|---:|---:|---:|---:|\n");
        StringBuilder samples = new StringBuilder();
        List<String> falls = new ArrayList<>();
        int windows = CharWindows.count(lower.codePointCount(0, lower.length()), TextGenerator.MAXLEN,
                TextGenerator.STEP);
        for (TextGenerator g : List.of(TextGenerator.simpleRnn(128).seed(SEED), TextGenerator.lstm(128).seed(SEED))) {
            EpochTimer timer = new EpochTimer();
            History h = g.fit(text, epochs, TextGenerator.BATCH_SIZE, verbose(quick ? 0 : 2), callbacks(timer));
            String name = g.model().layers().get(0).className() + "(128)";
            List<Double> loss = h.get("loss");
            for (int e = 0; e < loss.size(); e++) {
                table.append(String.format("| %s | %,d | %d | %.4f | %.1f | %,.0f |%n", name, g.model().countParams(),
                        e + 1, loss.get(e), timer.epochSeconds().get(e),
                        windows / timer.epochSeconds().get(e)));
            }
            falls.add(String.format("%s %.4f → %.4f (%s)", name, loss.get(0), loss.get(loss.size() - 1),
                    loss.get(loss.size() - 1) < loss.get(0) ? "falls" : "**does not fall**"));
            for (double t : TEMPERATURES) {
                long begin = System.nanoTime();
                String s = g.generate(seed, sampleLength, t);
                double ms = (System.nanoTime() - begin) / 1e6 / sampleLength;
                samples.append(String.format("%s, temperature %.1f (%.1f ms per character):%n%n```text%n%s%s%n```%n%n",
                        name, t, ms, seed, s));
            }
            if (!quick) {
                System.out.println(name + " done");
            }
        }
        md.append(String.format("Text: `alice/wonderland.txt` with Project Gutenberg's header and licence removed%s: "
                + "%,d characters, lowercased, %d distinct; windows of %d every %d: %,d examples, one-hot "
                + "(batch, %d, vocabulary) built per batch. Batch %d, RMSprop(0.01), categorical crossentropy, "
                + "seed %d, %d epochs each. Threads: OMP_NUM_THREADS=%s; load average at the start %s "
                + "(other processes on the machine slow the epochs down).%n%n",
                quick ? " (QUICK: its first 3,000 characters)" : "", lower.codePointCount(0, lower.length()),
                lower.codePoints().distinct().count(), TextGenerator.MAXLEN, TextGenerator.STEP, windows,
                TextGenerator.MAXLEN, TextGenerator.BATCH_SIZE, SEED, epochs,
                System.getenv("OMP_NUM_THREADS") == null ? "unset" : System.getenv("OMP_NUM_THREADS"),
                loadAverage()));
        if (System.getenv("OMP_NUM_THREADS") == null) {
            md.append("OpenMP used every core (OMP_NUM_THREADS unset). On a machine busy with other jobs these "
                    + "recurrent models ran 10-20 times slower so (each time step is many small parallel operations "
                    + "that wait for a descheduled thread); there, run with OMP_NUM_THREADS=1.\n\n");
        }
        md.append(table).append('\n');
        md.append("Loss, first to last epoch: ").append(String.join("; ", falls)).append(".\n\n");
        md.append("Samples, each continuing the seed \"").append(seed.replace("\n", "\\n"))
                .append("\" (the seed is the first 40 characters shown):\n\n").append(samples);
        return md.toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

package io.kerasish.tutorials;

import static io.kerasish.models.Fit.verbose;

import io.kerasish.datasets.TextFiles;
import io.kerasish.models.History;
import io.kerasish.utils.Plots;
import io.kerasish.zoo.CharWindows;
import io.kerasish.zoo.TextGenerator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Tutorial 09: a character-level text generator on <i>Alice's Adventures in Wonderland</i>, as in Keras's
 * {@code lstm_text_generation} example, trained twice with the same settings: first with a {@code SimpleRNN(128)},
 * then with an {@code LSTM(128)}, to compare their losses.
 *
 * <p>The text is lowercased; its distinct characters (about 40) are the vocabulary. Every 3 characters a window of
 * 40 characters starts; the model reads the window one-hot, shape {@code (40, vocabulary)}, and predicts the next
 * character with {@code Dense(vocabulary, softmax)}: categorical crossentropy, RMSprop(0.01), batch 128.
 * {@link TextGenerator} (zoo) does this: it builds the vocabulary, the windows ({@link CharWindows}, one-hot batch
 * by batch) and the model, which {@code model().summary()} shows. After training, each model writes text: it
 * predicts the next character's probabilities, one character is drawn from them, appended, and the window moves on.
 * The temperature reshapes the probabilities before the draw: 0.2 nearly always takes the likeliest character
 * (safe, repetitive), 1.0 samples the model's own distribution (livelier, more misspelt).
 *
 * <p>The LSTM's gates let it keep information over more steps than the SimpleRNN, whose state is overwritten at
 * every character; it costs about 4 times the weights and computation per step. The loss of both per epoch is in
 * {@code loss.png}.
 *
 * <p>Usage: {@code alice [text.txt] [--chars N] [--epochs N] [--out DIR] [--quick]}. {@code --chars N} trains on
 * the first N characters (default: the first 40,000, about a quarter of the book, 3 epochs each, which takes about
 * 5 minutes on 2 busy cores; the whole book, 48,000 windows, takes the LSTM 3 to 6 minutes per epoch there).
 * {@code --chars 0} uses the whole text.
 * {@code --quick}: the first 3,000 characters, 2 epochs, samples of 60 characters.
 */
public final class AliceText {
    static final int UNITS = 128;
    static final long SEED = 1;
    static final double[] TEMPERATURES = {0.2, 0.5, 1.0};

    private AliceText() {
    }

    /** One model's run: its name, loss per epoch and samples by temperature. */
    record Run(String name, long params, List<Double> loss, Map<Double, String> samples) {
    }

    /** What the tutorial measured, for its test. */
    record Result(int characters, int windows, String seed, List<Run> runs, Path plot) {
    }

    public static void main(String[] args) {
        run(Args.parse("alice", args));
    }

    static Outcome run(Args args) {
        String text = args.path(0) == null ? TextFiles.alice() : TextFiles.load(args.path(0));
        int chars = args.intOption("--chars", args.quick() ? 3_000 : 40_000);
        int epochs = args.intOption("--epochs", args.quick() ? 2 : 3);
        boolean cut = chars > 0 && chars < text.length();
        if (cut) {
            text = text.substring(0, chars);
        }
        Result r = run(text, epochs, args.quick() ? 60 : 300, args.out());
        Outcome.Builder o = Outcome.builder().figure("characters", String.format("%,d", r.characters()))
                .figure("windows", String.format("%,d", r.windows())).figure("epochs", String.valueOf(epochs));
        for (Run run : r.runs()) {
            o.figure(run.name() + " final loss", run.loss().get(run.loss().size() - 1));
        }
        if (cut) {
            o.note("trained on the first " + String.format("%,d", chars) + " characters of the text, " + epochs
                    + " epochs, to fit the time budget (--chars 0 for all of it)");
        }
        return o.plot(r.plot()).build();
    }

    static Result run(String text, int epochs, int sampleLength, Path out) {
        String lower = text.toLowerCase(Locale.ROOT);
        int length = lower.codePointCount(0, lower.length());
        int windows = CharWindows.count(length, TextGenerator.MAXLEN, TextGenerator.STEP);
        System.out.printf("Text: %,d characters, %d distinct; windows of %d characters every %d: %,d training "
                + "examples%n", length, lower.codePoints().distinct().count(), TextGenerator.MAXLEN,
                TextGenerator.STEP, windows);
        // the seed of every sample: 40 characters from a random place in the text, as in Keras's example
        int start = new Random(SEED).nextInt(lower.length() - TextGenerator.MAXLEN);
        String seed = lower.substring(start, start + TextGenerator.MAXLEN);
        System.out.println("Samples continue this seed, 40 characters of the text: \"" + seed.replace("\n", " ") + "\"");

        List<Run> runs = new java.util.ArrayList<>();
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        for (TextGenerator g : List.of(TextGenerator.simpleRnn(UNITS).seed(SEED), TextGenerator.lstm(UNITS).seed(SEED))) {
            g.windows(text, TextGenerator.BATCH_SIZE, true); // builds the vocabulary and the model
            String name = g.model().layers().get(0).className() + "(" + UNITS + ")";
            System.out.println();
            System.out.println("=== " + name + " ===");
            g.model().summary();
            long begin = System.nanoTime();
            History h = g.fit(text, epochs, verbose(2));
            System.out.printf("%s trained in %.0f s%n", name, (System.nanoTime() - begin) / 1e9);
            Map<Double, String> samples = new LinkedHashMap<>();
            for (double t : TEMPERATURES) {
                String s = g.generate(seed, sampleLength, t);
                samples.put(t, s);
                System.out.printf("%n--- %s, temperature %.1f (seed, then generated):%n%s%s%n", name, t, seed, s);
            }
            runs.add(new Run(name, g.model().countParams(), h.get("loss"), samples));
            curves.put(name, h.get("loss"));
        }

        System.out.println();
        for (Run run : runs) {
            System.out.printf("%-15s %,7d parameters, loss %s%n", run.name(), run.params(),
                    run.loss().stream().map(l -> String.format("%.4f", l)).toList());
        }
        Path plot = out.resolve("loss.png");
        Plots.lines("Alice, next-character loss (same data and settings)", "epoch", "loss", curves, plot);
        System.out.println("Loss curves: " + plot);
        return new Result(length, windows, seed, runs, plot);
    }
}

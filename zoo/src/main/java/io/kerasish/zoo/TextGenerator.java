package io.kerasish.zoo;

import static io.kerasish.models.Fit.batchSize;
import static io.kerasish.models.Fit.epochs;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidDataException;
import io.kerasish.InvalidFileException;
import io.kerasish.KerasishException;
import io.kerasish.io.config.ConfigJson;
import io.kerasish.layers.Dense;
import io.kerasish.layers.LSTM;
import io.kerasish.layers.Layer;
import io.kerasish.layers.RecurrentLayer;
import io.kerasish.layers.SimpleRNN;
import io.kerasish.models.Fit;
import io.kerasish.models.History;
import io.kerasish.models.Models;
import io.kerasish.models.Sequential;
import io.kerasish.optimizers.Optimizer;
import io.kerasish.optimizers.RMSprop;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A character-level text generator, as in Keras's {@code lstm_text_generation} example and the course's "Alice"
 * exercise: the text is lowercased, the vocabulary is its sorted distinct characters, the model reads windows of
 * {@code maxlen} one-hot characters, {@code (batch, maxlen, vocabulary)}, and predicts the next one with a softmax.
 *
 * <pre>{@code
 * TextGenerator g = TextGenerator.lstm(128);            // LSTM(128) + Dense(vocabulary, softmax), RMSprop(0.01)
 * g.fit(TextFiles.alice(), 20);                          // windows of 40 characters every 3, batch 128
 * System.out.println(g.generate("alice was beginning to get very tired o", 400, 0.5));
 * g.save(Path.of("alice.h5"));                           // a Keras model file, plus the vocabulary
 * TextGenerator again = TextGenerator.load(Path.of("alice.h5"));
 * }</pre>
 *
 * Defaults are the Keras example's: {@code maxlen} 40, {@code step} 3, batch 128, RMSprop(0.01), categorical
 * crossentropy, shuffled windows. The vocabulary and model are made by the first {@code fit}; settings can only be
 * changed before it. Characters are Unicode code points, sorted by value as Python sorts {@code set(text)}.
 * <p>
 * <b>Input encoding.</b> One-hot windows, built batch by batch ({@link CharWindows}), as the Keras example
 * does, rather than an Embedding of character ids. Measured on this project's 2-core machine (2,048 Alice windows,
 * batch 128, one thread, a busy machine): LSTM(128) trained at 150-280 examples/s one-hot, 170-175 with
 * Embedding(43, 32) and 210-280 with Embedding(43, 16); SimpleRNN(128) at 1,290-1,380 one-hot and 1,070-1,230 with
 * Embedding(43, 32). No encoding was clearly faster: the recurrent kernel's time steps dominate, and the one-hot
 * input product is small. One-hot keeps the model exactly the example's and needs no extra layer to save.
 * <p>
 * <b>Saving.</b> {@link #save} writes one Keras HDF5 full-model file (what {@code model.save} writes, so Keras's
 * {@code load_model} opens it) with one more root attribute, {@value #ATTRIBUTE}: a JSON object holding the
 * vocabulary, {@code maxlen}, {@code step}, {@code lowercase} and the sampling seed. Keras reads only the root
 * attributes it knows and ignores this one; keeping it inside the file means the vocabulary cannot be separated
 * from the weights it belongs to, and the whole file is replaced by a single atomic rename.
 */
public final class TextGenerator {
    /** The Keras example's window length, step between windows and batch size. */
    public static final int MAXLEN = 40;
    public static final int STEP = 3;
    public static final int BATCH_SIZE = 128;
    /** The root attribute of a saved file that holds the generator's settings and vocabulary. */
    public static final String ATTRIBUTE = "kerasish_text_generator";

    private final boolean lstm;
    private final int units;
    private int maxlen = MAXLEN;
    private int step = STEP;
    private boolean lowercase = true;
    private long seed = 1;
    private Optimizer optimizer;
    private int[] vocabulary;
    private final Map<Integer, Integer> index = new HashMap<>();
    private Sequential model;

    private TextGenerator(boolean lstm, int units) {
        if (units < 1) {
            throw new InvalidConfigException("TextGenerator: units must be >= 1, got " + units);
        }
        this.lstm = lstm;
        this.units = units;
    }

    /** {@code LSTM(units)} then {@code Dense(vocabulary, softmax)}; the Keras example uses 128 units. */
    public static TextGenerator lstm(int units) {
        return new TextGenerator(true, units);
    }

    /** {@code SimpleRNN(units)} then {@code Dense(vocabulary, softmax)}. */
    public static TextGenerator simpleRnn(int units) {
        return new TextGenerator(false, units);
    }

    // ---------------------------------------------------------------- settings (before the first fit)

    /** The window length in characters (default 40). */
    public TextGenerator maxlen(int maxlen) {
        requireUnbuilt("maxlen");
        if (maxlen < 1) {
            throw new InvalidConfigException("TextGenerator: maxlen must be >= 1, got " + maxlen);
        }
        this.maxlen = maxlen;
        return this;
    }

    /** Characters between the starts of successive training windows (default 3). */
    public TextGenerator step(int step) {
        requireUnbuilt("step");
        if (step < 1) {
            throw new InvalidConfigException("TextGenerator: step must be >= 1, got " + step);
        }
        this.step = step;
        return this;
    }

    /** Lowercase the training text and seeds, as the Keras example does (default true). */
    public TextGenerator lowercase(boolean lowercase) {
        requireUnbuilt("lowercase");
        this.lowercase = lowercase;
        return this;
    }

    /** Seeds weight initialization, the order of windows and sampling (default 1). */
    public TextGenerator seed(long seed) {
        requireUnbuilt("seed");
        this.seed = seed;
        return this;
    }

    /** The optimizer (default {@code RMSprop(0.01)}, the Keras example's). */
    public TextGenerator optimizer(Optimizer optimizer) {
        requireUnbuilt("optimizer");
        this.optimizer = optimizer;
        return this;
    }

    private void requireUnbuilt(String what) {
        if (model != null) {
            throw new InvalidConfigException("TextGenerator: " + what + " must be set before the first fit (the model "
                    + "and vocabulary are built then); make a new TextGenerator to change it");
        }
    }

    public int maxlen() {
        return maxlen;
    }

    public int step() {
        return step;
    }

    public boolean lowercase() {
        return lowercase;
    }

    public long seed() {
        return seed;
    }

    /** The vocabulary, sorted, as a string; empty before the first fit. */
    public String vocabulary() {
        return vocabulary == null ? "" : new String(vocabulary, 0, vocabulary.length);
    }

    /** The Keras model, for {@code summary()}, {@code predict} and the rest. */
    public Sequential model() {
        if (model == null) {
            throw new KerasishException("TextGenerator: there is no model yet; call fit(text, epochs) first (it builds "
                    + "the vocabulary and the model) or TextGenerator.load(path)");
        }
        return model;
    }

    // ---------------------------------------------------------------- training

    /** {@link #fit(String, int, int, Fit.Option...)} with the Keras example's batch size, 128. */
    public History fit(String text, int epochs, Fit.Option... options) {
        return fit(text, epochs, BATCH_SIZE, options);
    }

    /**
     * Trains on every window of the text, shuffled each epoch. The first call makes the vocabulary from this text
     * and builds the model; later calls continue training and need text within that vocabulary. Other options
     * ({@code verbose}, {@code callbacks}, {@code initialEpoch}) are {@code Sequential.fit}'s; windows are always
     * shuffled, as Keras's default.
     *
     * @throws InvalidDataException naming characters outside the vocabulary of an earlier fit
     */
    public History fit(String text, int epochs, int batchSize, Fit.Option... options) {
        CharWindows windows = windows(text, batchSize, true);
        Fit.Option[] all = Arrays.copyOf(options, options.length + 2);
        all[options.length] = epochs(epochs);
        all[options.length + 1] = batchSize(batchSize);
        return model.fit(windows, all);
    }

    /**
     * The training examples of a text, as one-hot batches: builds the vocabulary and model from it when there is
     * none yet.
     */
    public CharWindows windows(String text, int batchSize, boolean shuffle) {
        if (text == null || text.isEmpty()) {
            throw new InvalidDataException("TextGenerator: the training text is empty");
        }
        String t = prepare(text);
        if (model == null) {
            if (t.codePointCount(0, t.length()) <= maxlen) {
                throw new InvalidDataException("TextGenerator: the training text has " + t.codePointCount(0, t.length())
                        + " characters, so no window of maxlen=" + maxlen + " has a next character; use a longer text "
                        + "or a smaller maxlen");
            }
            build(t.codePoints().collect(TreeSet<Integer>::new, TreeSet::add, TreeSet::addAll).stream()
                    .mapToInt(Integer::intValue).toArray());
        }
        return new CharWindows(encode(t, "the training text"), vocabulary.length, maxlen, step, batchSize, shuffle, seed);
    }

    private String prepare(String text) {
        return lowercase ? text.toLowerCase(Locale.ROOT) : text;
    }

    private void build(int[] chars) {
        setVocabulary(chars);
        RecurrentLayer<?> recurrent = lstm ? new LSTM(units) : new SimpleRNN(units);
        Sequential m = new Sequential(lstm ? "lstm_text_generator" : "simple_rnn_text_generator").seed(seed);
        m.add(recurrent.inputShape(maxlen, chars.length));
        m.add(new Dense(chars.length).activation("softmax"));
        m.compile(optimizer != null ? optimizer : new RMSprop(0.01), "categorical_crossentropy");
        model = m;
    }

    private void setVocabulary(int[] chars) {
        vocabulary = chars;
        index.clear();
        for (int i = 0; i < chars.length; i++) {
            index.put(chars[i], i);
        }
    }

    /** Character ids of an already-lowercased text; unknown characters are named in the error. */
    int[] encode(String text, String what) {
        int[] cps = text.codePoints().toArray();
        int[] ids = new int[cps.length];
        TreeSet<Integer> unknown = new TreeSet<>();
        for (int i = 0; i < cps.length; i++) {
            Integer id = index.get(cps[i]);
            if (id == null) {
                unknown.add(cps[i]);
            } else {
                ids[i] = id;
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidDataException("TextGenerator: " + what + " has " + unknown.size() + " character"
                    + (unknown.size() == 1 ? "" : "s") + " outside the vocabulary: " + describe(unknown.stream()
                    .mapToInt(Integer::intValue).toArray()) + ". Remove or replace them; the model knows only the "
                    + vocabulary.length + " characters of its training text" + (lowercase ? " (lowercased)" : "")
                    + ": " + describe(vocabulary));
        }
        return ids;
    }

    /** Characters quoted, control and non-ASCII ones also as U+XXXX. */
    static String describe(int[] chars) {
        StringBuilder sb = new StringBuilder();
        for (int c : chars) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (c == '\n') {
                sb.append("'\\n'");
            } else if (c == '\r') {
                sb.append("'\\r'");
            } else if (c == '\t') {
                sb.append("'\\t'");
            } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                sb.append(String.format("U+%04X", c));
            } else {
                sb.append('\'').appendCodePoint(c).append('\'');
                if (c > 0x7e) {
                    sb.append(String.format(" (U+%04X)", c));
                }
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- generating

    /**
     * {@code length} characters continuing {@code seed}, each drawn with Keras's {@code sample(preds, temperature)}
     * from a random generator seeded with {@link #seed()}: the same call gives the same text (also after
     * save/load). The seed is lowercased like the training text. Of a longer seed only the last {@code maxlen}
     * characters are read; a shorter one is padded in front with all-zero steps ({@code pad_sequences}'s default,
     * "pre"), so the prediction still follows its last character. (The Keras example fills its
     * {@code zeros((1, maxlen, vocabulary))} from the front, padding at the end.)
     *
     * @return the generated characters only, without the seed
     * @throws InvalidDataException if the seed is empty or has characters outside the vocabulary (named)
     */
    public String generate(String seed, int length, double temperature) {
        return generate(seed, length, temperature, new Random(this.seed));
    }

    /** As {@link #generate(String, int, double)}, drawing from {@code random} (for a stream that goes on). */
    public String generate(String seed, int length, double temperature, Random random) {
        checkTemperature(temperature);
        if (length < 0) {
            throw new InvalidConfigException("TextGenerator.generate: length must be >= 0, got " + length);
        }
        Sequential m = model();
        if (seed == null || seed.isEmpty()) {
            throw new InvalidDataException("TextGenerator.generate: the seed text is empty; give at least one character "
                    + "(the last " + maxlen + " are read), e.g. the start of a sentence of the training text");
        }
        int[] ids = encode(prepare(seed), "the seed text");
        int v = vocabulary.length;
        int[] window = new int[maxlen];
        Arrays.fill(window, -1);
        int n = Math.min(ids.length, maxlen);
        System.arraycopy(ids, ids.length - n, window, maxlen - n, n);
        StringBuilder out = new StringBuilder();
        float[] x = new float[maxlen * v];
        for (int k = 0; k < length; k++) {
            Arrays.fill(x, 0f);
            for (int t = 0; t < maxlen; t++) {
                if (window[t] >= 0) {
                    x[t * v + window[t]] = 1f;
                }
            }
            double[] p = m.predict(Nd4j.create(x, new long[] {1, maxlen, v}, 'c')).toDoubleVector();
            int next = sample(p, temperature, random);
            out.appendCodePoint(vocabulary[next]);
            System.arraycopy(window, 1, window, 0, maxlen - 1);
            window[maxlen - 1] = next;
        }
        return out.toString();
    }

    /**
     * Keras's {@code sample}: {@code log(p) / temperature}, renormalized with a softmax, one multinomial draw. Low
     * temperatures approach the most probable character, 1 samples the model's distribution, higher ones flatten
     * it. The largest logit is subtracted before {@code exp} (the same distribution, without overflow at low
     * temperatures).
     */
    public static int sample(double[] probabilities, double temperature, Random random) {
        checkTemperature(temperature);
        double[] w = new double[probabilities.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.log(probabilities[i]) / temperature;
            if (w[i] > max) {
                max = w[i];
            }
        }
        if (!(max > Double.NEGATIVE_INFINITY) || Double.isNaN(max) || max == Double.POSITIVE_INFINITY) {
            throw new InvalidDataException("TextGenerator.sample: the predicted probabilities are not a distribution "
                    + "(all zero, NaN or infinite): " + Arrays.toString(probabilities));
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(w[i] - max);
            sum += w[i];
        }
        double u = random.nextDouble() * sum;
        int last = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                last = i;
                u -= w[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    private static void checkTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidConfigException("TextGenerator: temperature must be a number > 0, got " + temperature
                    + "; use e.g. 0.2 (conservative), 0.5, 1.0 (the model's own distribution) or 1.2 (adventurous)");
        }
    }

    // ---------------------------------------------------------------- saving and loading

    /**
     * Writes the model as Keras's {@code model.save} does (HDF5, weights, training config, optimizer state) plus the
     * root attribute {@value #ATTRIBUTE}; the file is replaced atomically.
     */
    public void save(Path file) {
        model().save(file, Map.of(ATTRIBUTE, ConfigJson.write(settings())));
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", "kerasish.TextGenerator");
        s.put("version", 1L);
        s.put("vocabulary", vocabulary());
        s.put("maxlen", (long) maxlen);
        s.put("step", (long) step);
        s.put("lowercase", lowercase);
        s.put("seed", seed);
        return s;
    }

    /**
     * A generator saved by {@link #save}: the compiled model (training continues where it stopped) with its
     * vocabulary and settings; it generates exactly what the saved one did.
     *
     * @throws InvalidFileException if the file is not a Keras model file, lacks {@value #ATTRIBUTE}, or the two do
     *     not fit together
     */
    public static TextGenerator load(Path file) {
        String json = Models.fileAttributes(file).get(ATTRIBUTE);
        if (json == null) {
            throw new InvalidFileException(file, "has no '" + ATTRIBUTE + "' attribute, so its vocabulary is unknown: it "
                    + "was not written by TextGenerator.save. Load a plain Keras model with Models.loadModel(path).");
        }
        Map<String, Object> s;
        try {
            s = ConfigJson.parse(json, "attribute " + ATTRIBUTE);
        } catch (KerasishException e) {
            throw new InvalidFileException(file, e.getMessage(), e);
        }
        String chars = s.get("vocabulary") instanceof String v ? v : null;
        Long maxlen = s.get("maxlen") instanceof Long n ? n : null;
        Long step = s.get("step") instanceof Long n ? n : null;
        Long seed = s.get("seed") instanceof Long n ? n : null;
        Boolean lower = s.get("lowercase") instanceof Boolean b ? b : null;
        if (chars == null || chars.isEmpty() || maxlen == null || maxlen < 1 || step == null || step < 1 || seed == null
                || lower == null) {
            throw new InvalidFileException(file, "attribute " + ATTRIBUTE + " needs vocabulary (a non-empty string), "
                    + "maxlen and step (integers >= 1), lowercase (a boolean) and seed (an integer); found " + json);
        }
        int[] vocabulary = chars.codePoints().toArray();
        for (int i = 1; i < vocabulary.length; i++) {
            if (vocabulary[i] <= vocabulary[i - 1]) {
                throw new InvalidFileException(file, "attribute " + ATTRIBUTE + ": the vocabulary must be sorted "
                        + "distinct characters, found " + describe(vocabulary));
            }
        }
        Sequential m = Models.loadModel(file);
        List<Layer<?>> layers = m.layers();
        if (layers.size() != 2 || !(layers.get(0) instanceof RecurrentLayer<?> r) || !(layers.get(1) instanceof Dense)
                || !Arrays.equals(m.inputShape().dims(), new long[] {maxlen, vocabulary.length})
                || !Arrays.equals(m.outputShape().dims(), new long[] {vocabulary.length})) {
            throw new InvalidFileException(file, "its model is not a text generator for " + vocabulary.length
                    + " characters and windows of " + maxlen + ": expected a recurrent layer with input (" + maxlen
                    + ", " + vocabulary.length + ") then Dense(" + vocabulary.length + "), found layers "
                    + layers.stream().map(l -> l.className()).toList() + " with input " + m.inputShape()
                    + " and output " + m.outputShape());
        }
        TextGenerator g = new TextGenerator(r instanceof LSTM, r.units());
        g.maxlen = maxlen.intValue();
        g.step = step.intValue();
        g.lowercase = lower;
        g.seed = seed;
        g.setVocabulary(vocabulary);
        g.model = m;
        return g;
    }
}

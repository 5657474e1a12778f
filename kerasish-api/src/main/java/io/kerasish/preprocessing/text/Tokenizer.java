package io.kerasish.preprocessing.text;

import io.kerasish.InvalidConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keras's text {@code Tokenizer}: words (or characters) to ids by frequency.
 *
 * <pre>{@code
 * Tokenizer t = new Tokenizer().numWords(1000).oovToken("<OOV>");
 * t.fitOnTexts(List.of("The cat sat.", "The dog!"));
 * t.wordIndex();                                        // {<OOV>=1, the=2, cat=3, sat=4, dog=5}
 * int[][] seqs = t.textsToSequences(List.of("the bird sat"));   // [[2, 1, 4]]
 * }</pre>
 *
 * Keras's conventions: each text is lower-cased, every character of {@code filters} (by default
 * {@link #DEFAULT_FILTERS}: ASCII punctuation except the apostrophe, tab and newline) becomes the {@code split}
 * string, and the text is cut on {@code split} (" "), dropping empty pieces. {@code wordIndex} orders words by
 * descending count, ties by first appearance, from 1 (0 is left for padding); an {@code oovToken} takes index 1. All
 * words are indexed, but {@code textsToSequences} keeps only ids below {@code numWords} (the {@code numWords - 1}
 * most frequent words), the rest become the oov id or are dropped. With {@code charLevel(true)} every character is
 * a token (lower-cased; filters and split do not apply, as in Keras).
 */
public class Tokenizer {
    /** Keras's default filters: {@code !"#$%&()*+,-./:;<=>?@[\]^_`{|}~}, tab and newline. */
    public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private Integer numWords;
    private String filters = DEFAULT_FILTERS;
    private boolean lower = true;
    private String split = " ";
    private boolean charLevel;
    private String oovToken;
    private int documentCount;
    private final Map<String, Integer> wordCounts = new LinkedHashMap<>();
    private final Map<String, Integer> wordDocs = new LinkedHashMap<>();
    private Map<String, Integer> wordIndex = new LinkedHashMap<>();
    private Map<Integer, String> indexWord = new HashMap<>();

    /** Keras's {@code num_words}: sequences keep the ids below it. Default: all words. */
    public Tokenizer numWords(Integer numWords) {
        if (numWords != null && numWords < 1) {
            throw new InvalidConfigException("Tokenizer: num_words must be >= 1 or null, got " + numWords);
        }
        this.numWords = numWords;
        return this;
    }

    /** Keras's {@code filters}: characters replaced by the split string before splitting. */
    public Tokenizer filters(String filters) {
        this.filters = filters == null ? "" : filters;
        return this;
    }

    /** Keras's {@code lower} (default true). */
    public Tokenizer lower(boolean lower) {
        this.lower = lower;
        return this;
    }

    /** Keras's {@code split} (default " "). */
    public Tokenizer split(String split) {
        if (split == null || split.isEmpty()) {
            throw new InvalidConfigException("Tokenizer: split must be a non-empty string, got '" + split + "'");
        }
        this.split = split;
        return this;
    }

    /** Keras's {@code char_level}: every character is a token. */
    public Tokenizer charLevel(boolean charLevel) {
        this.charLevel = charLevel;
        return this;
    }

    /** Keras's {@code oov_token}: index 1, standing for words outside the index (or beyond numWords). */
    public Tokenizer oovToken(String oovToken) {
        this.oovToken = oovToken;
        return this;
    }

    public Integer numWords() {
        return numWords;
    }

    public String oovToken() {
        return oovToken;
    }

    /** Keras's {@code document_count}: texts seen by fitOnTexts. */
    public int documentCount() {
        return documentCount;
    }

    /** Keras's {@code word_counts}: occurrences of each word, in order of first appearance. */
    public Map<String, Integer> wordCounts() {
        return Collections.unmodifiableMap(wordCounts);
    }

    /** Keras's {@code word_docs}: in how many texts each word occurs. */
    public Map<String, Integer> wordDocs() {
        return Collections.unmodifiableMap(wordDocs);
    }

    /** Keras's {@code word_index}: word to id, most frequent first, from 1. */
    public Map<String, Integer> wordIndex() {
        return Collections.unmodifiableMap(wordIndex);
    }

    /** Keras's {@code index_word}: id to word. */
    public Map<Integer, String> indexWord() {
        return Collections.unmodifiableMap(indexWord);
    }

    /** Keras's {@code text_to_word_sequence} with Keras's defaults. */
    public static List<String> textToWordSequence(String text) {
        return textToWordSequence(text, DEFAULT_FILTERS, true, " ");
    }

    /** Keras's {@code text_to_word_sequence(text, filters, lower, split)}. */
    public static List<String> textToWordSequence(String text, String filters, boolean lower, String split) {
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (filters.indexOf(c) >= 0) {
                b.append(split);
            } else {
                b.appendCodePoint(c);
            }
        });
        List<String> out = new ArrayList<>();
        for (String w : b.toString().split(Pattern.quote(split), -1)) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private List<String> tokens(String text) {
        if (charLevel) {
            String s = lower ? text.toLowerCase(Locale.ROOT) : text;
            List<String> out = new ArrayList<>();
            s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
            return out;
        }
        return textToWordSequence(text, filters, lower, split);
    }

    /** Keras's {@code fit_on_texts}: counts the words of these texts (adding to earlier calls) and rebuilds the index. */
    public Tokenizer fitOnTexts(List<String> texts) {
        for (String text : texts) {
            documentCount++;
            List<String> seq = tokens(text);
            for (String w : seq) {
                wordCounts.merge(w, 1, Integer::sum);
            }
            for (String w : new HashSet<>(seq)) {
                wordDocs.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> counts = new ArrayList<>(wordCounts.entrySet());
        counts.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable: ties keep first appearance
        List<String> vocabulary = new ArrayList<>();
        if (oovToken != null) {
            vocabulary.add(oovToken);
        }
        counts.forEach(e -> vocabulary.add(e.getKey()));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i + 1); // a text word equal to the oov token takes its later index, as in Keras
        }
        Map<Integer, String> reverse = new HashMap<>();
        index.forEach((w, i) -> reverse.put(i, w));
        wordIndex = index;
        indexWord = reverse;
        return this;
    }

    /** Keras's {@code texts_to_sequences}: each text's ids (below numWords; others become the oov id or are dropped). */
    public int[][] textsToSequences(List<String> texts) {
        Integer oov = oovToken == null ? null : wordIndex.get(oovToken);
        int[][] out = new int[texts.size()][];
        for (int t = 0; t < out.length; t++) {
            List<Integer> ids = new ArrayList<>();
            for (String w : tokens(texts.get(t))) {
                Integer i = wordIndex.get(w);
                if (i != null && !(numWords != null && i >= numWords)) {
                    ids.add(i);
                } else if (oov != null) {
                    ids.add(oov);
                }
            }
            out[t] = ids.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Keras's {@code sequences_to_texts}: ids back to words joined by spaces (unknown ids dropped, or the oov token). */
    public List<String> sequencesToTexts(int[][] sequences) {
        Integer oov = oovToken == null ? null : wordIndex.get(oovToken);
        List<String> out = new ArrayList<>();
        for (int[] seq : sequences) {
            List<String> words = new ArrayList<>();
            for (int id : seq) {
                String w = indexWord.get(id);
                if (w != null && !(numWords != null && id >= numWords)) {
                    words.add(w);
                } else if (oov != null) {
                    words.add(indexWord.get(oov));
                }
            }
            out.add(String.join(" ", words));
        }
        return out;
    }
}

package io.kerasish.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kerasish.preprocessing.text.Tokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keras's Tokenizer conventions, with values worked out by hand from Keras's rules: lower-case, punctuation
 * (not the apostrophe) replaced by spaces, ids by descending count with ties in order of first appearance from 1,
 * the oov token at 1, and num_words cutting ids at num_words - 1 in sequences only.
 */
class TokenizerTest {
    private static final List<String> TEXTS = List.of("The cat sat on the mat.", "The dog ate my homework!", "Cat, cat: DOG?");

    private static Map<String, Integer> index(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void textToWordSequenceLowersAndSplitsOnPunctuationButKeepsApostrophes() {
        assertEquals(List.of("hello", "world", "it's", "fine"), Tokenizer.textToWordSequence("Hello, World!\tIt's  fine"));
        assertEquals(List.of("a\rb"), Tokenizer.textToWordSequence("a\rb"), "\\r is not among Keras's filters");
        assertEquals(List.of("A", "b"), Tokenizer.textToWordSequence("A-b", "-", false, " "));
    }

    @Test
    void wordIndexOrdersByCountThenFirstAppearance() {
        Tokenizer t = new Tokenizer().fitOnTexts(TEXTS);
        // counts: the 3, cat 3, sat 1, on 1, mat 1, dog 2, ate 1, my 1, homework 1
        assertEquals(index("the", 1, "cat", 2, "dog", 3, "sat", 4, "on", 5, "mat", 6, "ate", 7, "my", 8, "homework", 9),
                new LinkedHashMap<>(t.wordIndex()));
        assertEquals(List.copyOf(t.wordIndex().keySet()), List.of("the", "cat", "dog", "sat", "on", "mat", "ate", "my", "homework"));
        assertEquals(3, t.wordCounts().get("cat"));
        assertEquals(2, t.wordDocs().get("cat"));
        assertEquals(2, t.wordDocs().get("the"));
        assertEquals(3, t.documentCount());
        assertEquals("dog", t.indexWord().get(3));
    }

    @Test
    void oovTokenTakesIndexOne() {
        Tokenizer t = new Tokenizer().oovToken("<OOV>").fitOnTexts(TEXTS);
        assertEquals(1, t.wordIndex().get("<OOV>"));
        assertEquals(2, t.wordIndex().get("the"));
        assertEquals(10, t.wordIndex().get("homework"));
        assertArrayEquals(new int[][] {{2, 3, 8, 1, 1}}, t.textsToSequences(List.of("The cat ate a fish")));
    }

    @Test
    void numWordsKeepsIdsBelowItInSequencesOnly() {
        Tokenizer all = new Tokenizer().fitOnTexts(TEXTS);
        assertArrayEquals(new int[][] {{1, 2, 7}}, all.textsToSequences(List.of("the cat ate a fish")));
        Tokenizer four = new Tokenizer().numWords(4).fitOnTexts(TEXTS);
        assertEquals(9, four.wordIndex().size(), "word_index keeps every word");
        assertArrayEquals(new int[][] {{1, 2, 3}, {}}, four.textsToSequences(List.of("the cat ate dog", "fish")));
        Tokenizer oov = new Tokenizer().numWords(4).oovToken("<OOV>").fitOnTexts(TEXTS);
        assertArrayEquals(new int[][] {{2, 3, 1, 1, 1}}, oov.textsToSequences(List.of("the cat ate a fish")));
    }

    @Test
    void sequencesToTextsMapsBack() {
        Tokenizer all = new Tokenizer().fitOnTexts(TEXTS);
        assertEquals(List.of("the cat ate", "dog"), all.sequencesToTexts(new int[][] {{1, 2, 7, 99}, {3}}));
        Tokenizer four = new Tokenizer().numWords(4).fitOnTexts(TEXTS);
        assertEquals(List.of("the cat"), four.sequencesToTexts(new int[][] {{1, 2, 7}}));
        Tokenizer oov = new Tokenizer().numWords(4).oovToken("<OOV>").fitOnTexts(TEXTS);
        assertEquals(List.of("the cat <OOV> <OOV>"), oov.sequencesToTexts(new int[][] {{2, 3, 8, 99}}));
    }

    @Test
    void charLevelCountsEveryCharacterWithoutFilters() {
        Tokenizer t = new Tokenizer().charLevel(true).fitOnTexts(List.of("aBa!", "b"));
        assertEquals(index("a", 1, "b", 2, "!", 3), new LinkedHashMap<>(t.wordIndex()));
        assertArrayEquals(new int[][] {{1, 2, 3}}, t.textsToSequences(List.of("ab c!")));
    }

    @Test
    void lowerFalseKeepsCase() {
        Tokenizer t = new Tokenizer().lower(false).fitOnTexts(List.of("A a a"));
        assertEquals(index("a", 1, "A", 2), new LinkedHashMap<>(t.wordIndex()));
    }
}

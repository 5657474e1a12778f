package io.kerasish.preprocessing;

import static io.kerasish.preprocessing.sequence.Sequences.dtype;
import static io.kerasish.preprocessing.sequence.Sequences.maxlen;
import static io.kerasish.preprocessing.sequence.Sequences.padSequences;
import static io.kerasish.preprocessing.sequence.Sequences.padSequencesToInts;
import static io.kerasish.preprocessing.sequence.Sequences.padding;
import static io.kerasish.preprocessing.sequence.Sequences.truncating;
import static io.kerasish.preprocessing.sequence.Sequences.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** pad_sequences with Keras's defaults (maxlen = longest, int32, pre-padding, pre-truncation, 0) and options. */
class SequencesTest {
    private static final int[][] SEQS = {{1, 2, 3}, {4, 5}, {6, 7, 8, 9, 10}, {}};

    private static int[][] ints(INDArray a) {
        return a.toIntMatrix();
    }

    @Test
    void defaultsPadBeforeToTheLongestAsInt32() {
        INDArray x = padSequences(SEQS);
        assertEquals(DataType.INT32, x.dataType());
        assertArrayEquals(new long[] {4, 5}, x.shape());
        assertArrayEquals(new int[][] {{0, 0, 1, 2, 3}, {0, 0, 0, 4, 5}, {6, 7, 8, 9, 10}, {0, 0, 0, 0, 0}}, ints(x));
    }

    @Test
    void maxlenCutsTheStartByDefaultOrTheEndWithPost() {
        assertArrayEquals(new int[][] {{1, 2, 3}, {0, 4, 5}, {8, 9, 10}, {0, 0, 0}}, ints(padSequences(SEQS, maxlen(3))));
        assertArrayEquals(new int[][] {{1, 2, 3}, {4, 5, 0}, {6, 7, 8}, {0, 0, 0}},
                ints(padSequences(SEQS, maxlen(3), padding("post"), truncating("post"))));
        assertArrayEquals(new int[][] {{1, 2, 3}, {4, 5, 0}, {8, 9, 10}, {0, 0, 0}},
                padSequencesToInts(SEQS, maxlen(3), padding("post")));
        assertArrayEquals(new int[][] {{0, 0, 0, 1, 2, 3}}, padSequencesToInts(new int[][] {{1, 2, 3}}, maxlen(6)));
    }

    @Test
    void valueAndDtypeAreCastAsNumpyCastsThem() {
        assertArrayEquals(new int[][] {{-1, 4, 5}}, ints(padSequences(new int[][] {{4, 5}}, maxlen(3), value(-1))));
        assertArrayEquals(new int[][] {{0, 4, 5}}, ints(padSequences(new int[][] {{4, 5}}, maxlen(3), value(0.5))));
        INDArray f = padSequences(new int[][] {{4, 5}}, maxlen(3), value(0.5), dtype("float32"));
        assertEquals(DataType.FLOAT, f.dataType());
        assertEquals(0.5, f.getDouble(0, 0), 0);
        assertEquals(5.0, f.getDouble(0, 2), 0);
    }

    @Test
    void badArgumentsSayWhatIsAccepted() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> padding("middle"));
        assertTrue(e.getMessage().contains("padding type \"middle\" not understood") && e.getMessage().contains("\"post\""),
                e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> truncating("end"));
        assertTrue(e.getMessage().contains("truncating type \"end\""), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> maxlen(0));
        assertThrows(InvalidConfigException.class, () -> dtype("str"));
    }
}

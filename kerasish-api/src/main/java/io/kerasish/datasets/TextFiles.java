package io.kerasish.datasets;

import io.kerasish.InvalidDataException;
import io.kerasish.KerasishException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Plain text files for the loaders, and the text of the course's "Alice" exercise (a character-level LSTM trained
 * on Project Gutenberg's <i>Alice's Adventures in Wonderland</i>, eBook #11):
 *
 * <pre>{@code
 * String text = TextFiles.alice();                      // alice/wonderland.txt from KERASISH_DATA or the cache, stripped
 * String mine = TextFiles.load(Path.of("notes.txt"));   // any UTF-8 file, gzipped or not
 * }</pre>
 *
 * Library files are found as {@link Datasets#locate} finds them: {@code $KERASISH_DATA/<name>/}, then
 * {@code ~/.kerasish/datasets/<name>/} (or {@code $KERASISH_HOME/datasets/<name>/}). kerasish does not download
 * them: when one is missing the error says which file to put where.
 */
public final class TextFiles {
    /** Where Project Gutenberg publishes the classic plain-text Alice that the exercise uses. */
    public static final String ALICE_URL = "https://www.gutenberg.org/files/11/11.txt";
    /** The library folder and file {@link #alice()} looks for (the 2008 "EBook #11" edition, with PG's header). */
    public static final String ALICE_DIR = "alice";
    public static final String ALICE_FILE = "wonderland.txt";
    /** The exercise keeps the text from this marker (the first chapter heading) ... */
    public static final String ALICE_START = "CHAPTER I.";
    /** ... up to the line holding this one (Project Gutenberg's licence follows it). */
    public static final String GUTENBERG_END = "END OF THIS PROJECT GUTENBERG EBOOK";

    private TextFiles() {
    }

    /**
     * The whole file as UTF-8 text ({@code .gz} files are decompressed), line endings as they are.
     *
     * @throws KerasishException if the file is missing or unreadable
     * @throws InvalidDataException if it is not valid UTF-8
     */
    public static String load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KerasishException("Text file " + file.toAbsolutePath() + " not found");
        }
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new KerasishException("Cannot read " + file + ": " + e, e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(file + " is not UTF-8 text (" + e.getMessage() + "). Convert it first, "
                    + "e.g. iconv -f latin1 -t utf-8 " + file.getFileName() + " > out.txt");
        }
    }

    /**
     * A file from the library locations, e.g. {@code locate("alice", "wonderland.txt")}: the first of
     * {@code $KERASISH_DATA/<name>/<file>}, then the cache, gzipped ({@code <file>.gz}) or not.
     *
     * @throws KerasishException naming the folders searched and where to get the file
     */
    public static Path locate(String name, String file, String hint) {
        return Datasets.file(Datasets.locate(name, List.of(file), hint), file);
    }

    /**
     * The exercise's Alice: {@code alice/wonderland.txt} from the library locations, with Project Gutenberg's
     * header and licence removed ({@link #alice(Path)}). Not lowercased: the text generator does that.
     */
    public static String alice() {
        return alice(locate(ALICE_DIR, ALICE_FILE, "Download Project Gutenberg's plain-text Alice from " + ALICE_URL
                + " and save it as " + ALICE_FILE + " (kerasish does not download datasets)."));
    }

    /**
     * Alice from this file. An edition with Project Gutenberg's licence (the classic {@code wonderland.txt}, whose
     * end marker is {@link #GUTENBERG_END}) is cut as the exercise says: everything before {@link #ALICE_START} and
     * from the end marker's line on is removed (about 144,000 characters remain). An edition without it (the 2024
     * {@code 11-0.txt}, already stripped upstream) is returned whole.
     */
    public static String alice(Path file) {
        String text = load(file);
        return text.contains(GUTENBERG_END) ? strip(text, ALICE_START, GUTENBERG_END, file.toString()) : text;
    }

    /**
     * The text from the first {@code start} (included) to the beginning of the line that holds the first
     * {@code end} after it (excluded), with trailing white space trimmed and one final newline.
     *
     * @param what names the text in errors (a file name)
     * @throws InvalidDataException naming the marker that is missing
     */
    public static String strip(String text, String start, String end, String what) {
        int from = text.indexOf(start);
        if (from < 0) {
            throw new InvalidDataException(what + " has no start marker \"" + start + "\"; is it the right file?");
        }
        int to = text.indexOf(end, from + start.length());
        if (to < 0) {
            throw new InvalidDataException(what + " has no end marker \"" + end + "\" after \"" + start
                    + "\"; is it the right file?");
        }
        int lineStart = text.lastIndexOf('\n', to) + 1;
        return text.substring(from, Math.max(from, lineStart)).stripTrailing() + "\n";
    }
}

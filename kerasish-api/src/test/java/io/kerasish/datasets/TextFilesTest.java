package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidDataException;
import io.kerasish.KerasishException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    /** The shared data folder beside the checkout (not committed); tests that need it are skipped without it. */
    private static Path shared(String file) {
        for (Path base : List.of(Path.of("..", "..", "shared", "datasets"), Path.of("..", "shared", "datasets"))) {
            if (Files.isRegularFile(base.resolve(file))) {
                return base.resolve(file);
            }
        }
        System.out.println("skipped: ../shared/datasets/" + file + " not found (Project Gutenberg's Alice, eBook #11)");
        Assumptions.assumeTrue(false, "../shared/datasets/" + file + " not found");
        return null;
    }

    @Test
    void loadsUtf8PlainAndGzipped() throws Exception {
        String text = "Alice’s “Wonderland”\r\nline 2\n";
        Path plain = dir.resolve("a.txt");
        Files.writeString(plain, text, StandardCharsets.UTF_8);
        assertEquals(text, TextFiles.load(plain), "line endings and curly quotes kept");
        Path gz = dir.resolve("a.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(text, TextFiles.load(gz));
    }

    @Test
    void refusesMissingAndNonUtf8Files() throws Exception {
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        KerasishException e = assertThrows(InvalidDataException.class, () -> TextFiles.load(latin1));
        assertTrue(e.getMessage().contains("not UTF-8") && e.getMessage().contains("iconv"), e.getMessage());
        KerasishException missing = assertThrows(KerasishException.class, () -> TextFiles.load(dir.resolve("none.txt")));
        assertTrue(missing.getMessage().contains("none.txt"), missing.getMessage());
        KerasishException notFound = assertThrows(KerasishException.class,
                () -> TextFiles.locate("no-such-text-dataset", "book.txt", "Get it from example.org."));
        assertTrue(notFound.getMessage().contains("book.txt") && notFound.getMessage().contains("example.org"),
                notFound.getMessage());
    }

    @Test
    void stripKeepsTheTextBetweenTheMarkers() {
        String book = "Header\nlicence\nCHAPTER I. Start\nbody\n\n  THE END\n\n*** END OF THIS PROJECT GUTENBERG EBOOK X ***\nlicence\n";
        assertEquals("CHAPTER I. Start\nbody\n\n  THE END\n",
                TextFiles.strip(book, "CHAPTER I.", "END OF THIS PROJECT GUTENBERG EBOOK", "book"));
        KerasishException e = assertThrows(InvalidDataException.class,
                () -> TextFiles.strip("no chapters", "CHAPTER I.", "END OF", "book.txt"));
        assertTrue(e.getMessage().contains("book.txt") && e.getMessage().contains("CHAPTER I."), e.getMessage());
        KerasishException end = assertThrows(InvalidDataException.class,
                () -> TextFiles.strip("END OF then CHAPTER I. only", "CHAPTER I.", "END OF", "book.txt"));
        assertTrue(end.getMessage().contains("no end marker"), end.getMessage());
    }

    @Test
    void classicAliceIsStrippedOfProjectGutenbergsHeaderAndLicence() {
        String alice = TextFiles.alice(shared("alice/wonderland.txt"));
        assertTrue(alice.startsWith("CHAPTER I. Down the Rabbit-Hole\n\nAlice was beginning to get very tired"),
                alice.substring(0, 80));
        assertTrue(alice.endsWith("THE END\n\n\n\n\n\nEnd of Project Gutenberg's Alice's Adventures in Wonderland, "
                + "by Lewis Carroll\n"), alice.substring(alice.length() - 120));
        assertFalse(alice.contains("*** START OF") || alice.contains("*** END OF") || alice.contains("Posting Date"));
        assertEquals(144_426, alice.length());
    }

    @Test
    void newerAliceIsAlreadyStrippedAndReturnedWhole() throws Exception {
        Path file = shared("alice/11-0.txt");
        String alice = TextFiles.alice(file);
        assertEquals(Files.readString(file), alice);
        assertTrue(alice.contains("Alice’s Adventures in Wonderland") && alice.strip().endsWith("THE END"));
    }
}

package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results table is rebuilt from the outcome files a run left, one row per registered tutorial. */
class TutorialResultsTest {
    @Test
    void tableShowsFiguresNotesPicturesAndWhatHasNotRun(@TempDir Path root) throws Exception {
        Path dir = root.resolve("tutorials");
        Outcome xor = Outcome.builder().figure("accuracy", 1.0).figure("note|with bar", "x")
                .plot(dir.resolve("xor/curves.png")).note("ran on a sample").build();
        Tutorials.writeOutcome(dir.resolve("xor/outcome.json"), xor, 1.25);
        // what the runner adds after the child JVM exits
        String json = Files.readString(dir.resolve("xor/outcome.json")).strip();
        json = json.substring(0, json.length() - 1)
                + ", \"exit\": 0, \"wall_seconds\": 3.4, \"date\": \"2026-11-23\", \"load_at_start\": \"0.1 0.2 0.3\" }";
        Files.writeString(dir.resolve("xor/outcome.json"), json);

        String md = TutorialResults.table(dir, false);
        assertTrue(md.contains("| 02 | xor | accuracy **1.0000**; note\\|with bar **x** | 3 | 2026-11-23, 0.1 0.2 0.3 |"),
                md);
        assertTrue(md.contains("| 01 | and | not run yet | | |"), md);
        assertTrue(md.contains("- 02 xor: ran on a sample"), md);
        assertTrue(md.contains("- 02 xor: [curves.png](tutorials/xor/curves.png)"), md);
    }
}

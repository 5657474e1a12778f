package io.kerasish.tutorials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.KerasishException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
    @Test
    void positionalArgumentsComeBeforeOptions() {
        Args a = Args.parse("auto-mpg", "data/cars.data", "--epochs", "7", "--mnist", "--quick", "--out", "x");
        assertEquals(List.of("data/cars.data"), a.positional());
        assertEquals(Path.of("data/cars.data"), a.path(0));
        assertEquals(null, a.path(1));
        assertEquals(7, a.intOption("--epochs", 1));
        assertEquals(3, a.intOption("--folds", 3));
        assertTrue(a.quick());
        assertTrue(a.flag("--mnist"));
        assertFalse(a.flag("--random-weights"));
        assertEquals("x", a.option("--out", null));
    }

    @Test
    void badValuesNameTheTutorialAndTheOption() {
        KerasishException e = assertThrows(KerasishException.class,
                () -> Args.parse("mlp", "--epochs", "many").intOption("--epochs", 1));
        assertTrue(e.getMessage().contains("mlp") && e.getMessage().contains("--epochs")
                && e.getMessage().contains("many"), e.getMessage());
        e = assertThrows(KerasishException.class, () -> Args.parse("mlp", "--out", "--quick").option("--out", "d"));
        assertTrue(e.getMessage().contains("--out needs a value"), e.getMessage());
    }

    @Test
    void theDefaultOutputFolderIsNamedAfterTheTutorial(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path out = Args.parse("lenet", "--out", dir.resolve("a/b").toString()).out();
        assertTrue(java.nio.file.Files.isDirectory(out));
        assertEquals("lenet-output", Args.parse("lenet").option("--out", "lenet-output"));
    }
}

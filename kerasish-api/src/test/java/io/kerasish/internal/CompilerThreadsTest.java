package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The JIT compiler threads' priority: which threads, the settings, and the nice value they end up with. */
class CompilerThreadsTest {
    @Test
    void onlyHotSpotsCompilerThreadsAreChosen() {
        Map<String, String> names = Map.of("101", "java", "102", "C2 CompilerThre", "103", "C1 CompilerThre",
                "104", "GC Thread#0", "105", "G1 Conc#0", "106", "C2 CompilerThre", "107", "Sweeper thread");
        assertEquals(List.of("102", "103", "106"), CompilerThreads.compilerThreads(names));
    }

    @Test
    void theNiceValueIsTenUnlessTheUserSaysOtherwise() {
        assertEquals(10, CompilerThreads.niceValue(null));
        assertEquals(19, CompilerThreads.niceValue("19"));
        assertEquals(10, CompilerThreads.niceValue(" 10"));
        assertEquals(0, CompilerThreads.niceValue("0"));
        for (String bad : new String[] {"-5", "20", "low"}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> CompilerThreads.niceValue(bad));
            assertTrue(e.getMessage().contains("kerasish.compilerNice=" + bad) && e.getMessage().contains("0 to leave"),
                    e.getMessage());
        }
    }

    @Test
    void aBadBatchCountNamesTheProperty() {
        String old = System.getProperty(CompilerThreads.AFTER_PROPERTY);
        try {
            System.setProperty(CompilerThreads.AFTER_PROPERTY, "soon");
            InvalidConfigException e = assertThrows(InvalidConfigException.class, CompilerThreads::warmBatches);
            assertTrue(e.getMessage().contains("kerasish.compilerNiceAfter=soon"), e.getMessage());
            System.setProperty(CompilerThreads.AFTER_PROPERTY, "250");
            assertEquals(250, CompilerThreads.warmBatches());
            System.clearProperty(CompilerThreads.AFTER_PROPERTY);
            assertEquals(1000, CompilerThreads.warmBatches());
        } finally {
            if (old != null) {
                System.setProperty(CompilerThreads.AFTER_PROPERTY, old);
            }
        }
    }

    /** On Linux with renice: after lower() every compiler thread of this JVM runs at nice 10, the main thread at its own. */
    @Test
    void theCompilerThreadsEndUpAtNiceTen() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "not Linux: /proc/self/task is absent");
        Assumptions.assumeTrue(onPath("renice"), "no renice on PATH: kerasish leaves the compiler threads alone");
        Assumptions.assumeTrue(System.getProperty(CompilerThreads.PROPERTY) == null, "kerasish.compilerNice is set");
        List<String> ids = CompilerThreads.compilerThreads(CompilerThreads.threadNames());
        Assumptions.assumeFalse(ids.isEmpty(), "this JVM runs without JIT compiler threads");
        CompilerThreads.lower();
        // lower() looks at most every 10 s; an earlier fit may have looked, so wait for the next look if needed
        long deadline = System.nanoTime() + (CompilerThreads.RESCAN_SECONDS + 2) * 1_000_000_000L;
        while (!allAt(10, ids) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            CompilerThreads.lower();
        }
        for (String id : ids) {
            assertEquals(10, nice(id), "nice value of compiler thread " + id);
        }
        assertFalse(allAt(10, List.of(String.valueOf(ProcessHandle.current().pid()))),
                "the main thread must keep its priority");
    }

    private static boolean allAt(int nice, List<String> ids) throws Exception {
        for (String id : ids) {
            if (nice(id) != nice) {
                return false;
            }
        }
        return true;
    }

    /** Field 19 of /proc/self/task/ID/stat: the thread's nice value. */
    private static int nice(String id) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task", id, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+"); // from field 3 on
        return Integer.parseInt(f[16]);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}

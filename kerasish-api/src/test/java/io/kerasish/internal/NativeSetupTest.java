package io.kerasish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import io.kerasish.layers.Dense;
import io.kerasish.layers.LSTM;
import io.kerasish.models.Fit;
import io.kerasish.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** kerasish's thread choice from the free cores, and the user's settings that override it. */
class NativeSetupTest {
    @Test
    void everyFreeCoreAtLeastOne() {
        assertEquals(16, NativeSetup.chooseThreads(null, null, 16, 0.2));
        assertEquals(2, NativeSetup.chooseThreads(null, null, 2, 0.4));
        assertEquals(1, NativeSetup.chooseThreads(null, null, 2, 0.9));
        assertEquals(13, NativeSetup.chooseThreads(null, null, 16, 3.2));
        assertEquals(1, NativeSetup.chooseThreads(null, null, 2, 5));
        assertEquals(1, NativeSetup.chooseThreads(null, null, 0, 0));
    }

    @Test
    void thePropertyWinsAndOmpNumThreadsIsLeftAlone() {
        assertEquals(3, NativeSetup.chooseThreads(" 3", "1", 2, 1.5));
        assertEquals(-1, NativeSetup.chooseThreads(null, "4", 2, 0));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> NativeSetup.chooseThreads("all", null, 2, 0));
        assertTrue(e.getMessage().contains("kerasish.threads=all") && e.getMessage().contains("positive integer"),
                e.getMessage());
        assertThrows(InvalidConfigException.class, () -> NativeSetup.chooseThreads("0", null, 2, 0));
    }

    @Test
    void blasThreadsAreOneUnlessThePropertySaysAPositiveCount() {
        assertEquals(1, NativeSetup.blasThreads(null));
        assertEquals(2, NativeSetup.blasThreads(" 2"));
        for (String bad : new String[] {"two", "0", "-1"}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> NativeSetup.blasThreads(bad));
            assertTrue(e.getMessage().contains("kerasish.blasThreads=" + bad)
                    && e.getMessage().contains("positive integer"), e.getMessage());
        }
    }

    /** A process spinning on one core shows up as (about) one busy core; this JVM's own work does not count. */
    @Test
    void busyElsewhereSeesAnotherProcessButNotThisOne() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/stat")), "no /proc (not Linux)");
        Thread self = new Thread(() -> {
            long end = System.nanoTime() + 1_500_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
        });
        Process other = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(100);
            double busy = NativeSetup.busyElsewhere(500);
            assertTrue(busy >= 0.6 && busy <= Runtime.getRuntime().availableProcessors(), "busy elsewhere " + busy);
        } finally {
            other.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        self.start(); // now only this process spins: it must not count as load from elsewhere
        double quiet = NativeSetup.busyElsewhere(500);
        self.join();
        assertTrue(quiet < Runtime.getRuntime().availableProcessors() - 0.5, "own work counted as elsewhere: " + quiet);
    }

    /** fit and predict apply the count on the thread that trains; the property is read at each call. */
    @Test
    void fitAndPredictApplyTheCount() {
        String old = System.getProperty(NativeSetup.THREADS_PROPERTY);
        try {
            Sequential m = new Sequential().seed(1);
            m.add(new LSTM(4).inputShape(3, 2));
            m.add(new Dense(1));
            m.compile("adam", "mse");
            System.setProperty(NativeSetup.THREADS_PROPERTY, "2");
            m.fit(Nd4j.rand(DataType.FLOAT, 4, 3, 2), Nd4j.rand(DataType.FLOAT, 4, 1), Fit.verbose(0));
            assertEquals(2, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            // libnd4j caps its count at the threads it started with (1 here: the tests run with OMP_NUM_THREADS=1)
            assertEquals(Math.min(2, Nd4j.getEnvironment().maxThreads()), Nd4j.getEnvironment().maxMasterThreads());
            System.setProperty(NativeSetup.THREADS_PROPERTY, "1");
            m.predict(Nd4j.rand(DataType.FLOAT, 4, 3, 2));
            assertEquals(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
        } finally {
            if (old == null) {
                System.clearProperty(NativeSetup.THREADS_PROPERTY);
            } else {
                System.setProperty(NativeSetup.THREADS_PROPERTY, old);
            }
        }
    }
}

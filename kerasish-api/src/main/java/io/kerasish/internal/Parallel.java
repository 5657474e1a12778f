package io.kerasish.internal;

import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Java loops split over the cores: the calling thread takes the first part, the common fork-join pool the others.
 *
 * <p>Only where OpenMP's idle threads give the cores back soon. libgomp's threads spin after each parallel region
 * (every libnd4j op) before they sleep, by default for milliseconds: on 2 cores a Java thread started right after a
 * matrix product began 2 ms late or ran at half speed, and an LSTM pass split in two took 67-95 ms against 13-18
 * on one thread. With {@code GOMP_SPINCOUNT=10000} in the environment (libgomp reads it when it loads, so it cannot
 * be set from Java; {@code scripts/kerasish} and the benchmark set it) the split ran at full speed, and the OpenMP
 * models trained as fast as without it. Without it, or with {@code OMP_WAIT_POLICY=active}, {@link #threads} is 1.
 */
final class Parallel {
    /** The largest GOMP_SPINCOUNT under which parts run in parallel. */
    static final long SHORT_SPIN = 100_000;
    private static final boolean CPU = Nd4j.getEnvironment().isCPU();
    private static final boolean SPLIT = shortSpin(System.getenv("GOMP_SPINCOUNT"), System.getenv("OMP_WAIT_POLICY"));

    /** What each part does: examples {@code [from, to)}. */
    interface Rows {
        void run(int from, int to);
    }

    private Parallel() {
    }

    /**
     * Whether the environment makes OpenMP's idle threads sleep soon: {@code OMP_WAIT_POLICY=passive}, or a
     * GOMP_SPINCOUNT (a number, optionally with libgomp's k or M suffix) of at most {@link #SHORT_SPIN}.
     */
    static boolean shortSpin(String spinCount, String waitPolicy) {
        String policy = waitPolicy == null ? "" : waitPolicy.trim().toLowerCase(Locale.ROOT);
        if (policy.equals("active")) {
            return false;
        }
        if (policy.equals("passive")) {
            return true;
        }
        if (spinCount == null) {
            return false;
        }
        String v = spinCount.trim().toLowerCase(Locale.ROOT);
        long unit = v.endsWith("k") ? 1_000 : v.endsWith("m") ? 1_000_000 : 1;
        if (unit > 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            return n >= 0 && n <= SHORT_SPIN / unit;
        } catch (NumberFormatException e) {
            return false; // "infinity" or not a number
        }
    }

    /**
     * The number of parts to split Java loops into: OpenMP's thread count for the calling thread (kerasish's fit
     * loop sets it from the free cores) where {@link #shortSpin} holds, else 1.
     */
    static int threads() {
        return SPLIT && CPU ? Math.max(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()) : 1;
    }

    /**
     * Runs {@code body} on {@code parts} consecutive ranges of {@code [0, n)} that differ in size by at most one,
     * returning when all have finished; the first failure is thrown after that.
     */
    static void rows(int n, int parts, Rows body) {
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = bound(n, parts, p);
            int to = bound(n, parts, p + 1);
            others[p - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        RuntimeException failure = null;
        try {
            body.run(0, bound(n, parts, 1));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (ForkJoinTask<?> t : others) {
            try {
                t.join(); // runs the part here if no pool thread has taken it yet
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Where part {@code p} of {@code parts} starts. */
    private static int bound(int n, int parts, int p) {
        return (int) ((long) n * p / parts);
    }
}

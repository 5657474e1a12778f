package io.kerasish.internal;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The process-wide DL4J/ND4J settings kerasish picks by default because they measured fastest on CPU
 * (README, Performance). Runs once, before the first network is created.
 * <ul>
 *   <li>oneDNN layer helpers on ({@link OneDnn}): LeNet-5 training about x2-4, inference x10 and more.</li>
 *   <li>OpenBLAS on one thread while OpenMP (used by oneDNN and libnd4j) keeps every core: on 2 cores the two
 *   pools otherwise oversubscribe; measured MLP training 1,500-2,700 to 4,700-6,800 examples/s and LeNet-5
 *   2,200 to 3,800-4,900 (OMP_NUM_THREADS=1 reached 2,900-3,800). Setting {@code kerasish.blasThreads} (a
 *   number) or the environment variable {@code OPENBLAS_NUM_THREADS} keeps the user's choice.</li>
 *   <li>Compute threads from the cores other processes leave free, before each fit, evaluate and predict
 *   ({@link #useThreads}).</li>
 *   <li>The JIT compiler threads at a lower CPU priority once training is under way ({@link CompilerThreads}, called
 *   by the fit loop), so that they stop taking a core from OpenMP's threads in the middle of a batch.</li>
 * </ul>
 */
public final class NativeSetup {
    /** System property: number of OpenBLAS threads kerasish sets (default 1). */
    public static final String BLAS_THREADS_PROPERTY = "kerasish.blasThreads";
    /** System property: the number of compute threads for every model, instead of kerasish's choice per model. */
    public static final String THREADS_PROPERTY = "kerasish.threads";
    private static volatile boolean done;

    private NativeSetup() {
    }

    public static void ensure() {
        if (done) {
            return;
        }
        synchronized (NativeSetup.class) {
            if (done) {
                return;
            }
            OneDnn.allowHelpers();
            String property = System.getProperty(BLAS_THREADS_PROPERTY);
            if (property != null || System.getenv("OPENBLAS_NUM_THREADS") == null) {
                int threads = blasThreads(property);
                Nd4j.getEnvironment(); // ND4J must be up before its BLAS can be told anything
                Nd4j.factory().blas().setMaxThreads(threads);
            }
            done = true;
        }
    }

    /**
     * Chooses the compute threads for the model about to train or predict: the cores that other processes leave
     * free, at least one. Measured in scripts/bench on 2 cores (README, Performance): on a quiet machine every model
     * trains fastest on every core (LeNet-5 2,234 vs 1,612 examples/s on one, the char-LSTM 349 vs 280, the MLP and
     * the IMDB LSTM even); with one core busy elsewhere, OpenMP's threads wait on each other spinning and one thread
     * is twice as fast (LeNet-5 1,598 vs 721, the char-LSTM 324 vs 148). The load is sampled from /proc for
     * {@value #SAMPLE_MILLIS} ms at most once a minute ({@link #busyElsewhere}); elsewhere every core is used.
     *
     * <p>Sets both OpenMP's count, which is per calling thread (so the fit loop sets it again before each batch, on
     * the thread that trains), and libnd4j's count for its own parallel loops ({@code maxMasterThreads}), which is
     * process-wide: two models trained at once on different threads share the latter.
     *
     * <p>{@value #THREADS_PROPERTY} (a number) fixes the count; without it, an OMP_NUM_THREADS in the environment is
     * left in charge.
     *
     * @return the count in force
     */
    public static int useThreads() {
        ensure();
        int cores = Runtime.getRuntime().availableProcessors();
        String property = System.getProperty(THREADS_PROPERTY);
        String omp = System.getenv("OMP_NUM_THREADS");
        int threads = chooseThreads(property, omp, cores, property == null && omp == null ? recentBusyElsewhere() : 0);
        Environment env = Nd4j.getEnvironment(); // ND4J up before its native ops are asked anything
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        if (threads < 0) {
            return ops.ompGetMaxThreads();
        }
        if (ops.ompGetMaxThreads() != threads) {
            ops.setOmpNumThreads(threads);
        }
        // what libnd4j's parallel loops use; M2.1 ignores setMaxThreads and caps this at the threads it started with
        int master = Math.min(threads, env.maxThreads());
        if (env.maxMasterThreads() != master) {
            env.setMaxMasterThreads(master);
        }
        return threads;
    }

    /** OpenBLAS's thread count: the {@value #BLAS_THREADS_PROPERTY} property's (a positive integer), else 1. */
    static int blasThreads(String property) {
        return property == null ? 1 : (int) integerProperty(BLAS_THREADS_PROPERTY, property, 1, Integer.MAX_VALUE,
                "a number of BLAS threads", "set it to a positive integer (e.g. -D" + BLAS_THREADS_PROPERTY + "=1)");
    }

    /**
     * The thread count: the property's, else -1 (leave it) when OMP_NUM_THREADS is set, else the cores minus those
     * other processes keep busy (rounded), at least 1.
     */
    static int chooseThreads(String property, String ompEnv, int cores, double busyElsewhere) {
        if (property != null) {
            return (int) integerProperty(THREADS_PROPERTY, property, 1, Integer.MAX_VALUE, "a number of threads",
                    "set it to a positive integer (e.g. -D" + THREADS_PROPERTY + "=2)");
        }
        if (ompEnv != null) {
            return -1;
        }
        return (int) Math.max(1, Math.min(cores, cores - Math.round(busyElsewhere)));
    }

    /**
     * A kerasish system property's integer value, which must lie in [{@code min}, {@code max}]; otherwise an
     * InvalidConfigException "System property NAME=VALUE is not WHAT; FIX".
     */
    static long integerProperty(String name, String value, long min, long max, String what, String fix) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new io.kerasish.InvalidConfigException("System property " + name + "=" + value + " is not " + what + "; "
                + fix);
    }

    static final int SAMPLE_MILLIS = 200;
    private static final long RESAMPLE_NANOS = 60_000_000_000L;
    private static volatile long sampledAt = Long.MIN_VALUE;
    private static volatile double lastBusy;

    /** {@link #busyElsewhere} from the last minute, sampled again when older. */
    private static double recentBusyElsewhere() {
        long now = System.nanoTime();
        if (sampledAt == Long.MIN_VALUE || now - sampledAt > RESAMPLE_NANOS) {
            lastBusy = busyElsewhere(SAMPLE_MILLIS);
            sampledAt = System.nanoTime();
        }
        return lastBusy;
    }

    /**
     * How many cores other processes kept busy during the next {@code millis} ms: the machine's busy time from
     * /proc/stat minus this process's from /proc/self/stat, in cores. 0 where /proc is not there (not Linux).
     */
    static double busyElsewhere(long millis) {
        try {
            long[] a = cpuTicks();
            Thread.sleep(millis);
            long[] b = cpuTicks();
            long total = b[0] - a[0];
            if (total <= 0) {
                return 0;
            }
            double others = Math.max(0, (b[1] - a[1]) - (b[2] - a[2]));
            return others / total * Runtime.getRuntime().availableProcessors();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** {all CPUs' ticks, their busy ticks (not idle or iowait), this process's user + system ticks}. */
    private static long[] cpuTicks() throws java.io.IOException {
        String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(cpu[i]);
        }
        long busy = total - Long.parseLong(cpu[4]) - Long.parseLong(cpu[5]);
        String self = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
        String[] f = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+"); // fields from 3 (state) on
        return new long[] {total, busy, Long.parseLong(f[11]) + Long.parseLong(f[12])}; // utime, stime: fields 14, 15
    }
}

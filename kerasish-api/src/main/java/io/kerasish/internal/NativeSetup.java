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
 *   <li>Compute threads per model, before each fit, evaluate and predict ({@link #useThreadsFor}).</li>
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
                int threads = property == null ? 1 : Integer.parseInt(property.trim());
                Nd4j.getEnvironment(); // ND4J must be up before its BLAS can be told anything
                Nd4j.factory().blas().setMaxThreads(threads);
            }
            done = true;
        }
    }

    /**
     * Chooses the compute threads for the model about to train or predict: one for a model with a recurrent layer,
     * every core otherwise (measured on 2 cores in scripts/bench: README, Performance). DL4J runs a recurrent layer
     * as a loop of small per-time-step operations, too small to share between cores; convolutions and large matrix
     * products gain from them. Sets both OpenMP's count, which is per calling thread (so it is set again on each
     * call, on the thread that trains), and libnd4j's count for its own parallel loops ({@code maxMasterThreads}),
     * which is process-wide: two models trained at once on different threads share the latter.
     *
     * <p>{@value #THREADS_PROPERTY} (a number) fixes the count for every model; without it, an OMP_NUM_THREADS in
     * the environment is left in charge.
     *
     * @param recurrent whether the model has a recurrent layer
     * @return the count in force
     */
    public static int useThreadsFor(boolean recurrent) {
        ensure();
        int threads = chooseThreads(recurrent, System.getProperty(THREADS_PROPERTY), System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors());
        if (threads < 0) {
            Nd4j.getEnvironment();
            return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        }
        Environment env = Nd4j.getEnvironment(); // ND4J up before its native ops are asked anything
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
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

    /**
     * The thread count for a model: the property's, else -1 (leave it) when OMP_NUM_THREADS is set, else 1 for a
     * recurrent model and {@code cores} for the rest.
     */
    static int chooseThreads(boolean recurrent, String property, String ompEnv, int cores) {
        if (property != null) {
            int threads;
            try {
                threads = Integer.parseInt(property.trim());
            } catch (NumberFormatException e) {
                threads = 0;
            }
            if (threads < 1) {
                throw new io.kerasish.InvalidConfigException("System property " + THREADS_PROPERTY + "=" + property
                        + " is not a number of threads; set it to a positive integer (e.g. -D" + THREADS_PROPERTY + "=2)");
            }
            return threads;
        }
        if (ompEnv != null) {
            return -1;
        }
        return recurrent ? 1 : Math.max(1, cores);
    }
}

package io.kerasish.internal;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The process-wide DL4J/ND4J settings kerasish picks by default because they measured fastest on CPU
 * (README, Performance). Runs once, before the first network is created.
 * <ul>
 *   <li>oneDNN layer helpers on ({@link OneDnn}): LeNet-5 training about x2-4, inference x10 and more.</li>
 *   <li>OpenBLAS on one thread while OpenMP (used by oneDNN and libnd4j) keeps every core: on 2 cores the two
 *   pools otherwise oversubscribe; measured MLP training 1,500-2,700 to 4,700-6,800 examples/s and LeNet-5
 *   2,200 to 3,800-4,900 (OMP_NUM_THREADS=1 reached 2,900-3,800). Setting {@code kerasish.blasThreads} (a
 *   number) or the environment variable {@code OPENBLAS_NUM_THREADS} keeps the user's choice.</li>
 * </ul>
 */
public final class NativeSetup {
    /** System property: number of OpenBLAS threads kerasish sets (default 1). */
    public static final String BLAS_THREADS_PROPERTY = "kerasish.blasThreads";
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
}

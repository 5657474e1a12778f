package io.kerasish.bench;

import io.kerasish.internal.NativeSetup;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The process-wide native settings: applied for raw DL4J as kerasish applies them, and described in the report. */
final class Settings {
    private Settings() {
    }

    /** What kerasish does before a model runs: oneDNN helpers, BLAS threads, compute threads from the free cores. */
    static void applyKerasishDefaults() {
        NativeSetup.useThreads();
    }

    static String describe() {
        return "OpenMP threads " + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + ", libnd4j threads " + Nd4j.getEnvironment().maxMasterThreads()
                + ", BLAS threads " + Nd4j.factory().blas().getMaxThreads()
                + ", oneDNN helpers " + !Boolean.parseBoolean(System.getProperty("org.eclipse.deeplearning4j.helpers.disable", "true"))
                + (System.getenv("GOMP_SPINCOUNT") != null ? ", GOMP_SPINCOUNT=" + System.getenv("GOMP_SPINCOUNT") : "");
    }
}

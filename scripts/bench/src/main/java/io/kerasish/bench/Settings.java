package io.kerasish.bench;

import io.kerasish.internal.NativeSetup;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The process-wide native settings: applied for raw DL4J as kerasish applies them, and described in the report. */
final class Settings {
    private Settings() {
    }

    /** What kerasish does for this model: oneDNN helpers, BLAS threads, compute threads (recurrent or not). */
    static void applyKerasishDefaults(String model) {
        NativeSetup.useThreadsFor(model.equals("imdb") || model.equals("alice"));
    }

    static String describe() {
        return "OpenMP threads " + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + ", libnd4j threads " + Nd4j.getEnvironment().maxMasterThreads()
                + ", BLAS threads " + Nd4j.factory().blas().getMaxThreads()
                + ", oneDNN helpers " + !Boolean.parseBoolean(System.getProperty("org.eclipse.deeplearning4j.helpers.disable", "true"));
    }
}

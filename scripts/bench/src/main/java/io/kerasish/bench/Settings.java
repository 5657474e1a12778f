package io.kerasish.bench;

import io.kerasish.internal.NativeSetup;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The process-wide native settings: applied for raw DL4J as kerasish applies them, and described in the report. */
final class Settings {
    private Settings() {
    }

    /** What kerasish does before its first network: oneDNN helpers, BLAS threads. */
    static void applyKerasishDefaults(String model) {
        NativeSetup.ensure();
    }

    static String describe() {
        return "OpenMP threads " + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + ", BLAS threads " + Nd4j.factory().blas().getMaxThreads()
                + ", oneDNN helpers " + !Boolean.parseBoolean(System.getProperty("org.eclipse.deeplearning4j.helpers.disable", "true"));
    }
}

package org.nd4j.nativeblas;

import io.kerasish.internal.OneDnn;

/**
 * Compatibility shim, not API. DL4J 1.0.0-M2.1 decides whether its oneDNN layer helpers may run by calling
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} through reflection, but in M2.1
 * that class lives at {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and the method is
 * called {@code isUseONEDNN}. The lookup fails silently and every convolution falls back to im2col driven from
 * Java. This class answers the old name by asking the real one; {@link OneDnn} holds the logic and its checks.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The class DL4J's {@code BaseMKLDNNHelper} looks up by name. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** What libnd4j reports through {@code isUseONEDNN()}; false where the backend has no oneDNN. */
        public boolean isUseMKLDNN() {
            return OneDnn.nativeUsesOneDnn();
        }

        /** Used by DL4J's own test utilities to switch oneDNN off. */
        public void setUseMKLDNN(boolean use) {
            OneDnn.setNativeUseOneDnn(use);
        }
    }
}

package io.kerasish.internal;

import java.lang.reflect.Method;

/**
 * The oneDNN quirk of DL4J 1.0.0-M2.1, in one place. Two things keep the oneDNN layer helpers (convolution,
 * pooling, batch normalization) off by default: the system property {@value #DISABLE_PROPERTY} defaults to
 * {@code true}, and DL4J's support check looks the native environment up under a class name that M2.1 renamed
 * (answered by the shim {@code org.nd4j.nativeblas.Nd4jCpu}). Measured on 2 cores: LeNet-5 training x4,
 * inference x14 with the helpers on.
 */
public final class OneDnn {
    /** DL4J's switch; kerasish sets it to {@code false} unless the user set it. */
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Where M2.1 keeps the native environment. */
    static final String REAL_ENVIRONMENT = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private OneDnn() {
    }

    /** Lets DL4J create its oneDNN helpers, unless the user decided otherwise with the system property. */
    public static void allowHelpers() {
        if (System.getProperty(DISABLE_PROPERTY) == null) {
            System.setProperty(DISABLE_PROPERTY, "false");
        }
    }

    /** True when the loaded libnd4j was built with oneDNN and has it switched on. */
    public static boolean nativeUsesOneDnn() {
        try {
            Object env = environment();
            return env != null && (Boolean) env.getClass().getMethod("isUseONEDNN").invoke(env);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    public static void setNativeUseOneDnn(boolean use) {
        try {
            Object env = environment();
            if (env != null) {
                env.getClass().getMethod("setUseONEDNN", boolean.class).invoke(env, use);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot switch oneDNN: " + e, e);
        }
    }

    /** The native environment object, or null when the CPU backend is not the one in use. */
    private static Object environment() throws ReflectiveOperationException {
        Class<?> c;
        try {
            c = Class.forName(REAL_ENVIRONMENT);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        Method getInstance = c.getMethod("getInstance");
        return getInstance.invoke(null);
    }
}

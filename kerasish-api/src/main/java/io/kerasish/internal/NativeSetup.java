package io.kerasish.internal;

/**
 * The process-wide DL4J/ND4J settings kerasish picks by default because they measured fastest on CPU
 * (see README, Performance). Runs once, before the first network is created.
 */
public final class NativeSetup {
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
            done = true;
        }
    }
}

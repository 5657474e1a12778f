package io.kerasish.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lowers the CPU priority (raises the nice value) of the JVM's JIT compiler threads once the process has trained
 * {@value #DEFAULT_AFTER} batches.
 *
 * <p>Why: kerasish runs OpenMP on every free core, and OpenMP's threads wait for each other at the end of each
 * parallel region. When a third thread becomes runnable, one of them loses its core for a scheduler time slice
 * and the others wait for it. In a training run that third thread is nearly always C2, still compiling (and
 * recompiling after deoptimizations) in the second and later epochs. On 2 cores this made about one batch in six
 * take 4 ms longer: the MLP's mean batch was 4.8-5.1 ms against a median of 2.9-3.3 ms (README, Performance).
 *
 * <p>Why not at once, and why not the lowest priority: the compiler still gets a share of the cores, but a smaller
 * one, so what it has not compiled yet stays slow for longer. At nice 19 from the first batch, LeNet-5's batches
 * took 13 ms instead of 5 for a whole epoch (its optimizer's loop waiting for C2), and a LeNet-5 trained after an
 * MLP in the same process had a median batch of 6.0-7.5 ms against 4.9-5.4. At nice 10 after the first 1,000
 * batches, that second model trained as fast as with the compiler left alone, and the bench's MLP and LeNet-5
 * trained 58% and 9% faster (three alternating runs each). At nice 10 from the first batch the bench's LSTMs
 * (100-128 batches) trained 4-12% slower and IMDB's inference after it 35% slower.
 *
 * <p>How: Java has no API for a thread's priority on Linux (its thread priorities are ignored by default), so
 * this runs {@code renice} (util-linux, or any renice that takes {@code renice PRIORITY -p ID...}) on the
 * compiler threads it finds in {@code /proc/self/task}. Raising a nice value needs no privileges. New compiler
 * threads (the JVM starts more under load) are looked for at most every {@value #RESCAN_SECONDS} s. Elsewhere
 * than Linux, or without renice, nothing happens.
 *
 * <p>System properties: {@value #PROPERTY}, the nice value (default {@value #DEFAULT_NICE}; 0 leaves the threads
 * alone), and {@value #AFTER_PROPERTY}, the training batches before it (default {@value #DEFAULT_AFTER}). The change
 * lasts for the rest of the process: only a privileged process may lower a nice value again.
 */
public final class CompilerThreads {
    /** System property: the nice value for the JIT compiler threads, 0 to leave them alone. */
    public static final String PROPERTY = "kerasish.compilerNice";
    static final int DEFAULT_NICE = 10;
    /** System property: how many training batches the process runs before the compiler threads are lowered. */
    public static final String AFTER_PROPERTY = "kerasish.compilerNiceAfter";
    static final long DEFAULT_AFTER = 1000;
    static final int RESCAN_SECONDS = 10;
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Set<String> done = new HashSet<>();
    private static long scannedAt = Long.MIN_VALUE;
    private static boolean unavailable;
    private static final java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();

    private CompilerThreads() {
    }

    /**
     * Counts a training batch and, once the process has trained {@link #warmBatches} of them, {@link #lower lowers}
     * the compiler threads. Called before each training batch.
     */
    public static void afterBatch() {
        int nice = niceValue(System.getProperty(PROPERTY)); // a bad setting fails the first batch, not the thousandth
        long after = warmBatches();
        if (nice != 0 && batches.incrementAndGet() >= after) {
            lower(nice);
        }
    }

    /** The batches trained before the compiler threads are lowered: {@value #AFTER_PROPERTY}, else 1,000. */
    static long warmBatches() {
        String property = System.getProperty(AFTER_PROPERTY);
        return property == null ? DEFAULT_AFTER : NativeSetup.integerProperty(AFTER_PROPERTY, property, 0,
                Long.MAX_VALUE, "a number of training batches",
                "use an integer of 0 or more (e.g. -D" + AFTER_PROPERTY + "=1000)");
    }

    /** {@link #lower(int)} at the nice value asked for, now; 0 leaves the threads alone. */
    static void lower() {
        int nice = niceValue(System.getProperty(PROPERTY));
        if (nice != 0) {
            lower(nice);
        }
    }

    /**
     * Sets compiler threads not yet lowered to {@code nice}; cheap when called often (before each batch): it looks at
     * the threads at most every {@value #RESCAN_SECONDS} s.
     */
    private static void lower(int nice) {
        synchronized (done) {
            long now = System.nanoTime();
            if (unavailable || (scannedAt != Long.MIN_VALUE
                    && now - scannedAt < TimeUnit.SECONDS.toNanos(RESCAN_SECONDS))) {
                return;
            }
            scannedAt = now;
            List<String> fresh = new ArrayList<>();
            for (String tid : compilerThreads(threadNames())) {
                if (!done.contains(tid)) {
                    fresh.add(tid);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            if (renice(nice, fresh)) {
                done.addAll(fresh);
            } else {
                unavailable = true; // no renice here: do not try again every few seconds
            }
        }
    }

    /** The nice value asked for: the property's (an integer from 0 to 19), or {@value #DEFAULT_NICE} where absent. */
    static int niceValue(String property) {
        return property == null ? DEFAULT_NICE : (int) NativeSetup.integerProperty(PROPERTY, property, 0, 19,
                "a nice value kerasish can set", "use an integer from 1 (slightly lower priority) to 19 (lowest), or 0"
                        + " to leave the JIT compiler threads alone");
    }

    /** The thread ids whose name is one of HotSpot's JIT compiler threads ("C1 CompilerThread0", "C2 Compi..."). */
    static List<String> compilerThreads(Map<String, String> namesById) {
        List<String> ids = new ArrayList<>();
        namesById.forEach((id, name) -> {
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids;
    }

    /** This process's threads: id to name (Linux truncates names to 15 characters); empty where /proc is not there. */
    static Map<String, String> threadNames() {
        Map<String, String> names = new java.util.TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return names;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    names.put(task.getFileName().toString(), Files.readString(task.resolve("comm")).strip());
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException | RuntimeException e) {
            // /proc unreadable: the names found so far
        }
        return names;
    }

    /** Runs {@code renice NICE -p ID...}; false where it cannot be run or fails. */
    private static boolean renice(int nice, List<String> ids) {
        List<String> command = new ArrayList<>(List.of("renice", Integer.toString(nice), "-p"));
        command.addAll(ids);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

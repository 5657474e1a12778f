package io.kerasish.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress bar ({@code keras.utils.Progbar}), usable on its own:
 * {@code 12/100 [==>...........................] - ETA: 3s - loss: 0.6931}. On a terminal it redraws in place;
 * otherwise (a pipe, a log file) it prints only the final line of each run, as Keras does.
 */
public final class Progbar {
    private static final int WIDTH = 30;
    private int target; // -1: unknown (Keras's target=None) until setTarget
    private final int verbose;
    private final PrintStream out;
    private final boolean dynamic;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    /**
     * @param target  number of steps, e.g. batches in an epoch; -1 when unknown (a generator or iterator of unknown
     *                length): the bar then shows {@code 12/Unknown} until {@link #setTarget} gives the count
     * @param verbose 1 for the bar, 2 for one line at the end
     * @param dynamic true when {@code out} is a terminal that can redraw a line
     */
    public Progbar(int target, int verbose, PrintStream out, boolean dynamic) {
        this.target = target;
        this.verbose = verbose;
        this.out = out;
        this.dynamic = dynamic;
    }

    /** A bar on standard output, redrawn when it is a terminal. */
    public Progbar(int target) {
        this(target, 1, System.out, System.console() != null);
    }

    /** Sets the number of steps once it is known (Keras's ProgbarLogger does so at the end of the first epoch). */
    public void setTarget(int target) {
        this.target = target;
    }

    /** Shows progress at {@code current} steps with the given values; the last call should have current == target. */
    public void update(int current, Map<String, Double> values) {
        update(current, values, "");
    }

    /** As {@link #update(int, Map)}, with text appended to the final line (e.g. Keras's time per epoch). */
    public void update(int current, Map<String, Double> values, String finalSuffix) {
        long now = System.nanoTime();
        boolean finished = target > 0 && current >= target;
        double elapsed = (now - start) / 1e9;
        if (verbose == 1 && dynamic && !finished && now - lastDraw < 50_000_000L) {
            return; // Keras redraws at most every 0.05 s
        }
        lastDraw = now;
        if (verbose == 1 && (dynamic || finished)) {
            StringBuilder line = new StringBuilder(bar(current));
            double perStep = current > 0 ? elapsed / current : 0;
            if (finished || target <= 0) {
                line.append(String.format(Locale.ROOT, " - %.0fs %s", elapsed, perStepText(perStep)));
            } else {
                line.append(" - ETA: ").append(eta(perStep * (target - current)));
            }
            line.append(valuesText(values));
            if (finished) {
                line.append(finalSuffix);
            }
            draw(line.toString(), finished);
        } else if (verbose == 2 && finished) {
            out.println(String.format(Locale.ROOT, "%d/%d - %.0fs", current, target, elapsed) + valuesText(values)
                    + finalSuffix + " - " + perStepText(elapsed / Math.max(1, current)));
            out.flush();
        }
    }

    private void draw(String line, boolean finished) {
        String text = line;
        if (dynamic) {
            int pad = Math.max(0, lastLength - line.length());
            text = "\r" + line + " ".repeat(pad);
        }
        lastLength = line.length();
        if (finished) {
            out.println(text);
        } else {
            out.print(text);
        }
        out.flush();
    }

    /** {@code " 12/100 [==>...........................]"} with Keras's widths and characters. */
    String bar(int current) {
        if (target <= 0) {
            return String.format(Locale.ROOT, "%7d/Unknown", current);
        }
        int digits = Integer.toString(target).length();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%" + digits + "d/%d [", current, target));
        int prog = (int) (WIDTH * Math.min(1.0, (double) current / target));
        if (prog > 0) {
            b.append("=".repeat(prog - 1)).append(current < target ? '>' : '=');
        }
        b.append(".".repeat(WIDTH - prog)).append(']');
        return b.toString();
    }

    static String valuesText(Map<String, Double> values) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double v = e.getValue();
            b.append(" - ").append(e.getKey()).append(": ")
                    .append(Math.abs(v) > 1e-3 || v == 0 ? String.format(Locale.ROOT, "%.4f", v)
                            : String.format(Locale.ROOT, "%.4e", v));
        }
        return b.toString();
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        if (s > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s > 60) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return s + "s";
    }

    static String perStepText(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.0fs/step", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.0fms/step", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.0fus/step", seconds * 1e6);
    }
}

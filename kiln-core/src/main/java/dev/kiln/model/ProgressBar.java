package dev.kiln.model;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keras's training log. Verbose 1 draws a bar per epoch, redrawn in place with {@code \r} on a terminal
 * at most every 50 ms, and left as one final line elsewhere:
 * <pre>
 * Epoch 1/100
 * 16/16 [==============================] - 0s 1ms/step - loss: 0.3120 - accuracy: 0.8400
 * </pre>
 * Verbose 2 prints one line per epoch: {@code 16/16 - 0s - loss: 0.3120 - accuracy: 0.8400 - 14ms/epoch - 1ms/step}.
 * Values print as {@code %.4f}, or {@code %.4e} when their magnitude is at most 1e-3, as Keras.
 *
 * <pre>{@code
 * ProgressBar bar = new ProgressBar(System.out, 1, ProgressBar.isTerminal());
 * bar.epochStart(0, 10, 16);
 * bar.update(1, () -> Map.of("loss", 0.69));
 * bar.end(Map.of("loss", 0.31));
 * }</pre>
 */
public final class ProgressBar {
    /** Characters between the brackets. */
    public static final int WIDTH = 30;
    private static final long REDRAW_INTERVAL_NANOS = 50_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean dynamic;
    private int target;
    private long start;
    private long lastDraw;
    private int lastLength;

    /**
     * @param verbose 0 (nothing), 1 (bar) or 2 (a line per epoch)
     * @param dynamic whether the stream is a terminal, so that the bar can be redrawn with {@code \r}
     */
    public ProgressBar(PrintStream out, int verbose, boolean dynamic) {
        this.out = out;
        this.verbose = verbose;
        this.dynamic = dynamic;
    }

    /** True when standard output is an interactive terminal (JDK 22+ can tell; earlier JDKs: a console exists). */
    public static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Prints {@code Epoch e/n} and starts a bar of {@code steps} steps. */
    public void epochStart(int epoch, int epochs, int steps) {
        if (verbose == 0) return;
        out.println("Epoch " + (epoch + 1) + "/" + epochs);
        start(steps);
    }

    /** Starts a bar without an epoch header (evaluate, predict). */
    public void start(int steps) {
        target = steps;
        start = System.nanoTime();
        lastDraw = 0;
        lastLength = 0;
    }

    /** Step {@code current} of the target is done; redraws when due (verbose 1 on a terminal). */
    public void update(int current, Supplier<Map<String, Double>> logs) {
        if (verbose != 1 || !dynamic || current >= target) return;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_INTERVAL_NANOS) return;
        lastDraw = now;
        double perStep = (now - start) / 1e9 / Math.max(1, current);
        String line = bar(current) + " - ETA: " + eta(perStep * (target - current)) + values(logs.get());
        draw(line);
    }

    /** Completes the bar (or prints the verbose-2 line) with the final values. */
    public void end(Map<String, Double> logs) {
        if (verbose == 0) return;
        double seconds = (System.nanoTime() - start) / 1e9;
        double perStep = seconds / Math.max(1, target);
        if (verbose == 1) {
            draw(bar(target) + " - " + Math.round(seconds) + "s " + perUnit(perStep) + "/step" + values(logs));
            out.println();
        } else {
            out.println(target + "/" + target + " - " + Math.round(seconds) + "s" + values(logs) + " - "
                    + perUnit(seconds) + "/epoch - " + perUnit(perStep) + "/step");
        }
        out.flush();
    }

    private void draw(String line) {
        if (dynamic) {
            StringBuilder b = new StringBuilder("\r").append(line);
            for (int i = line.length(); i < lastLength; i++) b.append(' ');
            out.print(b);
        } else {
            out.print(line);
        }
        lastLength = line.length();
        out.flush();
    }

    /** {@code  3/16 [=====>........................]}. */
    String bar(int current) {
        int digits = Integer.toString(target).length();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%" + digits + "d/%d [", current, target));
        int filled = target == 0 ? WIDTH : (int) ((long) WIDTH * current / target);
        if (filled > 0) {
            b.append("=".repeat(filled - 1)).append(current < target ? '>' : '=');
        }
        b.append(".".repeat(WIDTH - filled)).append(']');
        return b.toString();
    }

    private static String values(Map<String, Double> logs) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) b.append(" - ").append(e.getKey()).append(": ").append(format(e.getValue()));
        return b.toString();
    }

    /** Keras's value format: {@code %.4f}, or {@code %.4e} for magnitudes at most 1e-3. */
    static String format(double v) {
        return String.format(Locale.ROOT, Math.abs(v) > 1e-3 ? "%.4f" : "%.4e", v);
    }

    private static String perUnit(double seconds) {
        if (seconds >= 1) return Math.round(seconds) + "s";
        if (seconds >= 1e-3) return Math.round(seconds * 1e3) + "ms";
        return Math.round(seconds * 1e6) + "us";
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        if (s > 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        if (s > 60) return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        return s + "s";
    }
}

package dev.kiln.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows which experiment and epoch the tutorial is in: one line rewritten in place on a terminal, a few
 * plain lines otherwise (a log file gets no carriage returns), nothing when quiet.
 *
 * <pre>{@code
 * Progress p = Progress.forTerminal(System.err, quiet);
 * p.epoch("binary-bce", 1, 120, 200);
 * }</pre>
 */
final class Progress {
    /** Redraw the terminal line at most this often. */
    private static final long REDRAW_NANOS = 50_000_000L;

    private final PrintStream out;
    private final boolean quiet;
    private final boolean terminal;
    private long lastDraw;
    private int lastQuarter = -1;
    private int width;

    Progress(PrintStream out, boolean quiet, boolean terminal) {
        this.out = out;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    /** Progress on the given stream, rewritten in place if the process runs on an interactive terminal. */
    static Progress forTerminal(PrintStream out, boolean quiet) {
        return new Progress(out, quiet, interactive());
    }

    /**
     * Whether standard input and output are a terminal. Before JDK 22 {@code System.console()} is null
     * otherwise; from JDK 22 it may exist anyway, and {@code Console.isTerminal()} tells (looked up by name
     * because the code targets Java 17).
     */
    static boolean interactive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Reports that the given epoch (1-based) of an experiment's run has ended. */
    void epoch(String id, long seed, int epoch, int epochs) {
        if (quiet) {
            return;
        }
        if (terminal) {
            long now = System.nanoTime();
            if (epoch < epochs && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            draw(String.format(Locale.ROOT, "%-22s seed %d  epoch %4d/%d", id, seed, epoch, epochs));
        } else {
            int quarter = 4 * epoch / epochs;
            if (epoch == 1) {
                lastQuarter = 0;
                out.printf(Locale.ROOT, "%s seed %d: training %d epochs%n", id, seed, epochs);
            }
            if (quarter > lastQuarter && epoch < epochs) {
                lastQuarter = quarter;
                out.printf(Locale.ROOT, "%s seed %d: epoch %d/%d%n", id, seed, epoch, epochs);
            }
        }
    }

    /** Reports a finished run with its figures. */
    void done(RunResult r) {
        if (quiet) {
            return;
        }
        String line = String.format(Locale.ROOT, "%-22s seed %d  train %.3f  test %.3f  (%.3f s, cpu %.3f s)",
                r.experiment().id(), r.seed(), r.train(), r.test(), r.seconds(), r.cpuSeconds());
        if (terminal) {
            draw(line);
            out.println();
            width = 0;
        } else {
            out.println(line);
        }
    }

    /** Prints a message on its own line. */
    void message(String text) {
        if (quiet) {
            return;
        }
        if (terminal && width > 0) {
            out.println();
            width = 0;
        }
        out.println(text);
    }

    private void draw(String line) {
        String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
        out.print('\r' + padded);
        out.flush();
        width = line.length();
    }
}

package dev.kiln.model;

import java.util.Locale;

/**
 * The quantity a callback watches and which direction is better, as Keras's callbacks decide it:
 * mode "min", "max", or "auto" (max for accuracies, AUC, precision and recall; min otherwise, losses
 * included). {@code minDelta} is the smallest change that counts as an improvement.
 */
final class Monitor {
    final String name;
    final boolean max;
    final double minDelta;

    Monitor(String owner, String name, String mode, double minDelta) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(owner + ": monitor must be a non-empty name");
        if (!(minDelta >= 0)) throw new IllegalArgumentException(owner + ": minDelta (" + minDelta + ") must be >= 0");
        this.name = name;
        this.minDelta = minDelta;
        switch (mode == null ? "" : mode) {
            case "min" -> this.max = false;
            case "max" -> this.max = true;
            case "auto" -> this.max = higherIsBetter(name);
            default -> throw new IllegalArgumentException(owner + ": mode '" + mode + "' must be \"auto\", \"min\" or \"max\"");
        }
    }

    static boolean higherIsBetter(String monitor) {
        String m = monitor.toLowerCase(Locale.ROOT);
        if (m.startsWith("val_")) m = m.substring(4);
        if (m.endsWith("loss") || m.endsWith("error")) return false;
        return m.contains("acc") || m.contains("auc") || m.contains("precision") || m.contains("recall") || m.startsWith("fmeasure");
    }

    /** True when {@code current} beats {@code reference} by more than minDelta (NaN never improves; a null reference is beaten). */
    boolean improves(double current, Double reference) {
        if (Double.isNaN(current)) return false;
        if (reference == null) return true;
        return max ? current - minDelta > reference : current + minDelta < reference;
    }

    /** The worst possible value, the starting point of "best". */
    double worst() { return max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; }
}

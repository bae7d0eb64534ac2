package dev.kiln.data;

/**
 * Argument checks worded like scikit-learn's parameter validation: the function, the argument, the
 * allowed range and the value given. Messages are built only on failure.
 */
final class Checks {
    private Checks() {}

    static void atLeast(String fn, String arg, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(fn + ": " + arg + " must be an int in the range [" + min
                    + ", inf), got " + value);
        }
    }

    static void nonNegative(String fn, String arg, double value, boolean nullAllowed) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(fn + ": " + arg + " must be a float in the range [0, inf)"
                    + (nullAllowed ? " or null" : "") + ", got " + value);
        }
    }

    static void inRange(String fn, String arg, double value, double lo, boolean loClosed, double hi, boolean hiClosed) {
        boolean ok = (loClosed ? value >= lo : value > lo) && (hiClosed ? value <= hi : value < hi);
        if (!ok) {
            throw new IllegalArgumentException(fn + ": " + arg + " must be a float in the range "
                    + (loClosed ? "[" : "(") + lo + ", " + hi + (hiClosed ? "]" : ")") + ", got " + value);
        }
    }

    static void finite(String fn, String arg, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(fn + ": " + arg + " must be finite, got " + value);
        }
    }

    /** scikit-learn's {@code check_random_state} for an int: a new RandomState, seed in [0, 2^32-1]. */
    static RandomState randomState(String fn, long seed) {
        RandomState.checkSeed(fn, "randomState", seed);
        return new RandomState(seed);
    }

    /** {@code null} is scikit-learn's None: an unseeded generator (not reproducible). */
    static RandomState orUnseeded(RandomState rs) {
        return rs != null ? rs : new RandomState(java.util.concurrent.ThreadLocalRandom.current().nextLong(RandomState.MAX_SEED + 1));
    }
}

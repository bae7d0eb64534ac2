package dev.kiln.kernel;

/**
 * Exponentials and logarithms for float32 results, computed in double to a relative error far below
 * float32's (1e-13 at worst, mostly below 1e-14, against float32's 6e-8), in plain Java.
 *
 * <p>Why not {@code Math.exp} and {@code Math.log}: on JDK 17 their intrinsics cost about 14 and 16 ns a
 * call on the machines Kiln is benchmarked on ({@code Math.log1p} and {@code Math.tanh} are not intrinsics
 * at all), and float32 softmax, sigmoid, softplus, tanh and the cross-entropies call them for every
 * value. These take a few ns on every JDK and give the same value on all of them. Rounded to float,
 * their results equal {@code (float) Math.exp(x)} and the like except where the exact value lies within
 * about 1e-14 relative of a halfway point between two floats (there two correct float32 implementations
 * may differ by one ulp: 2 of 2.3e9 sampled floats for exp). float64 tensors keep {@code Math}.
 *
 * <pre>{@code
 * float y = (float) FloatMath.exp(x);
 * }</pre>
 */
public final class FloatMath {
    private FloatMath() {}

    /**
     * {@code x[i] = exp(x[i])} for i in [from, to), each value bit-for-bit {@link #exp(double)}'s, in two
     * passes: the reduction and the polynomial over the whole range first, a loop of plain arithmetic
     * that the JIT vectorises, then the table and the power of two per value (values outside (−700, 700)
     * and NaN go to {@link #exp(double)} whole). About 0.3 µs for 96 values against 0.5 to 0.7 one by one:
     * callers that take many exponentials (a softmax over a batch) gather their arguments for this.
     *
     * <pre>{@code
     * double[] e = {0.5, -1.0, 2.0};
     * FloatMath.exp(e, 0, e.length);   // e = {e^0.5, e^-1, e^2}
     * }</pre>
     */
    public static void exp(double[] x, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, x.length);
        Workspace w = Workspace.get();
        // the scratch is indexed as x is: C2 vectorises a loop over several arrays only when they share one index
        double[] shifted = w.doubles(Workspace.MATH_0, to), poly = w.doubles(Workspace.MATH_1, to);
        for (int i = from; i < to; i++) {
            double v = x[i];
            double s = v * INV_STEP + SHIFTER;
            double kd = s - SHIFTER;
            double r = (v - kd * STEP_HI) - kd * STEP_LO;
            poly[i] = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
            shifted[i] = s;
        }
        for (int i = from; i < to; i++) {
            double v = x[i];
            if (!(v > -700 && v < 700)) {   // overflow, underflow, subnormal results, NaN: the whole function
                x[i] = exp(v);
                continue;
            }
            int ki = (int) Double.doubleToRawLongBits(shifted[i]);
            x[i] = TWO_POW[ki & 31] * poly[i] * Double.longBitsToDouble((long) ((ki >> 5) + 1023) << 52);
        }
    }

    /** 2^(j/32) for j = 0..31. */
    private static final double[] TWO_POW = new double[32];
    private static final double INV_STEP = 32.0 / Math.log(2.0);
    /** ln2/32 as a sum: the high part has 32 significant bits, so k·STEP_HI is exact for |k| &lt; 2^20. */
    private static final double STEP_HI = 6.93147180369123816490e-01 / 32;
    private static final double STEP_LO = 1.90821492927058770002e-10 / 32;
    /** Adding 1.5·2^52 rounds a double of magnitude below 2^51 to an integer held in its low bits. */
    private static final double SHIFTER = 0x1.8p52;
    /** Above this e^x overflows a double; below {@link #UNDERFLOW} it is 0 even as a subnormal. */
    private static final double OVERFLOW = 709.782712893384;
    private static final double UNDERFLOW = -745.1332191019412;

    static {
        for (int j = 0; j < 32; j++) TWO_POW[j] = Math.pow(2.0, j / 32.0);
    }

    /**
     * e^x with relative error below about 1e-14 (NaN for NaN, +∞ above 709.78, 0 below −745.13).
     * x = (32m + j)·ln2/32 + r with |r| ≤ ln2/64; e^x = 2^m · 2^(j/32) · e^r, e^r by its Taylor series to r⁵
     * (truncation below 3e-15).
     */
    public static double exp(double x) {
        if (!(x < OVERFLOW)) return x > 0 ? Double.POSITIVE_INFINITY : x; // +∞ or NaN
        if (!(x > UNDERFLOW)) return 0.0;
        double shifted = x * INV_STEP + SHIFTER;
        long k = Double.doubleToRawLongBits(shifted);  // round(x·32/ln2) in the low bits
        double kd = shifted - SHIFTER;
        double r = (x - kd * STEP_HI) - kd * STEP_LO;
        double p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
        int ki = (int) k;                 // the low 32 bits hold the integer (|k| < 2^16)
        int m = ki >> 5;
        double v = TWO_POW[ki & 31] * p;
        if (m >= -1022 && m <= 1023) return v * Double.longBitsToDouble((long) (m + 1023) << 52);
        if (m > 1023) return v * 2.0 * 0x1p1023;   // m = 1024 just below the overflow bound
        // a subnormal result: scale in two steps so that no intermediate underflows early
        return v * Double.longBitsToDouble((long) (m + 1023 + 64) << 52) * 0x1p-64;
    }

    /** Grid points c_j = 0.75 + j/64 (j = 0..48) of the mantissa range [0.75, 1.5], and their logarithms. */
    private static final double[] LOG_GRID = new double[49];
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;

    static {
        for (int j = 0; j < LOG_GRID.length; j++) LOG_GRID[j] = Math.log(0.75 + j / 64.0);
    }

    /**
     * The natural logarithm with relative error below about 1e-15 (NaN below 0 and for NaN, −∞ at 0, +∞ at
     * +∞). x = 2^e·m with m in [0.75, 1.5); c the nearest of the grid points 0.75 + j/64 (c = 1 exactly
     * when m is within 1/128 of 1, so that log x near 1 suffers no cancellation); log m = log c + 2·atanh(s),
     * s = (m − c)/(m + c), |s| ≤ 0.0053, the series s + s³/3 + s⁵/5 + s⁷/7 (truncation below 1e-19).
     */
    public static double log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return x == 0 ? Double.NEGATIVE_INFINITY : x > 0 ? x : Double.NaN;
        }
        int scale = 0;
        if (x < Double.MIN_NORMAL) {       // subnormal: bring it into the normal range first
            x *= 0x1p64;
            scale = -64;
        }
        long bits = Double.doubleToRawLongBits(x);
        // x = 2^e·m with m in [0.75, 1.5), without a branch: the exponent of x/0.75, rounded down
        long t = bits - 0x3FE8000000000000L;
        long e = t >> 52;
        double m = Double.longBitsToDouble(bits - (e << 52));
        int j = (int) Double.doubleToRawLongBits((m - 0.75) * 64 + SHIFTER);   // the nearest grid point
        double c = 0.75 + j * (1.0 / 64);
        e += scale;
        double s = (m - c) / (m + c);
        double s2 = s * s;
        double atanh2 = 2 * s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7))));
        return (e * LN2_HI + LOG_GRID[j]) + (atanh2 + e * LN2_LO);
    }

    /**
     * {@code x[i] = log(x[i])} for i in [from, to), each value bit-for-bit {@link #log(double)}'s, in two
     * passes as {@link #exp(double[], int, int)}: the exponent, mantissa, grid point and table terms
     * value by value first (zeros, negatives, subnormals, infinities and NaN get the whole function
     * there), then the series and the sum over the range, plain arithmetic with a division that the JIT
     * vectorises. For the log-sums of a batch's softmax rows.
     *
     * <pre>{@code
     * double[] v = {1.0, Math.E, 10.0};
     * FloatMath.log(v, 0, v.length);   // v = {0, 1, log 10}
     * }</pre>
     */
    public static void log(double[] x, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, x.length);
        Workspace w = Workspace.get();
        double[] ms = w.doubles(Workspace.MATH_0, to), cs = w.doubles(Workspace.MATH_1, to);
        double[] his = w.doubles(Workspace.MATH_2, to), los = w.doubles(Workspace.MATH_3, to);
        for (int i = from; i < to; i++) {
            double v = x[i];
            if (!(v >= Double.MIN_NORMAL) || v == Double.POSITIVE_INFINITY) {
                // the whole function; the second pass then adds (0 + 0) to it, which changes no such value
                his[i] = log(v);
                los[i] = 0.0;
                ms[i] = 1.0;
                cs[i] = 1.0;
                continue;
            }
            long bits = Double.doubleToRawLongBits(v);
            long e = (bits - 0x3FE8000000000000L) >> 52;
            double m = Double.longBitsToDouble(bits - (e << 52));
            int j = (int) Double.doubleToRawLongBits((m - 0.75) * 64 + SHIFTER);
            ms[i] = m;
            cs[i] = 0.75 + j * (1.0 / 64);
            his[i] = e * LN2_HI + LOG_GRID[j];
            los[i] = e * LN2_LO;
        }
        for (int i = from; i < to; i++) {
            double m = ms[i], c = cs[i];
            double s = (m - c) / (m + c);
            double s2 = s * s;
            double atanh2 = 2 * s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7))));
            x[i] = his[i] + (atanh2 + los[i]);
        }
    }

    /**
     * log(1 + x) for float32 results, relative error below about 1e-15 for x &gt; −1: log(u) − ((u − 1) − x)/u
     * with u = 1 + x rounded, the second term correcting the rounding of u; the series x − x²/2 + x³/3
     * below |x| = 1e-4.
     */
    public static double log1p(double x) {
        if (Math.abs(x) < 1e-4) return x * (1.0 - x * (0.5 - x * (1.0 / 3 - x * 0.25)));
        double u = 1.0 + x;
        if (u == Double.POSITIVE_INFINITY || !(u > 0)) return log(u);
        return log(u) - ((u - 1.0) - x) / u;
    }

    /** σ(x) = 1/(1 + e^−x) without overflow (e^x/(1 + e^x) for x &lt; 0), for float32 results. */
    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + exp(-x));
        double e = exp(x);
        return e / (1.0 + e);
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^−|x|), for float32 results. */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + log1p(exp(-Math.abs(x)));
    }

    /**
     * log(cosh x) for float32 results, without the cancellation of its large-|x| form at small |x|:
     * log1p(2·sinh²(x/2)) below |x| = 0.5 (sinh by its series to h⁹, truncation below 3e-14), else
     * |x| + log1p(e^−2|x|) − log 2.
     */
    public static double logCosh(double x) {
        double a = Math.abs(x);
        if (a < 0.5) {
            double h = 0.5 * a, h2 = h * h;
            double sh = h * (1.0 + h2 * (1.0 / 6 + h2 * (1.0 / 120 + h2 * (1.0 / 5040 + h2 * (1.0 / 362880)))));
            return log1p(2.0 * sh * sh);
        }
        return a + log1p(exp(-2.0 * a)) - LOG2;
    }

    private static final double LOG2 = Math.log(2.0);

    /**
     * tanh for float32 results, relative error below 1e-13: {@code tanh|x| = 1 − 2/(e^{2|x|} + 1)} turns
     * the exponential's error into about 1.5e-15/|x| relative through cancellation, so below |x| = 0.02 the series x − x³/3 + 2x⁵/15 −
     * 17x⁷/315 (truncation below 6e-16 relative) takes over; beyond 20 the value is ±1 in double.
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 0.02) {   // keeps the sign of zero
            double x2 = x * x;
            return x * (1.0 - x2 * (1.0 / 3 - x2 * (2.0 / 15 - x2 * (17.0 / 315))));
        }
        double t = a > 20.0 ? 1.0 : 1.0 - 2.0 / (exp(2.0 * a) + 1.0);
        return x < 0 ? -t : t;
    }
}

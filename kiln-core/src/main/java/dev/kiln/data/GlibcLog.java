package dev.kiln.data;

import static dev.kiln.data.GlibcLogData.A;
import static dev.kiln.data.GlibcLogData.B;
import static dev.kiln.data.GlibcLogData.CHI;
import static dev.kiln.data.GlibcLogData.CLO;
import static dev.kiln.data.GlibcLogData.INVC;
import static dev.kiln.data.GlibcLogData.LN2_HI;
import static dev.kiln.data.GlibcLogData.LN2_LO;
import static dev.kiln.data.GlibcLogData.LOGC;

/**
 * The natural log exactly as glibc 2.28+ computes it on x86-64 CPUs with FMA (the build numpy uses on
 * any Haswell-or-newer machine), so that Gaussian draws match numpy bit for bit.
 *
 * <p>Why not {@code Math.log}: it differs from glibc on about 0.04% of the Gaussian draws
 * ({@code StrictMath.log} on about 3%), which would change a few samples of every dataset. The
 * algorithm is the table-driven one of ARM's optimized-routines (log.c): {@code log(x) = k*ln2 +
 * log(c) + log(z/c)} with {@code z/c - 1} fed to a degree-6 polynomial, and a degree-12 polynomial
 * for x within about 6% of 1. The FMA build fuses the operations listed in random-state.md §9.1;
 * the plain build (glibc without FMA) is kept for comparisons.
 */
final class GlibcLog {
    private GlibcLog() {}

    private static final long OFF = 0x3fe6000000000000L;
    private static final long LO = Double.doubleToRawLongBits(1.0 - 0x1p-4);
    private static final long HI = Double.doubleToRawLongBits(1.0 + 0x1.09p-4);
    private static final long ONE = Double.doubleToRawLongBits(1.0);

    /** glibc's log, FMA build. */
    static double log(double x) {
        return log(x, true);
    }

    /** glibc's log, plain (no FMA) build when {@code fma} is false. */
    static double log(double x, boolean fma) {
        long ix = Double.doubleToRawLongBits(x);
        if (Long.compareUnsigned(ix - LO, HI - LO) < 0) {
            return fma ? nearOneFma(x, ix) : nearOnePlain(x, ix);
        }
        int top = (int) (ix >>> 48);
        if (top - 0x0010 < 0 || top - 0x0010 >= 0x7ff0 - 0x0010) {
            // Zero, negative, subnormal, infinite or NaN: glibc's special cases.
            if ((ix << 1) == 0) return Double.NEGATIVE_INFINITY;
            if (ix == Double.doubleToRawLongBits(Double.POSITIVE_INFINITY)) return x;
            if ((top & 0x8000) != 0 || (top & 0x7ff0) == 0x7ff0) return Double.NaN;
            // Subnormal: normalise, then undo the scaling through k.
            ix = Double.doubleToRawLongBits(x * 0x1p52) - (52L << 52);
        }
        long tmp = ix - OFF;
        int i = (int) ((tmp >>> 45) & 127);
        long k = tmp >> 52;
        double z = Double.longBitsToDouble(ix - (tmp & (0xfffL << 52)));
        double invc = INVC[i];
        double logc = LOGC[i];
        double kd = (double) k;
        if (fma) {
            double r = Math.fma(z, invc, -1.0);
            double w = Math.fma(kd, LN2_HI, logc);
            double hi = w + r;
            double lo = Math.fma(kd, LN2_LO, (w - hi) + r);
            double r2 = r * r;
            double p = Math.fma(r2, Math.fma(r, A[4], A[3]), Math.fma(r, A[2], A[1]));
            double y = Math.fma(r2, A[0], lo);
            y = Math.fma(r * r2, p, y);
            return y + hi;
        }
        double r = (z - CHI[i] - CLO[i]) * invc;
        double w = kd * LN2_HI + logc;
        double hi = w + r;
        double lo = w - hi + r + kd * LN2_LO;
        double r2 = r * r;
        double y = lo + r2 * A[0] + r * r2 * (A[1] + r * A[2] + r2 * (A[3] + r * A[4])) + hi;
        return y;
    }

    private static double nearOneFma(double x, long ix) {
        if (ix == ONE) return 0.0;
        double r = x - 1.0;
        double r2 = r * r;
        double r3 = r * r2;
        double q = Math.fma(r3, B[10], Math.fma(r2, B[9], Math.fma(r, B[8], B[7])));
        q = Math.fma(r3, q, Math.fma(r2, B[6], Math.fma(r, B[5], B[4])));
        double p = Math.fma(r3, q, Math.fma(r2, B[3], Math.fma(r, B[2], B[1])));
        double w = r * 0x1p27;
        double rhi = (r + w) - w;
        double rlo = r - rhi;
        double rr = rhi * rhi;
        double hi = Math.fma(rr, B[0], r);
        double lo = Math.fma(rr, B[0], r - hi);
        lo = Math.fma(B[0] * rlo, rhi + r, lo);
        return Math.fma(r3, p, lo) + hi;
    }

    private static double nearOnePlain(double x, long ix) {
        if (ix == ONE) return 0.0;
        double r = x - 1.0;
        double r2 = r * r;
        double r3 = r * r2;
        double y = r3 * (B[1] + r * B[2] + r2 * B[3]
                + r3 * (B[4] + r * B[5] + r2 * B[6] + r3 * (B[7] + r * B[8] + r2 * B[9] + r3 * B[10])));
        double w = r * 0x1p27;
        double rhi = r + w - w;
        double rlo = r - rhi;
        w = rhi * rhi * B[0];
        double hi = r + w;
        double lo = r - hi + w;
        lo += B[0] * rlo * (rhi + r);
        y += lo;
        y += hi;
        return y;
    }
}

package dev.kiln.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ConvKernel} on the JDK Vector API: four output channels × two vectors of positions held in
 * eight registers while the taps stream past (correlate), and four channels × two taps of running sums
 * (correlateGrad). Compiled against jdk.incubator.vector and loaded reflectively by {@link PlaneConv}
 * only when that module is present; uses only API that exists from JDK 17 on.
 */
final class VectorConvKernel implements ConvKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** For the fixed-order lane sums of the kernel gradient ({@link Lanes}). */
    private static final VectorShuffle<Float>[] HALVES = Lanes.halves(S);
    private static final int V = S.length();
    static final VectorConvKernel INSTANCE = new VectorConvKernel();

    private VectorConvKernel() {}

    /** Needs 8 lanes or more (AVX2), and two vectors must divide {@link ConvKernel#BLOCK}. */
    public boolean usable() {
        return V >= 8 && BLOCK % (2 * V) == 0;
    }

    // Each tile is its own small method: inlined into the callers' loops, the Vector API calls would push
    // those past the JIT's inlining budget and fall back to their (allocating) Java implementations.

    @Override
    public void correlate(float[] in, int[] off, int taps, float[] w, int outCh, float[] out, int outStride, int len) {
        int o = 0;
        for (; o + 3 < outCh; o += 4) {
            for (int q = 0; q < len; q += 2 * V) tile4(in, off, taps, w, o * taps, out, o * outStride, outStride, q);
        }
        for (; o < outCh; o++) {
            for (int q = 0; q < len; q += 2 * V) tile1(in, off, taps, w, o * taps, out, o * outStride + q, q);
        }
    }

    /**
     * Four output channels × two vectors of positions from q; the four weights of tap j are adjacent at
     * w[w0 + 4j]: one index for the four broadcasts keeps the loop's live values in registers (with four
     * weight rows, JDK 17's C2 spilled the input array and q to the stack inside the loop: 8-11% slower).
     */
    private static void tile4(float[] in, int[] off, int taps, float[] w, int w0, float[] out, int o0, int stride, int q) {
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a10 = a00, a11 = a00;
        FloatVector a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        for (int j = 0, wi = w0; j < taps; j++, wi += 4) {
            int s = off[j] + q;
            FloatVector x0 = FloatVector.fromArray(S, in, s);
            FloatVector x1 = FloatVector.fromArray(S, in, s + V);
            FloatVector c = FloatVector.broadcast(S, w[wi]);
            a00 = c.fma(x0, a00);
            a01 = c.fma(x1, a01);
            c = FloatVector.broadcast(S, w[wi + 1]);
            a10 = c.fma(x0, a10);
            a11 = c.fma(x1, a11);
            c = FloatVector.broadcast(S, w[wi + 2]);
            a20 = c.fma(x0, a20);
            a21 = c.fma(x1, a21);
            c = FloatVector.broadcast(S, w[wi + 3]);
            a30 = c.fma(x0, a30);
            a31 = c.fma(x1, a31);
        }
        int o = o0 + q;
        a00.intoArray(out, o);
        a01.intoArray(out, o + V);
        a10.intoArray(out, o + stride);
        a11.intoArray(out, o + stride + V);
        a20.intoArray(out, o + 2 * stride);
        a21.intoArray(out, o + 2 * stride + V);
        a30.intoArray(out, o + 3 * stride);
        a31.intoArray(out, o + 3 * stride + V);
    }

    private static void tile1(float[] in, int[] off, int taps, float[] w, int wb, float[] out, int o, int q) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0;
        for (int j = 0; j < taps; j++) {
            int s = off[j] + q;
            FloatVector c = FloatVector.broadcast(S, w[wb + j]);
            a0 = c.fma(FloatVector.fromArray(S, in, s), a0);
            a1 = c.fma(FloatVector.fromArray(S, in, s + V), a1);
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + V);
    }

    @Override
    public void correlateGrad(float[] in, int[] off, int taps, float[] dy, int dyOff, int dyStride, int outCh, int len, float[] dw) {
        int o = 0;
        for (; o + 3 < outCh; o += 4) {
            int d0 = dyOff + o * dyStride;
            int j = 0;
            for (; j + 1 < taps; j += 2) grad4x2(in, off[j], off[j + 1], dy, d0, dyStride, len, dw, o * taps + j, taps);
            for (; j < taps; j++) {
                for (int oo = o; oo < o + 4; oo++) dw[oo * taps + j] += dot(in, off[j], dy, dyOff + oo * dyStride, len);
            }
        }
        for (; o < outCh; o++) {
            for (int j = 0; j < taps; j++) dw[o * taps + j] += dot(in, off[j], dy, dyOff + o * dyStride, len);
        }
    }

    /** Sums of four output-gradient rows against two shifted input rows: eight entries of dw. */
    private static void grad4x2(float[] in, int s0, int s1, float[] dy, int d0, int ds, int len, float[] dw, int r, int taps) {
        int d1 = d0 + ds, d2 = d1 + ds, d3 = d2 + ds;
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a10 = a00, a11 = a00;
        FloatVector a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        for (int q = 0; q < len; q += V) {
            FloatVector x0 = FloatVector.fromArray(S, in, s0 + q);
            FloatVector x1 = FloatVector.fromArray(S, in, s1 + q);
            FloatVector g = FloatVector.fromArray(S, dy, d0 + q);
            a00 = g.fma(x0, a00);
            a01 = g.fma(x1, a01);
            g = FloatVector.fromArray(S, dy, d1 + q);
            a10 = g.fma(x0, a10);
            a11 = g.fma(x1, a11);
            g = FloatVector.fromArray(S, dy, d2 + q);
            a20 = g.fma(x0, a20);
            a21 = g.fma(x1, a21);
            g = FloatVector.fromArray(S, dy, d3 + q);
            a30 = g.fma(x0, a30);
            a31 = g.fma(x1, a31);
        }
        dw[r] += Lanes.sum(a00, HALVES);
        dw[r + 1] += Lanes.sum(a01, HALVES);
        dw[r + taps] += Lanes.sum(a10, HALVES);
        dw[r + taps + 1] += Lanes.sum(a11, HALVES);
        dw[r + 2 * taps] += Lanes.sum(a20, HALVES);
        dw[r + 2 * taps + 1] += Lanes.sum(a21, HALVES);
        dw[r + 3 * taps] += Lanes.sum(a30, HALVES);
        dw[r + 3 * taps + 1] += Lanes.sum(a31, HALVES);
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int len) {
        FloatVector acc = FloatVector.zero(S);
        for (int q = 0; q < len; q += V) {
            acc = FloatVector.fromArray(S, a, ao + q).fma(FloatVector.fromArray(S, b, bo + q), acc);
        }
        return Lanes.sum(acc, HALVES);
    }

    @Override
    public boolean maxPool(Conv.Geometry g, float[] x, float[] y, int[] argmax, int b) {
        int c = g.inC;
        if (c % V != 0) return false;
        int rowStride = g.inW * c;
        int[] offset = new int[g.kH * g.kW]; // window position r·kW + k → its offset from the window's corner
        for (int r = 0; r < g.kH; r++) {
            for (int k = 0; k < g.kW; k++) offset[r * g.kW + k] = r * rowStride + k * c;
        }
        float[] local = new float[V];
        for (int oy = 0; oy < g.outH; oy++) {
            int y0 = oy * g.strideH - g.padTop, ky0 = Math.max(0, -y0), ky1 = Math.min(g.kH, g.inH - y0);
            for (int ox = 0; ox < g.outW; ox++) {
                int x0 = ox * g.strideW - g.padLeft, kx0 = Math.max(0, -x0), kx1 = Math.min(g.kW, g.inW - x0);
                int o = ((b * g.outH + oy) * g.outW + ox) * c;
                int corner = ((b * g.inH + y0 + ky0) * g.inW + x0 + kx0) * c;
                for (int ch = 0; ch < c; ch += V) {
                    window(x, y, local, corner + ch, o + ch, ky1 - ky0, kx1 - kx0, g.kW, offset);
                    if (argmax == null) continue;
                    for (int lane = 0; lane < V; lane++) argmax[o + ch + lane] = corner + ch + lane + offset[(int) local[lane]];
                }
            }
        }
        return true;
    }

    /**
     * V channels of one window: the running maximum, and in {@code local} the window position (r·kW + k)
     * of the first maximum; NaN beats numbers. One flat loop over the positions, and only compare-then-blend
     * on one float shape: on JDK 17 vectors carried through a loop nest, mask logic (or, andNot), NaN tests
     * and mask casts all fell back to the API's allocating Java implementations, several times slower.
     */
    private static void window(float[] x, float[] y, float[] local, int first, int o, int rows, int cols, int kW, int[] offset) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector best = FloatVector.fromArray(S, x, first), arg = zero;
        for (int t = 1, n = rows * cols; t < n; t++) {
            int l = cols == kW ? t : t + t / cols * (kW - cols); // clipped windows skip the columns outside the image
            FloatVector v = FloatVector.fromArray(S, x, first + offset[l]);
            VectorMask<Float> greater = v.compare(VectorOperators.GT, best);
            // v is NaN and best is not: v with the lanes where best is NaN zeroed, compared with itself
            FloatVector u = v.blend(zero, best.compare(VectorOperators.NE, best));
            VectorMask<Float> nan = u.compare(VectorOperators.NE, u);
            best = best.blend(v, greater).blend(v, nan);
            arg = arg.blend((float) l, greater).blend((float) l, nan);
        }
        best.intoArray(y, o);
        arg.intoArray(local, 0);
    }

    // tanh: a = |x|; below SMALL, a + a³·P(a²); above, 1 − 2/(e^{2a} + 1) with e^{2a} = 2^k·e^r
    private static final float SMALL = 0.55f, CLAMP = 9.5f; // float tanh is 1 from about 9.01 on
    private static final float P0 = -0.33333316445350647f, P1 = 0.13332580029964447f, P2 = -0.053851865231990814f,
            P3 = 0.02107025310397148f, P4 = -0.006272607482969761f;
    private static final float E2 = 0.5f, E3 = 0.1666666567325592f, E4 = 0.04166622459888458f, E5 = 0.008333578705787659f,
            E6 = 0.0013948134146630764f, E7 = 0.00019766918558161706f;
    private static final float LOG2E = 1.4426950216293335f, LN2_HI = 0.6931471824645996f, LN2_LO = -1.9046542121259336e-09f;
    /** 1.5·2^23: adding it rounds a float below 2^22 to an integer, held in the low bits of the sum. */
    private static final float SHIFTER = 12582912f;

    /**
     * tanh in float lanes with FMAs, within one float ulp of {@code (float) Math.tanh}: checked on every
     * float (tools/tanh/TanhExhaustive.java, the same operations in scalar FMAs); the lanewise TANH it
     * replaces (Intel's short-vector math library, high-accuracy variant) took twice as long, 2.0 against
     * 0.95 ns a value on JDK 17. Both halves are computed and blended. a = |x| below 0.55: a + a³·P(a²), P a degree-4 fit of (tanh a − a)/a³
     * (relative error 3e-9 of the result). From 0.55 on: e^{2a} = 2^k·e^r with k = round(2a/ln2), r by
     * Cody–Waite (exact), e^r by a degree-7 fit (2e-9); then 2/(e^{2a} + 1) with the sum held exactly as
     * two floats and the quotient corrected once by its FMA remainder, so that only e^{2a}'s own error
     * (about one float ulp, damped by e^{2a}/(e^{2a} + 1)) and the last subtraction's rounding remain;
     * a is clamped at 9.5, where the result rounds to 1. The sign of x is put back last: ±0 stay ±0,
     * ±∞ give ±1, NaN stays NaN.
     */
    @Override
    public void tanh(float[] x, int xo, float[] y, int yo, int n) {
        float[] big = TANH_SCRATCH.get();
        int i = 0;
        for (int m; (m = Math.min(n - i, TANH_BLOCK) / V * V) > 0; i += m) {
            for (TanhPass pass : TANH_PASSES) pass.run(x, xo + i, big, y, yo + i, m);
        }
        for (; i < n; i++) y[yo + i] = (float) Math.tanh(x[xo + i]); // the tail: fewer than V values
    }

    // Three passes over blocks of TANH_BLOCK values, each its own compiled loop. In one loop (or with the
    // passes inlined into one caller) the ~70 vector operations exceed C2's inlining node budget on
    // JDK 17, and vectors not inlined become heap objects, twice as slow as the library's TANH. The
    // passes are called through one call site with three receiver classes, which C2 does not inline.
    private static final int TANH_BLOCK = 256;
    private static final ThreadLocal<float[]> TANH_SCRATCH = ThreadLocal.withInitial(() -> new float[TANH_BLOCK]);
    private static final TanhPass[] TANH_PASSES = TanhPass.values();

    private enum TanhPass {
        EXP { @Override void run(float[] x, int xo, float[] big, float[] y, int yo, int n) { exp2(x, xo, big, n); } },
        QUOTIENT { @Override void run(float[] x, int xo, float[] big, float[] y, int yo, int n) { oneMinusTwoOver(big, n); } },
        RESULT { @Override void run(float[] x, int xo, float[] big, float[] y, int yo, int n) { tanh(x, xo, big, y, yo, n); } };

        abstract void run(float[] x, int xo, float[] big, float[] y, int yo, int n);
    }

    /** {@code big[i] = e^{2a}}, a = min(|x[xo + i]|, 9.5), for i in [0, n), n a multiple of V; relative error about one float ulp where a ≥ 0.55. */
    private static void exp2(float[] x, int xo, float[] big, int n) {
        for (int i = 0; i < n; i += V) {
            FloatVector a = FloatVector.fromArray(S, x, xo + i).abs().min(CLAMP);
            FloatVector twice = a.add(a);
            FloatVector t = twice.fma(c(LOG2E), c(SHIFTER));
            FloatVector k = t.sub(SHIFTER);
            FloatVector r = k.neg().fma(c(LN2_HI), twice);
            r = k.neg().fma(c(LN2_LO), r);
            FloatVector e = r.fma(c(E7), c(E6)).fma(r, c(E5)).fma(r, c(E4)).fma(r, c(E3)).fma(r, c(E2)).fma(r, c(1f)).fma(r, c(1f));
            // times 2^k, built from the integer in t's low bits
            e.mul(t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(127 << 23).reinterpretAsFloats()).intoArray(big, i);
        }
    }

    /** {@code big[i] ← 1 − 2/(big[i] + 1)} for i in [0, n), n a multiple of V; the quotient's error does not add to big's. */
    private static void oneMinusTwoOver(float[] big, int n) {
        for (int i = 0; i < n; i += V) {
            FloatVector e = FloatVector.fromArray(S, big, i);
            FloatVector dHi = e.add(1f);
            FloatVector dLo = c(1f).sub(dHi.sub(e)); // dHi + dLo = e + 1 exactly
            FloatVector q0 = c(2f).div(dHi);
            FloatVector rho = q0.neg().fma(dHi, c(2f)); // exact: the remainder of the rounded quotient
            rho = q0.neg().fma(dLo, rho);
            c(1f).sub(rho.fma(q0.mul(0.5f), q0)).intoArray(big, i);
        }
    }

    /** {@code y[yo + i] = tanh(x[xo + i])} given {@code large} from {@link #oneMinusTwoOver}; y may be x. */
    private static void tanh(float[] x, int xo, float[] large, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector a = v.abs();
            FloatVector p = a.mul(a);
            FloatVector poly = p.fma(c(P4), c(P3)).fma(p, c(P2)).fma(p, c(P1)).fma(p, c(P0));
            FloatVector small = a.mul(p).fma(poly, a);
            FloatVector result = FloatVector.fromArray(S, large, i).blend(small, a.compare(VectorOperators.LT, SMALL));
            result.reinterpretAsInts().or(v.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats().intoArray(y, yo + i);
        }
    }

    private static FloatVector c(float v) { return FloatVector.broadcast(S, v); }
}

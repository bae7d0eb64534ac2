package dev.kiln.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ConvKernel} on the JDK Vector API: four output channels × two vectors of positions held in
 * eight registers while the taps stream past (correlate), and four channels × two taps of running sums
 * (correlateGrad). Compiled against jdk.incubator.vector and loaded reflectively by {@link PlaneConv}
 * only when that module is present; uses only API that exists from JDK 17 on.
 */
final class VectorConvKernel implements ConvKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
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
        dw[r] += a00.reduceLanes(VectorOperators.ADD);
        dw[r + 1] += a01.reduceLanes(VectorOperators.ADD);
        dw[r + taps] += a10.reduceLanes(VectorOperators.ADD);
        dw[r + taps + 1] += a11.reduceLanes(VectorOperators.ADD);
        dw[r + 2 * taps] += a20.reduceLanes(VectorOperators.ADD);
        dw[r + 2 * taps + 1] += a21.reduceLanes(VectorOperators.ADD);
        dw[r + 3 * taps] += a30.reduceLanes(VectorOperators.ADD);
        dw[r + 3 * taps + 1] += a31.reduceLanes(VectorOperators.ADD);
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int len) {
        FloatVector acc = FloatVector.zero(S);
        for (int q = 0; q < len; q += V) {
            acc = FloatVector.fromArray(S, a, ao + q).fma(FloatVector.fromArray(S, b, bo + q), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
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

    /**
     * The Vector API's lanewise TANH: on x86 an intrinsic (Intel's short-vector math library) at about 2 ns
     * a value against 13 ns for the scalar exp-based formula, within one float ulp of Math.tanh.
     */
    @Override
    public void tanh(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (; i + V <= n; i += V) FloatVector.fromArray(S, x, xo + i).lanewise(VectorOperators.TANH).intoArray(y, yo + i);
        for (; i < n; i++) y[yo + i] = (float) Math.tanh(x[xo + i]); // the tail: fewer than V values
    }
}

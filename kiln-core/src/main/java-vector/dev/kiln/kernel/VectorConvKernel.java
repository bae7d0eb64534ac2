package dev.kiln.kernel;

import jdk.incubator.vector.FloatVector;
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

    @Override
    public void correlate(float[] in, int[] off, int taps, float[] w, int outCh, float[] out, int outStride, int len) {
        int o = 0;
        for (; o + 3 < outCh; o += 4) {
            int w0 = o * taps, w1 = w0 + taps, w2 = w1 + taps, w3 = w2 + taps;
            int o0 = o * outStride, o1 = o0 + outStride, o2 = o1 + outStride, o3 = o2 + outStride;
            for (int q = 0; q < len; q += 2 * V) {
                FloatVector a00 = FloatVector.zero(S), a01 = a00, a10 = a00, a11 = a00;
                FloatVector a20 = a00, a21 = a00, a30 = a00, a31 = a00;
                for (int j = 0; j < taps; j++) {
                    int s = off[j] + q;
                    FloatVector x0 = FloatVector.fromArray(S, in, s);
                    FloatVector x1 = FloatVector.fromArray(S, in, s + V);
                    FloatVector c = FloatVector.broadcast(S, w[w0 + j]);
                    a00 = c.fma(x0, a00);
                    a01 = c.fma(x1, a01);
                    c = FloatVector.broadcast(S, w[w1 + j]);
                    a10 = c.fma(x0, a10);
                    a11 = c.fma(x1, a11);
                    c = FloatVector.broadcast(S, w[w2 + j]);
                    a20 = c.fma(x0, a20);
                    a21 = c.fma(x1, a21);
                    c = FloatVector.broadcast(S, w[w3 + j]);
                    a30 = c.fma(x0, a30);
                    a31 = c.fma(x1, a31);
                }
                a00.intoArray(out, o0 + q);
                a01.intoArray(out, o0 + q + V);
                a10.intoArray(out, o1 + q);
                a11.intoArray(out, o1 + q + V);
                a20.intoArray(out, o2 + q);
                a21.intoArray(out, o2 + q + V);
                a30.intoArray(out, o3 + q);
                a31.intoArray(out, o3 + q + V);
            }
        }
        for (; o < outCh; o++) {
            int wb = o * taps, ob = o * outStride;
            for (int q = 0; q < len; q += 2 * V) {
                FloatVector a0 = FloatVector.zero(S), a1 = a0;
                for (int j = 0; j < taps; j++) {
                    int s = off[j] + q;
                    FloatVector c = FloatVector.broadcast(S, w[wb + j]);
                    a0 = c.fma(FloatVector.fromArray(S, in, s), a0);
                    a1 = c.fma(FloatVector.fromArray(S, in, s + V), a1);
                }
                a0.intoArray(out, ob + q);
                a1.intoArray(out, ob + q + V);
            }
        }
    }

    @Override
    public void correlateGrad(float[] in, int[] off, int taps, float[] dy, int dyOff, int dyStride, int outCh, int len, float[] dw) {
        int o = 0;
        for (; o + 3 < outCh; o += 4) {
            int d0 = dyOff + o * dyStride, d1 = d0 + dyStride, d2 = d1 + dyStride, d3 = d2 + dyStride;
            int j = 0;
            for (; j + 1 < taps; j += 2) {
                int s0 = off[j], s1 = off[j + 1];
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
                int r = o * taps + j;
                dw[r] += a00.reduceLanes(VectorOperators.ADD);
                dw[r + 1] += a01.reduceLanes(VectorOperators.ADD);
                dw[r + taps] += a10.reduceLanes(VectorOperators.ADD);
                dw[r + taps + 1] += a11.reduceLanes(VectorOperators.ADD);
                dw[r + 2 * taps] += a20.reduceLanes(VectorOperators.ADD);
                dw[r + 2 * taps + 1] += a21.reduceLanes(VectorOperators.ADD);
                dw[r + 3 * taps] += a30.reduceLanes(VectorOperators.ADD);
                dw[r + 3 * taps + 1] += a31.reduceLanes(VectorOperators.ADD);
            }
            for (; j < taps; j++) {
                for (int oo = o; oo < o + 4; oo++) dw[oo * taps + j] += dot(in, off[j], dy, dyOff + oo * dyStride, len);
            }
        }
        for (; o < outCh; o++) {
            for (int j = 0; j < taps; j++) dw[o * taps + j] += dot(in, off[j], dy, dyOff + o * dyStride, len);
        }
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int len) {
        FloatVector acc = FloatVector.zero(S);
        for (int q = 0; q < len; q += V) {
            acc = FloatVector.fromArray(S, a, ao + q).fma(FloatVector.fromArray(S, b, bo + q), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}

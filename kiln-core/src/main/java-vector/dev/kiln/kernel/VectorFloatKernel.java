package dev.kiln.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float micro-kernel on the JDK Vector API: a 6 × 2V tile (V = lanes of the preferred species) held
 * in 12 vector registers, updated by one broadcast-FMA per register and k-step.
 *
 * <p>Why 6 × 2V: with AVX2 (16 vector registers; also what HotSpot uses on CPUs whose AVX-512 it
 * does not enable) 12 accumulators + 2 B vectors + 1 broadcast fit without spills, and 12
 * independent FMA chains cover the FMA latency × throughput (4 × 2). Taller tiles spilled and ran
 * at half the speed in our measurements; unrolling k did too.
 *
 * <p>Compiled separately against jdk.incubator.vector and loaded reflectively by {@link MatMul} only
 * when that module is present; uses only API that exists from JDK 17 on.
 */
final class VectorFloatKernel implements FloatKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    static final int MR = 6;
    static final int NR = 2 * V;
    static final VectorFloatKernel INSTANCE = new VectorFloatKernel();

    private VectorFloatKernel() {}

    /** Below 8 lanes (no AVX2) the API's overhead outweighs its gain over the plain-Java kernel. */
    public boolean usable() {
        return V >= 8;
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void tile(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean overwrite) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        // Indices written as base + p * constant so that C2 sees them linear in the loop counter and
        // hoists the bounds checks out of the loop.
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + V);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        // Written out in full: a vector passed to a helper that C2 declines to inline (a cold call
        // site over 35 bytes of bytecode) or merged from two control paths gets boxed, and the
        // allocation costs more than the whole tile.
        if (overwrite) {
            c00.intoArray(c, co);
            c01.intoArray(c, co + V);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + V);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + V);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + V);
            c40.intoArray(c, co + 4 * ldc);
            c41.intoArray(c, co + 4 * ldc + V);
            c50.intoArray(c, co + 5 * ldc);
            c51.intoArray(c, co + 5 * ldc + V);
        } else {
            c00.add(FloatVector.fromArray(S, c, co)).intoArray(c, co);
            c01.add(FloatVector.fromArray(S, c, co + V)).intoArray(c, co + V);
            c10.add(FloatVector.fromArray(S, c, co + ldc)).intoArray(c, co + ldc);
            c11.add(FloatVector.fromArray(S, c, co + ldc + V)).intoArray(c, co + ldc + V);
            c20.add(FloatVector.fromArray(S, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + V)).intoArray(c, co + 2 * ldc + V);
            c30.add(FloatVector.fromArray(S, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + V)).intoArray(c, co + 3 * ldc + V);
            c40.add(FloatVector.fromArray(S, c, co + 4 * ldc)).intoArray(c, co + 4 * ldc);
            c41.add(FloatVector.fromArray(S, c, co + 4 * ldc + V)).intoArray(c, co + 4 * ldc + V);
            c50.add(FloatVector.fromArray(S, c, co + 5 * ldc)).intoArray(c, co + 5 * ldc);
            c51.add(FloatVector.fromArray(S, c, co + 5 * ldc + V)).intoArray(c, co + 5 * ldc + V);
        }
    }

    /**
     * Tiny products with B not transposed and at least V columns: four rows of C at a time, one
     * vector of columns per register, summed over k in registers (C is read and written once).
     * Leftover columns, and the transposed-B and narrow cases, take the plain-Java small path.
     */
    @Override
    public void small(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (transB || n < V) {
            FloatGemm.small(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int ais = transA ? 1 : lda;
        int aps = transA ? lda : 1;
        int nv = n - n % V;
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int a0 = aOff + i * ais;
            int a1 = a0 + ais;
            int a2 = a1 + ais;
            int a3 = a2 + ais;
            int c0 = cOff + i * ldc;
            for (int j = 0; j < nv; j += V) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int p = 0; p < k; p++) {
                    FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                    int o = p * aps;
                    s0 = FloatVector.broadcast(S, a[a0 + o]).fma(bv, s0);
                    s1 = FloatVector.broadcast(S, a[a1 + o]).fma(bv, s1);
                    s2 = FloatVector.broadcast(S, a[a2 + o]).fma(bv, s2);
                    s3 = FloatVector.broadcast(S, a[a3 + o]).fma(bv, s3);
                }
                int cj = c0 + j;
                if (accumulate) {
                    s0.add(FloatVector.fromArray(S, c, cj)).intoArray(c, cj);
                    s1.add(FloatVector.fromArray(S, c, cj + ldc)).intoArray(c, cj + ldc);
                    s2.add(FloatVector.fromArray(S, c, cj + 2 * ldc)).intoArray(c, cj + 2 * ldc);
                    s3.add(FloatVector.fromArray(S, c, cj + 3 * ldc)).intoArray(c, cj + 3 * ldc);
                } else {
                    s0.intoArray(c, cj);
                    s1.intoArray(c, cj + ldc);
                    s2.intoArray(c, cj + 2 * ldc);
                    s3.intoArray(c, cj + 3 * ldc);
                }
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * ais;
            int ci = cOff + i * ldc;
            for (int j = 0; j < nv; j += V) {
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    s0 = FloatVector.broadcast(S, a[ai + p * aps]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s0);
                }
                if (accumulate) {
                    s0.add(FloatVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                } else {
                    s0.intoArray(c, ci + j);
                }
            }
        }
        if (nv < n) {
            FloatGemm.small(transA, false, m, n - nv, k, a, aOff, lda, b, bOff + nv, ldb, c, cOff + nv, ldc, accumulate);
        }
    }
}

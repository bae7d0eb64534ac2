package dev.kiln.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double micro-kernel on the JDK Vector API, in one of two register tilings of C: 6 × 2V ("wide") or
 * 4 × 2V ("short"), V being the lanes of the preferred species; each accumulator is updated by one
 * broadcast-FMA per k-step.
 *
 * <p>Why two: with AVX2's 16 vector registers, the wide tile's 12 accumulators leave 4 for the two B
 * vectors and the A broadcasts, and 12 independent FMA chains cover the FMA latency × throughput
 * (4 × 2) with room to spare. JDK 17's C2 compiles it without spills and it runs fastest there. JDK
 * 25's C2 schedules several A broadcasts of a k-step ahead of their FMAs, runs out of registers and
 * keeps one accumulator on the stack (a load, FMA and store on every k-step, whose store-to-load
 * latency then bounds the loop: about 55 % of the speed; a 5 × 2V tile spills the same way). The
 * short tile, 8 accumulators + 2 B vectors + 4 broadcasts, fits even when all broadcasts are hoisted
 * and is the fastest there (a 12 × V tile, also spill-free, was about 10 % slower). The default is
 * therefore wide on JDK 17 to 20 and short from JDK 21 on; the system property
 * {@value #TILE_PROPERTY} ({@code wide}, {@code short}) overrides it.
 *
 * <p>Compiled separately against jdk.incubator.vector and loaded reflectively by {@link MatMul} only
 * when that module is present; uses only API that exists from JDK 17 on.
 */
final class VectorDoubleKernel implements DoubleKernel {
    /** System property choosing the register tile: {@code wide} (6 × 2V) or {@code short} (4 × 2V). */
    static final String TILE_PROPERTY = "kiln.gemm.tile";

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** The 6 × 2V kernel. */
    static final VectorDoubleKernel WIDE = new VectorDoubleKernel(6);
    /** The 4 × 2V kernel. */
    static final VectorDoubleKernel SHORT = new VectorDoubleKernel(4);
    static final VectorDoubleKernel INSTANCE = chooseShort() ? SHORT : WIDE;

    private final int mr;

    private VectorDoubleKernel(int mr) {
        this.mr = mr;
    }

    private static boolean chooseShort() {
        String mode = System.getProperty(TILE_PROPERTY, "auto").trim();
        switch (mode) {
            case "auto":
                return Runtime.version().feature() >= 21;
            case "short":
                return true;
            case "wide":
                return false;
            default:
                throw new IllegalArgumentException("system property " + TILE_PROPERTY
                        + " must be auto, wide or short, got '" + mode + "'");
        }
    }

    /** Below 4 lanes (no AVX2) the API's overhead outweighs its gain over the plain-Java kernel. */
    public boolean usable() {
        return V >= 4;
    }

    @Override
    public int mr() {
        return mr;
    }

    @Override
    public int nr() {
        return 2 * V;
    }

    @Override
    public void tile(int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc, boolean overwrite) {
        if (mr == 4) {
            narrow(kc, a, ao, b, bo, c, co, ldc, overwrite);
        } else {
            wide(kc, a, ao, b, bo, c, co, ldc, overwrite);
        }
    }

    private static void wide(int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc,
                             boolean overwrite) {
        final int mr = 6, nr = 2 * V;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
        DoubleVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        // The loop steps the two panel indices themselves (rather than deriving them from a k counter):
        // about 10 % faster on JDK 17 at 1024^3 (float kernel), and C2 still hoists the bounds checks.
        for (int ai = ao, bi = bo, end = ao + kc * mr; ai < end; ai += mr, bi += nr) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + V);
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ai + 5]);
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
            c00.add(DoubleVector.fromArray(S, c, co)).intoArray(c, co);
            c01.add(DoubleVector.fromArray(S, c, co + V)).intoArray(c, co + V);
            c10.add(DoubleVector.fromArray(S, c, co + ldc)).intoArray(c, co + ldc);
            c11.add(DoubleVector.fromArray(S, c, co + ldc + V)).intoArray(c, co + ldc + V);
            c20.add(DoubleVector.fromArray(S, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, co + 2 * ldc + V)).intoArray(c, co + 2 * ldc + V);
            c30.add(DoubleVector.fromArray(S, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, co + 3 * ldc + V)).intoArray(c, co + 3 * ldc + V);
            c40.add(DoubleVector.fromArray(S, c, co + 4 * ldc)).intoArray(c, co + 4 * ldc);
            c41.add(DoubleVector.fromArray(S, c, co + 4 * ldc + V)).intoArray(c, co + 4 * ldc + V);
            c50.add(DoubleVector.fromArray(S, c, co + 5 * ldc)).intoArray(c, co + 5 * ldc);
            c51.add(DoubleVector.fromArray(S, c, co + 5 * ldc + V)).intoArray(c, co + 5 * ldc + V);
        }
    }

    private static void narrow(int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc,
                               boolean overwrite) {
        final int mr = 4, nr = 2 * V;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int ai = ao, bi = bo, end = ao + kc * mr; ai < end; ai += mr, bi += nr) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + V);
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        if (overwrite) {
            c00.intoArray(c, co);
            c01.intoArray(c, co + V);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + V);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + V);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + V);
        } else {
            c00.add(DoubleVector.fromArray(S, c, co)).intoArray(c, co);
            c01.add(DoubleVector.fromArray(S, c, co + V)).intoArray(c, co + V);
            c10.add(DoubleVector.fromArray(S, c, co + ldc)).intoArray(c, co + ldc);
            c11.add(DoubleVector.fromArray(S, c, co + ldc + V)).intoArray(c, co + ldc + V);
            c20.add(DoubleVector.fromArray(S, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
            c21.add(DoubleVector.fromArray(S, c, co + 2 * ldc + V)).intoArray(c, co + 2 * ldc + V);
            c30.add(DoubleVector.fromArray(S, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
            c31.add(DoubleVector.fromArray(S, c, co + 3 * ldc + V)).intoArray(c, co + 3 * ldc + V);
        }
    }

    /**
     * Tiny products with B not transposed and at least V columns: four rows of C at a time, one
     * vector of columns per register, summed over k in registers (C is read and written once).
     * Leftover columns, and the transposed-B and narrow cases, take the plain-Java small path.
     */
    @Override
    public void small(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        if (transB || n < V) {
            DoubleGemm.small(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
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
                DoubleVector s0 = DoubleVector.zero(S);
                DoubleVector s1 = s0;
                DoubleVector s2 = s0;
                DoubleVector s3 = s0;
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(S, b, bOff + p * ldb + j);
                    int o = p * aps;
                    s0 = DoubleVector.broadcast(S, a[a0 + o]).fma(bv, s0);
                    s1 = DoubleVector.broadcast(S, a[a1 + o]).fma(bv, s1);
                    s2 = DoubleVector.broadcast(S, a[a2 + o]).fma(bv, s2);
                    s3 = DoubleVector.broadcast(S, a[a3 + o]).fma(bv, s3);
                }
                int cj = c0 + j;
                if (accumulate) {
                    s0.add(DoubleVector.fromArray(S, c, cj)).intoArray(c, cj);
                    s1.add(DoubleVector.fromArray(S, c, cj + ldc)).intoArray(c, cj + ldc);
                    s2.add(DoubleVector.fromArray(S, c, cj + 2 * ldc)).intoArray(c, cj + 2 * ldc);
                    s3.add(DoubleVector.fromArray(S, c, cj + 3 * ldc)).intoArray(c, cj + 3 * ldc);
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
                DoubleVector s0 = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    s0 = DoubleVector.broadcast(S, a[ai + p * aps]).fma(DoubleVector.fromArray(S, b, bOff + p * ldb + j), s0);
                }
                if (accumulate) {
                    s0.add(DoubleVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                } else {
                    s0.intoArray(c, ci + j);
                }
            }
        }
        if (nv < n) {
            DoubleGemm.small(transA, false, m, n - nv, k, a, aOff, lda, b, bOff + nv, ldb, c, cOff + nv, ldc, accumulate);
        }
    }
}

package dev.kiln.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two loop forms of {@link SmallFloatGemm} on the JDK Vector API, with C held in registers for
 * the whole inner dimension (C is written once; nothing is read back).
 *
 * <p>Why not leave it to the JIT: C2 unrolls a vectorised loop several vectors deep, so a 50-wide
 * row never reaches its vector body and runs in the scalar remainder loop; here one iteration is
 * one vector.
 *
 * <p>Compiled separately against jdk.incubator.vector and loaded reflectively by {@link MatMul} only
 * when that module is present; uses only API that exists from JDK 17 on. Vectors never cross a
 * method call or a merge of control paths (either would box them).
 */
final class VectorSmallGemm implements SmallFloatKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int V = S.length();
    static final VectorSmallGemm INSTANCE = new VectorSmallGemm();
    /** Shuffles that bring lane i + w to lane i, for w = V/2, V/4, …, 1 ({@link #sumLanes}). */
    private static final VectorShuffle<Float>[] HALVES = Lanes.halves(S);

    private VectorSmallGemm() {}

    /** 256-bit float vectors must be intrinsified (AVX2); below that the plain-Java loops are as fast. */
    public boolean usable() {
        return FloatVector.SPECIES_PREFERRED.length() >= V;
    }

    /**
     * For k of two or three, blocks of columns with B's rows in registers and C's rows streamed past
     * ({@link #columnsTimesSmallK}); otherwise blocks of 4 rows × 2 vectors, then 4 × 1, then the two or
     * three rows left together (3 vectors, then 1), then a single row left by 4, 2, 1 vectors. The
     * columns past the last full vector are one more vector ending at column n. Each block shape is its
     * own method: one method holding all of them exceeded C2's inlining budget, and a Vector API call left
     * un-inlined runs its boxed Java fallback, about twenty times slower.
     */
    @Override
    public void rowsTimesB(int m, int n, int k, float[] a, int aOff, int ais, int aps,
                           float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        int nv = n - n % V;
        // Columns past the last full vector: one more vector ending at column n recomputes a few
        // columns with the same operations in the same order (so the same values) and covers the rest.
        // Overwriting C it is stored straight; accumulating, it goes to scratch and only the new
        // columns are added in.
        boolean tail = nv < n && n >= V;
        float[] t = tail && accumulate ? Workspace.get().floats(Workspace.SMALL_TAIL, 4 * V) : null;
        int j0 = n - V;
        if ((k == 2 || k == 3) && nv > 0) {
            columnsTimesSmallK(m, n, k, nv, j0, tail, t, a, aOff, ais, aps, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int ai = aOff + i * ais;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 2 * V <= nv; j += 2 * V) rows4x2(k, a, ai, ais, aps, b, bOff + j, ldb, c, ci + j, ldc, accumulate);
            if (j < nv) rows4x1(k, a, ai, ais, aps, b, bOff + j, ldb, c, ci + j, ldc, accumulate);
            if (tail && !accumulate) {
                rows4x1(k, a, ai, ais, aps, b, bOff + j0, ldb, c, ci + j0, ldc, false);
            } else if (tail) {
                rows4x1(k, a, ai, ais, aps, b, bOff + j0, ldb, t, 0, V, false);
                for (int r = 0; r < 4; r++) {
                    for (int jj = nv; jj < n; jj++) c[ci + r * ldc + jj] += t[r * V + jj - j0];
                }
            }
        }
        if (m - i >= 2) {
            // two or three rows left (B's 3 columns of a three-class output, transposed, are three rows):
            // taken together, each load of B feeds every row and there are enough independent sums to
            // hide the multiply-add latency that one row at a time with k long is bound by
            int ai = aOff + i * ais;
            int ci = cOff + i * ldc;
            boolean three = m - i == 3;
            int j = 0;
            for (; j + 3 * V <= nv; j += 3 * V) {
                if (three) rows3x3(k, a, ai, ais, aps, b, bOff + j, ldb, c, ci + j, ldc, accumulate);
                else rows2x3(k, a, ai, ais, aps, b, bOff + j, ldb, c, ci + j, ldc, accumulate);
            }
            for (; j < nv; j += V) {
                if (three) rows3x1(k, a, ai, ais, aps, b, bOff + j, ldb, c, ci + j, ldc, accumulate);
                else rows2x1(k, a, ai, ais, aps, b, bOff + j, ldb, c, ci + j, ldc, accumulate);
            }
            if (tail) {
                int rows = three ? 3 : 2;
                float[] into = accumulate ? t : c;
                int at = accumulate ? 0 : ci + j0, ld = accumulate ? V : ldc;
                if (three) rows3x1(k, a, ai, ais, aps, b, bOff + j0, ldb, into, at, ld, false);
                else rows2x1(k, a, ai, ais, aps, b, bOff + j0, ldb, into, at, ld, false);
                if (accumulate) {
                    for (int r = 0; r < rows; r++) {
                        for (int jj = nv; jj < n; jj++) c[ci + r * ldc + jj] += t[r * V + jj - j0];
                    }
                }
            }
            i += three ? 3 : 2;
        }
        for (; i < m; i++) {
            int ai = aOff + i * ais;
            int ci = cOff + i * ldc;
            int j = 0;
            // four vectors of one row: four independent chains rather than one latency-bound chain
            for (; j + 4 * V <= nv; j += 4 * V) row1x4(k, a, ai, aps, b, bOff + j, ldb, c, ci + j, accumulate);
            for (; j + 2 * V <= nv; j += 2 * V) row1x2(k, a, ai, aps, b, bOff + j, ldb, c, ci + j, accumulate);
            if (j < nv) row1x1(k, a, ai, aps, b, bOff + j, ldb, c, ci + j, accumulate);
            if (tail && !accumulate) {
                row1x1(k, a, ai, aps, b, bOff + j0, ldb, c, ci + j0, false);
            } else if (tail) {
                row1x1(k, a, ai, aps, b, bOff + j0, ldb, t, 0, false);
                for (int jj = nv; jj < n; jj++) c[ci + jj] += t[jj - j0];
            }
        }
        if (nv < n && !tail) {
            SmallFloatGemm.scalarColumns(m, nv, n, k, a, aOff, ais, aps, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    private static void rows4x2(int k, float[] a, int a0, int ais, int aps, float[] b, int bOff, int ldb,
                                float[] c, int c0, int ldc, boolean accumulate) {
        int a1 = a0 + ais, a2 = a1 + ais, a3 = a2 + ais;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
        FloatVector s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb;
            FloatVector u = FloatVector.fromArray(S, b, bp);
            FloatVector v = FloatVector.fromArray(S, b, bp + V);
            int o = p * aps;
            FloatVector x = FloatVector.broadcast(S, a[a0 + o]);
            s00 = x.fma(u, s00);
            s01 = x.fma(v, s01);
            x = FloatVector.broadcast(S, a[a1 + o]);
            s10 = x.fma(u, s10);
            s11 = x.fma(v, s11);
            x = FloatVector.broadcast(S, a[a2 + o]);
            s20 = x.fma(u, s20);
            s21 = x.fma(v, s21);
            x = FloatVector.broadcast(S, a[a3 + o]);
            s30 = x.fma(u, s30);
            s31 = x.fma(v, s31);
        }
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        if (accumulate) {
            s00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            s01.add(FloatVector.fromArray(S, c, c0 + V)).intoArray(c, c0 + V);
            s10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            s11.add(FloatVector.fromArray(S, c, c1 + V)).intoArray(c, c1 + V);
            s20.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
            s21.add(FloatVector.fromArray(S, c, c2 + V)).intoArray(c, c2 + V);
            s30.add(FloatVector.fromArray(S, c, c3)).intoArray(c, c3);
            s31.add(FloatVector.fromArray(S, c, c3 + V)).intoArray(c, c3 + V);
        } else {
            s00.intoArray(c, c0);
            s01.intoArray(c, c0 + V);
            s10.intoArray(c, c1);
            s11.intoArray(c, c1 + V);
            s20.intoArray(c, c2);
            s21.intoArray(c, c2 + V);
            s30.intoArray(c, c3);
            s31.intoArray(c, c3 + V);
        }
    }

    private static void rows4x1(int k, float[] a, int a0, int ais, int aps, float[] b, int bOff, int ldb,
                                float[] c, int c0, int ldc, boolean accumulate) {
        int a1 = a0 + ais, a2 = a1 + ais, a3 = a2 + ais;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < k; p++) {
            FloatVector u = FloatVector.fromArray(S, b, bOff + p * ldb);
            int o = p * aps;
            s0 = FloatVector.broadcast(S, a[a0 + o]).fma(u, s0);
            s1 = FloatVector.broadcast(S, a[a1 + o]).fma(u, s1);
            s2 = FloatVector.broadcast(S, a[a2 + o]).fma(u, s2);
            s3 = FloatVector.broadcast(S, a[a3 + o]).fma(u, s3);
        }
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        if (accumulate) {
            s0.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            s1.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            s2.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
            s3.add(FloatVector.fromArray(S, c, c3)).intoArray(c, c3);
        } else {
            s0.intoArray(c, c0);
            s1.intoArray(c, c1);
            s2.intoArray(c, c2);
            s3.intoArray(c, c3);
        }
    }

    /**
     * {@link #rowsTimesB} for k of two or three (a layer of two inputs; the backward pass through a
     * three-class output): by blocks of columns, B's k rows of the block held in registers and C's rows
     * streamed past them. With so short a k the row blocks above spend most of their time starting and
     * storing sums, and reload B for every block of rows. Each entry is still the chain of fused
     * multiply-adds from zero in p order, then C added when accumulating: the same values. One method per
     * k and block width (the vectors of B picked by k at run time would be a phi of vectors, which C2 on
     * JDK 17 does not keep as vectors).
     */
    private static void columnsTimesSmallK(int m, int n, int k, int nv, int j0, boolean tail, float[] t,
                                           float[] a, int aOff, int ais, int aps, float[] b, int bOff, int ldb,
                                           float[] c, int cOff, int ldc, boolean accumulate) {
        int j = 0;
        for (; j + 2 * V <= nv; j += 2 * V) {
            if (k == 2) columnsK2x2(m, a, aOff, ais, aps, b, bOff + j, ldb, c, cOff + j, ldc, accumulate);
            else columnsK3x2(m, a, aOff, ais, aps, b, bOff + j, ldb, c, cOff + j, ldc, accumulate);
        }
        if (j < nv) {
            if (k == 2) columnsK2x1(m, a, aOff, ais, aps, b, bOff + j, ldb, c, cOff + j, ldc, accumulate, null, 0, 0);
            else columnsK3x1(m, a, aOff, ais, aps, b, bOff + j, ldb, c, cOff + j, ldc, accumulate, null, 0, 0);
        }
        if (tail) {
            // the vector ending at column n: stored straight over C's recomputed columns, or (accumulating)
            // row by row through scratch, of which only the columns past nv are added in
            int from = accumulate ? nv - j0 : 0;
            if (k == 2) columnsK2x1(m, a, aOff, ais, aps, b, bOff + j0, ldb, c, cOff + j0, ldc, accumulate, t, from, n - j0);
            else columnsK3x1(m, a, aOff, ais, aps, b, bOff + j0, ldb, c, cOff + j0, ldc, accumulate, t, from, n - j0);
        }
    }

    private static void columnsK2x2(int m, float[] a, int aOff, int ais, int aps, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector b00 = FloatVector.fromArray(S, b, bOff), b01 = FloatVector.fromArray(S, b, bOff + V);
        FloatVector b10 = FloatVector.fromArray(S, b, bOff + ldb), b11 = FloatVector.fromArray(S, b, bOff + ldb + V);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ais, ci = cOff + i * ldc;
            FloatVector x0 = FloatVector.broadcast(S, a[ai]), x1 = FloatVector.broadcast(S, a[ai + aps]);
            FloatVector s0 = x1.fma(b10, x0.fma(b00, zero));
            FloatVector s1 = x1.fma(b11, x0.fma(b01, zero));
            if (accumulate) {
                s0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                s1.add(FloatVector.fromArray(S, c, ci + V)).intoArray(c, ci + V);
            } else {
                s0.intoArray(c, ci);
                s1.intoArray(c, ci + V);
            }
        }
    }

    private static void columnsK3x2(int m, float[] a, int aOff, int ais, int aps, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector b00 = FloatVector.fromArray(S, b, bOff), b01 = FloatVector.fromArray(S, b, bOff + V);
        FloatVector b10 = FloatVector.fromArray(S, b, bOff + ldb), b11 = FloatVector.fromArray(S, b, bOff + ldb + V);
        FloatVector b20 = FloatVector.fromArray(S, b, bOff + 2 * ldb), b21 = FloatVector.fromArray(S, b, bOff + 2 * ldb + V);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ais, ci = cOff + i * ldc;
            FloatVector x0 = FloatVector.broadcast(S, a[ai]), x1 = FloatVector.broadcast(S, a[ai + aps]);
            FloatVector x2 = FloatVector.broadcast(S, a[ai + 2 * aps]);
            FloatVector s0 = x2.fma(b20, x1.fma(b10, x0.fma(b00, zero)));
            FloatVector s1 = x2.fma(b21, x1.fma(b11, x0.fma(b01, zero)));
            if (accumulate) {
                s0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                s1.add(FloatVector.fromArray(S, c, ci + V)).intoArray(c, ci + V);
            } else {
                s0.intoArray(c, ci);
                s1.intoArray(c, ci + V);
            }
        }
    }

    /**
     * One vector of columns for every row. With {@code t} not null (the last vector, ending at column n,
     * while accumulating): each row's sums go to {@code t} and its lanes [from, to) are added to C.
     */
    private static void columnsK2x1(int m, float[] a, int aOff, int ais, int aps, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, boolean accumulate, float[] t, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector b0 = FloatVector.fromArray(S, b, bOff), b1 = FloatVector.fromArray(S, b, bOff + ldb);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ais, ci = cOff + i * ldc;
            FloatVector s = FloatVector.broadcast(S, a[ai + aps]).fma(b1, FloatVector.broadcast(S, a[ai]).fma(b0, zero));
            if (t != null && accumulate) {
                s.intoArray(t, 0);
                for (int q = from; q < to; q++) c[ci + q] += t[q];
            } else if (accumulate) {
                s.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            } else {
                s.intoArray(c, ci);
            }
        }
    }

    private static void columnsK3x1(int m, float[] a, int aOff, int ais, int aps, float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, boolean accumulate, float[] t, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector b0 = FloatVector.fromArray(S, b, bOff), b1 = FloatVector.fromArray(S, b, bOff + ldb);
        FloatVector b2 = FloatVector.fromArray(S, b, bOff + 2 * ldb);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ais, ci = cOff + i * ldc;
            FloatVector s = FloatVector.broadcast(S, a[ai + 2 * aps]).fma(b2,
                    FloatVector.broadcast(S, a[ai + aps]).fma(b1, FloatVector.broadcast(S, a[ai]).fma(b0, zero)));
            if (t != null && accumulate) {
                s.intoArray(t, 0);
                for (int q = from; q < to; q++) c[ci + q] += t[q];
            } else if (accumulate) {
                s.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            } else {
                s.intoArray(c, ci);
            }
        }
    }

    private static void rows3x3(int k, float[] a, int a0, int ais, int aps, float[] b, int bOff, int ldb,
                                float[] c, int c0, int ldc, boolean accumulate) {
        int a1 = a0 + ais, a2 = a1 + ais;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s10 = s00, s11 = s00, s12 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb;
            FloatVector u = FloatVector.fromArray(S, b, bp);
            FloatVector v = FloatVector.fromArray(S, b, bp + V);
            FloatVector w = FloatVector.fromArray(S, b, bp + 2 * V);
            int o = p * aps;
            FloatVector x = FloatVector.broadcast(S, a[a0 + o]);
            s00 = x.fma(u, s00);
            s01 = x.fma(v, s01);
            s02 = x.fma(w, s02);
            x = FloatVector.broadcast(S, a[a1 + o]);
            s10 = x.fma(u, s10);
            s11 = x.fma(v, s11);
            s12 = x.fma(w, s12);
            x = FloatVector.broadcast(S, a[a2 + o]);
            s20 = x.fma(u, s20);
            s21 = x.fma(v, s21);
            s22 = x.fma(w, s22);
        }
        int c1 = c0 + ldc, c2 = c1 + ldc;
        if (accumulate) {
            s00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            s01.add(FloatVector.fromArray(S, c, c0 + V)).intoArray(c, c0 + V);
            s02.add(FloatVector.fromArray(S, c, c0 + 2 * V)).intoArray(c, c0 + 2 * V);
            s10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            s11.add(FloatVector.fromArray(S, c, c1 + V)).intoArray(c, c1 + V);
            s12.add(FloatVector.fromArray(S, c, c1 + 2 * V)).intoArray(c, c1 + 2 * V);
            s20.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
            s21.add(FloatVector.fromArray(S, c, c2 + V)).intoArray(c, c2 + V);
            s22.add(FloatVector.fromArray(S, c, c2 + 2 * V)).intoArray(c, c2 + 2 * V);
        } else {
            s00.intoArray(c, c0);
            s01.intoArray(c, c0 + V);
            s02.intoArray(c, c0 + 2 * V);
            s10.intoArray(c, c1);
            s11.intoArray(c, c1 + V);
            s12.intoArray(c, c1 + 2 * V);
            s20.intoArray(c, c2);
            s21.intoArray(c, c2 + V);
            s22.intoArray(c, c2 + 2 * V);
        }
    }

    private static void rows3x1(int k, float[] a, int a0, int ais, int aps, float[] b, int bOff, int ldb,
                                float[] c, int c0, int ldc, boolean accumulate) {
        int a1 = a0 + ais, a2 = a1 + ais;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0;
        for (int p = 0; p < k; p++) {
            FloatVector u = FloatVector.fromArray(S, b, bOff + p * ldb);
            int o = p * aps;
            s0 = FloatVector.broadcast(S, a[a0 + o]).fma(u, s0);
            s1 = FloatVector.broadcast(S, a[a1 + o]).fma(u, s1);
            s2 = FloatVector.broadcast(S, a[a2 + o]).fma(u, s2);
        }
        int c1 = c0 + ldc, c2 = c1 + ldc;
        if (accumulate) {
            s0.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            s1.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            s2.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
        } else {
            s0.intoArray(c, c0);
            s1.intoArray(c, c1);
            s2.intoArray(c, c2);
        }
    }

    private static void rows2x3(int k, float[] a, int a0, int ais, int aps, float[] b, int bOff, int ldb,
                                float[] c, int c0, int ldc, boolean accumulate) {
        int a1 = a0 + ais;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s10 = s00, s11 = s00, s12 = s00;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb;
            FloatVector u = FloatVector.fromArray(S, b, bp);
            FloatVector v = FloatVector.fromArray(S, b, bp + V);
            FloatVector w = FloatVector.fromArray(S, b, bp + 2 * V);
            int o = p * aps;
            FloatVector x = FloatVector.broadcast(S, a[a0 + o]);
            s00 = x.fma(u, s00);
            s01 = x.fma(v, s01);
            s02 = x.fma(w, s02);
            x = FloatVector.broadcast(S, a[a1 + o]);
            s10 = x.fma(u, s10);
            s11 = x.fma(v, s11);
            s12 = x.fma(w, s12);
        }
        int c1 = c0 + ldc;
        if (accumulate) {
            s00.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            s01.add(FloatVector.fromArray(S, c, c0 + V)).intoArray(c, c0 + V);
            s02.add(FloatVector.fromArray(S, c, c0 + 2 * V)).intoArray(c, c0 + 2 * V);
            s10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            s11.add(FloatVector.fromArray(S, c, c1 + V)).intoArray(c, c1 + V);
            s12.add(FloatVector.fromArray(S, c, c1 + 2 * V)).intoArray(c, c1 + 2 * V);
        } else {
            s00.intoArray(c, c0);
            s01.intoArray(c, c0 + V);
            s02.intoArray(c, c0 + 2 * V);
            s10.intoArray(c, c1);
            s11.intoArray(c, c1 + V);
            s12.intoArray(c, c1 + 2 * V);
        }
    }

    private static void rows2x1(int k, float[] a, int a0, int ais, int aps, float[] b, int bOff, int ldb,
                                float[] c, int c0, int ldc, boolean accumulate) {
        int a1 = a0 + ais;
        FloatVector s0 = FloatVector.zero(S), s1 = s0;
        for (int p = 0; p < k; p++) {
            FloatVector u = FloatVector.fromArray(S, b, bOff + p * ldb);
            int o = p * aps;
            s0 = FloatVector.broadcast(S, a[a0 + o]).fma(u, s0);
            s1 = FloatVector.broadcast(S, a[a1 + o]).fma(u, s1);
        }
        int c1 = c0 + ldc;
        if (accumulate) {
            s0.add(FloatVector.fromArray(S, c, c0)).intoArray(c, c0);
            s1.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
        } else {
            s0.intoArray(c, c0);
            s1.intoArray(c, c1);
        }
    }

    private static void row1x4(int k, float[] a, int ai, int aps, float[] b, int bOff, int ldb,
                               float[] c, int ci, boolean accumulate) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb;
            FloatVector x = FloatVector.broadcast(S, a[ai + p * aps]);
            s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, bp + V), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * V), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * V), s3);
        }
        if (accumulate) {
            s0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            s1.add(FloatVector.fromArray(S, c, ci + V)).intoArray(c, ci + V);
            s2.add(FloatVector.fromArray(S, c, ci + 2 * V)).intoArray(c, ci + 2 * V);
            s3.add(FloatVector.fromArray(S, c, ci + 3 * V)).intoArray(c, ci + 3 * V);
        } else {
            s0.intoArray(c, ci);
            s1.intoArray(c, ci + V);
            s2.intoArray(c, ci + 2 * V);
            s3.intoArray(c, ci + 3 * V);
        }
    }

    private static void row1x2(int k, float[] a, int ai, int aps, float[] b, int bOff, int ldb,
                               float[] c, int ci, boolean accumulate) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb;
            FloatVector x = FloatVector.broadcast(S, a[ai + p * aps]);
            s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, bp + V), s1);
        }
        if (accumulate) {
            s0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            s1.add(FloatVector.fromArray(S, c, ci + V)).intoArray(c, ci + V);
        } else {
            s0.intoArray(c, ci);
            s1.intoArray(c, ci + V);
        }
    }

    private static void row1x1(int k, float[] a, int ai, int aps, float[] b, int bOff, int ldb,
                               float[] c, int ci, boolean accumulate) {
        FloatVector s0 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            s0 = FloatVector.broadcast(S, a[ai + p * aps]).fma(FloatVector.fromArray(S, b, bOff + p * ldb), s0);
        }
        if (accumulate) {
            s0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        } else {
            s0.intoArray(c, ci);
        }
    }

    @Override
    public void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] bt, int btOff, int ldbt,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int kv = k - k % V;
        int i = 0;
        for (; i + 1 < m; i += 2) {
            int a0 = aOff + i * lda, a1 = a0 + lda;
            int c0 = cOff + i * ldc, c1 = c0 + ldc;
            int j = 0;
            for (; j + 2 < n; j += 3) {
                int b0 = btOff + j * ldbt, b1 = b0 + ldbt, b2 = b1 + ldbt;
                FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s10 = s00, s11 = s00, s12 = s00;
                for (int p = 0; p < kv; p += V) {
                    FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
                    FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
                    FloatVector u = FloatVector.fromArray(S, bt, b0 + p);
                    s00 = x0.fma(u, s00);
                    s10 = x1.fma(u, s10);
                    u = FloatVector.fromArray(S, bt, b1 + p);
                    s01 = x0.fma(u, s01);
                    s11 = x1.fma(u, s11);
                    u = FloatVector.fromArray(S, bt, b2 + p);
                    s02 = x0.fma(u, s02);
                    s12 = x1.fma(u, s12);
                }
                float r00 = sumLanes(s00), r01 = sumLanes(s01);
                float r02 = sumLanes(s02), r10 = sumLanes(s10);
                float r11 = sumLanes(s11), r12 = sumLanes(s12);
                for (int p = kv; p < k; p++) {
                    float x0 = a[a0 + p], x1 = a[a1 + p];
                    float u = bt[b0 + p], v = bt[b1 + p], w = bt[b2 + p];
                    r00 += x0 * u; r01 += x0 * v; r02 += x0 * w;
                    r10 += x1 * u; r11 += x1 * v; r12 += x1 * w;
                }
                if (accumulate) {
                    c[c0 + j] += r00; c[c0 + j + 1] += r01; c[c0 + j + 2] += r02;
                    c[c1 + j] += r10; c[c1 + j + 1] += r11; c[c1 + j + 2] += r12;
                } else {
                    c[c0 + j] = r00; c[c0 + j + 1] = r01; c[c0 + j + 2] = r02;
                    c[c1 + j] = r10; c[c1 + j + 1] = r11; c[c1 + j + 2] = r12;
                }
            }
            for (; j < n; j++) {
                int b0 = btOff + j * ldbt;
                FloatVector s0 = FloatVector.zero(S), s1 = s0;
                for (int p = 0; p < kv; p += V) {
                    FloatVector u = FloatVector.fromArray(S, bt, b0 + p);
                    s0 = FloatVector.fromArray(S, a, a0 + p).fma(u, s0);
                    s1 = FloatVector.fromArray(S, a, a1 + p).fma(u, s1);
                }
                float r0 = sumLanes(s0), r1 = sumLanes(s1);
                for (int p = kv; p < k; p++) {
                    r0 += a[a0 + p] * bt[b0 + p];
                    r1 += a[a1 + p] * bt[b0 + p];
                }
                c[c0 + j] = accumulate ? c[c0 + j] + r0 : r0;
                c[c1 + j] = accumulate ? c[c1 + j] + r1 : r1;
            }
        }
        if (i < m) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int b0 = btOff + j * ldbt;
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < kv; p += V) {
                    s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, bt, b0 + p), s0);
                }
                float r0 = sumLanes(s0);
                for (int p = kv; p < k; p++) r0 += a[ai + p] * bt[b0 + p];
                c[ci + j] = accumulate ? c[ci + j] + r0 : r0;
            }
        }
    }

    /** The 4-lane species of the narrow-rows form ({@link #narrowTimesB}) for C at most four columns wide. */
    private static final VectorSpecies<Float> Q = FloatVector.SPECIES_128;
    private static final int QV = Q.length();

    /** From this many columns of C on, {@link #narrowTimesB} beats the dot products (below, it defers to them). */
    static final int NARROW_ROWS_MIN = 4;

    /**
     * The narrow-rows form: {@code C[i,:] = Σ_p A(i,p)·B[p,:]} with B's rows padded with zeros to one vector
     * (four lanes for n ≤ 4, else eight; k·n copies), eight rows of C held in registers, one broadcast of
     * A(i,p) and one fused multiply-add per row and p, summed in p's order; the rows go to C whole where
     * their padding lanes land on entries written later, else through scratch. No lane sums, which
     * dominate {@link #dots} when k is short and n small.
     *
     * <p>Measured (JDK 17, AVX2, CPU time, shared and noisy machine, k = 50 unless said): 32×3 0.80 µs
     * against 0.86 µs for the dot products, 32×4 1.4 against 2.8, 32×7 1.4 against 2.4, 32×3 at k = 20
     * 0.68 against 1.0, 500×7 at k = 20 6.7 against 30. The broadcasts bound it (about one a cycle; with
     * A's entries constant the same loop takes half the time), so it stays near 0.6 µs at 32×3×50. Up to
     * three columns stay with the dot products: 32×1 0.49 against 1.29, 32×2 0.75 against 0.81, and 32×3
     * through {@link SmallFloatGemm#gemm} 0.85 µs for the dot products against 0.92 to 1.15 for this form
     * in alternating runs (the kernel alone measured 0.80 against 0.86: no gain that survives the noise).
     */
    @Override
    public void narrowTimesB(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        if (n < NARROW_ROWS_MIN) {
            SmallFloatKernel.super.narrowTimesB(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int w = n <= QV ? QV : V;
        Workspace ws = Workspace.get();
        // B's rows padded with zeros to w columns: k·n copies
        float[] bp = ws.floats(Workspace.SMALL, w * k);
        java.util.Arrays.fill(bp, 0, w * k, 0f);
        for (int j = 0; j < n; j++) {
            for (int p = 0, d = j, s = bOff + j; p < k; p++, d += w, s += ldb) bp[d] = b[s];
        }
        float[] t = ws.floats(Workspace.SMALL_TAIL, 8 * w);
        // A row's w lanes go straight into C when they are exactly C's row, or when C's rows are contiguous
        // and the lanes past the row end inside C's later rows, which are written after; otherwise into
        // scratch, and the first n are copied or added.
        boolean direct = !accumulate && (n == w || ldc == n);
        int end = m * n - w;
        int i = 0;
        for (; i + 7 < m; i += 8) {
            int ai = aOff + i * lda, ci = cOff + i * ldc;
            if (direct && (n == w || (i + 7) * n <= end)) {
                if (w == QV) narrowQ8(k, a, ai, lda, bp, c, ci, ldc);
                else narrowS8(k, a, ai, lda, bp, c, ci, ldc);
            } else {
                if (w == QV) narrowQ8(k, a, ai, lda, bp, t, 0, w);
                else narrowS8(k, a, ai, lda, bp, t, 0, w);
                putRows(t, w, 8, n, c, ci, ldc, accumulate);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * lda, ci = cOff + i * ldc;
            if (direct && (n == w || i * n <= end)) {
                if (w == QV) narrowQ1(k, a, ai, bp, c, ci);
                else narrowS1(k, a, ai, bp, c, ci);
            } else {
                if (w == QV) narrowQ1(k, a, ai, bp, t, 0);
                else narrowS1(k, a, ai, bp, t, 0);
                putRows(t, w, 1, n, c, ci, ldc, accumulate);
            }
        }
    }

    /** The first n of each of {@code rows} scratch rows of w into (or added to) C's rows. */
    private static void putRows(float[] t, int w, int rows, int n, float[] c, int ci, int ldc, boolean accumulate) {
        for (int r = 0; r < rows; r++, ci += ldc) {
            int tr = r * w;
            if (accumulate) {
                for (int j = 0; j < n; j++) c[ci + j] += t[tr + j];
            } else {
                for (int j = 0; j < n; j++) c[ci + j] = t[tr + j];
            }
        }
    }

    /** Eight rows of A times the padded B (k rows of four), stored at d[dOff + r·ldd], r = 0..7. */
    private static void narrowQ8(int k, float[] a, int a0, int lda, float[] bp, float[] d, int d0, int ldd) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        FloatVector s0 = FloatVector.zero(Q), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int p = 0; p < k; p++) {
            FloatVector u = FloatVector.fromArray(Q, bp, p * QV);
            s0 = FloatVector.broadcast(Q, a[a0 + p]).fma(u, s0);
            s1 = FloatVector.broadcast(Q, a[a1 + p]).fma(u, s1);
            s2 = FloatVector.broadcast(Q, a[a2 + p]).fma(u, s2);
            s3 = FloatVector.broadcast(Q, a[a3 + p]).fma(u, s3);
            s4 = FloatVector.broadcast(Q, a[a4 + p]).fma(u, s4);
            s5 = FloatVector.broadcast(Q, a[a5 + p]).fma(u, s5);
            s6 = FloatVector.broadcast(Q, a[a6 + p]).fma(u, s6);
            s7 = FloatVector.broadcast(Q, a[a7 + p]).fma(u, s7);
        }
        s0.intoArray(d, d0);
        s1.intoArray(d, d0 + ldd);
        s2.intoArray(d, d0 + 2 * ldd);
        s3.intoArray(d, d0 + 3 * ldd);
        s4.intoArray(d, d0 + 4 * ldd);
        s5.intoArray(d, d0 + 5 * ldd);
        s6.intoArray(d, d0 + 6 * ldd);
        s7.intoArray(d, d0 + 7 * ldd);
    }

    private static void narrowQ1(int k, float[] a, int a0, float[] bp, float[] d, int d0) {
        FloatVector s0 = FloatVector.zero(Q);
        for (int p = 0; p < k; p++) s0 = FloatVector.broadcast(Q, a[a0 + p]).fma(FloatVector.fromArray(Q, bp, p * QV), s0);
        s0.intoArray(d, d0);
    }

    /** As {@link #narrowQ8} with B padded to eight columns. */
    private static void narrowS8(int k, float[] a, int a0, int lda, float[] bp, float[] d, int d0, int ldd) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int p = 0; p < k; p++) {
            FloatVector u = FloatVector.fromArray(S, bp, p * V);
            s0 = FloatVector.broadcast(S, a[a0 + p]).fma(u, s0);
            s1 = FloatVector.broadcast(S, a[a1 + p]).fma(u, s1);
            s2 = FloatVector.broadcast(S, a[a2 + p]).fma(u, s2);
            s3 = FloatVector.broadcast(S, a[a3 + p]).fma(u, s3);
            s4 = FloatVector.broadcast(S, a[a4 + p]).fma(u, s4);
            s5 = FloatVector.broadcast(S, a[a5 + p]).fma(u, s5);
            s6 = FloatVector.broadcast(S, a[a6 + p]).fma(u, s6);
            s7 = FloatVector.broadcast(S, a[a7 + p]).fma(u, s7);
        }
        s0.intoArray(d, d0);
        s1.intoArray(d, d0 + ldd);
        s2.intoArray(d, d0 + 2 * ldd);
        s3.intoArray(d, d0 + 3 * ldd);
        s4.intoArray(d, d0 + 4 * ldd);
        s5.intoArray(d, d0 + 5 * ldd);
        s6.intoArray(d, d0 + 6 * ldd);
        s7.intoArray(d, d0 + 7 * ldd);
    }

    private static void narrowS1(int k, float[] a, int a0, float[] bp, float[] d, int d0) {
        FloatVector s0 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) s0 = FloatVector.broadcast(S, a[a0 + p]).fma(FloatVector.fromArray(S, bp, p * V), s0);
        s0.intoArray(d, d0);
    }

    static float sumLanes(FloatVector v) { return Lanes.sum(v, HALVES); }
}

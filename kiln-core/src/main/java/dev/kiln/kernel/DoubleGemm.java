package dev.kiln.kernel;

/**
 * Double GEMM algorithms behind {@link MatMul#dgemm}: the same code as {@code FloatGemm} (see its
 * comment for the loop nest) with doubles; keep the two in step.
 *
 */
final class DoubleGemm {
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 1024;

    private DoubleGemm() {}

    // ---------------------------------------------------------------- tiny shapes, no packing

    /**
     * Unpacked GEMM for shapes too small to repay packing or threads; allocates nothing.
     * {@code op(A)(i,p) = a[aOff + i*ais + p*aps]} with the strides derived from transA.
     */
    static void small(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double[] c, int cOff, int ldc, boolean accumulate) {
        int ais = transA ? 1 : lda;
        int aps = transA ? lda : 1;
        if (!transB && n >= 8) {
            rowsTimesB(m, n, k, a, aOff, ais, aps, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            int bps = transB ? 1 : ldb;
            int bjs = transB ? ldb : 1;
            dots(m, n, k, a, aOff, ais, aps, b, bOff, bps, bjs, c, cOff, ldc, accumulate);
        }
    }

    /** C row i += Σ_p A(i,p)·B row p: the inner loop runs along contiguous rows and vectorises. */
    private static void rowsTimesB(int m, int n, int k, double[] a, int aOff, int ais, int aps,
                                   double[] b, int bOff, int ldb, double[] c, int cOff, int ldc,
                                   boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            int ai = aOff + i * ais;
            if (!accumulate) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = 0d;
                }
            }
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double a0 = a[ai + p * aps], a1 = a[ai + (p + 1) * aps];
                double a2 = a[ai + (p + 2) * aps], a3 = a[ai + (p + 3) * aps];
                int b0 = bOff + p * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
                }
            }
            if (p + 1 < k) {
                double a0 = a[ai + p * aps], a1 = a[ai + (p + 1) * aps];
                int b0 = bOff + p * ldb, b1 = b0 + ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j];
                }
                p += 2;
            }
            if (p < k) {
                double a0 = a[ai + p * aps];
                int b0 = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += a0 * b[b0 + j];
                }
            }
        }
    }

    /**
     * C(i,j) = Σ_p A(i,p)·B(p,j) as dot products, on 4×2 blocks of C so that eight independent sums
     * hide the add latency (a single running sum would be latency-bound) and each loaded value
     * serves two or four products. Serves narrow C and B^T.
     */
    private static void dots(int m, int n, int k, double[] a, int aOff, int ais, int aps,
                             double[] b, int bOff, int bps, int bjs, double[] c, int cOff, int ldc,
                             boolean accumulate) {
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int a0 = aOff + i * ais, a1 = a0 + ais, a2 = a1 + ais, a3 = a2 + ais;
            int c0 = cOff + i * ldc;
            int j = 0;
            // 4 rows x 2 columns: eight independent sums, six loads per eight multiply-adds.
            for (; j + 1 < n; j += 2) {
                int bj = bOff + j * bjs;
                double s00 = 0d, s10 = 0d, s20 = 0d, s30 = 0d;
                double s01 = 0d, s11 = 0d, s21 = 0d, s31 = 0d;
                for (int p = 0; p < k; p++) {
                    int bp = bj + p * bps;
                    double u = b[bp], v = b[bp + bjs];
                    int o = p * aps;
                    double x0 = a[a0 + o], x1 = a[a1 + o], x2 = a[a2 + o], x3 = a[a3 + o];
                    s00 += x0 * u;
                    s10 += x1 * u;
                    s20 += x2 * u;
                    s30 += x3 * u;
                    s01 += x0 * v;
                    s11 += x1 * v;
                    s21 += x2 * v;
                    s31 += x3 * v;
                }
                int cj = c0 + j;
                if (accumulate) {
                    c[cj] += s00;
                    c[cj + 1] += s01;
                    c[cj + ldc] += s10;
                    c[cj + ldc + 1] += s11;
                    c[cj + 2 * ldc] += s20;
                    c[cj + 2 * ldc + 1] += s21;
                    c[cj + 3 * ldc] += s30;
                    c[cj + 3 * ldc + 1] += s31;
                } else {
                    c[cj] = s00;
                    c[cj + 1] = s01;
                    c[cj + ldc] = s10;
                    c[cj + ldc + 1] = s11;
                    c[cj + 2 * ldc] = s20;
                    c[cj + 2 * ldc + 1] = s21;
                    c[cj + 3 * ldc] = s30;
                    c[cj + 3 * ldc + 1] = s31;
                }
            }
            if (j < n) {
                int bj = bOff + j * bjs;
                double s0 = 0d, s1 = 0d, s2 = 0d, s3 = 0d;
                for (int p = 0; p < k; p++) {
                    double bv = b[bj + p * bps];
                    int o = p * aps;
                    s0 += a[a0 + o] * bv;
                    s1 += a[a1 + o] * bv;
                    s2 += a[a2 + o] * bv;
                    s3 += a[a3 + o] * bv;
                }
                int cj = c0 + j;
                if (accumulate) {
                    c[cj] += s0;
                    c[cj + ldc] += s1;
                    c[cj + 2 * ldc] += s2;
                    c[cj + 3 * ldc] += s3;
                } else {
                    c[cj] = s0;
                    c[cj + ldc] = s1;
                    c[cj + 2 * ldc] = s2;
                    c[cj + 3 * ldc] = s3;
                }
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * ais;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * bjs;
                double s = 0d;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p * aps] * b[bj + p * bps];
                }
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }

    // ---------------------------------------------------------------- packed, blocked, threaded

    /**
     * Blocked GEMM with the given micro-kernel: the serial algorithm when {@code threads <= 1}, else
     * {@link #threaded}.
     */
    static void blocked(DoubleKernel kern, int threads, boolean transA, boolean transB, int m, int n, int k,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                        double[] c, int cOff, int ldc, boolean accumulate) {
        if (threads <= 1) {
            serial(kern, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            threaded(kern, threads, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * The blocked algorithm on several threads through {@link GemmSchedule}: B is packed once per
     * stage into a buffer all threads share (the calling thread's workspace), each thread packs the A
     * blocks of the tasks it takes into its own buffer, and the tasks are taken dynamically.
     */
    static void threaded(DoubleKernel kern, int threads, boolean transA, boolean transB, int m, int n, int k,
                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                         double[] c, int cOff, int ldc, boolean accumulate) {
        int mr = kern.mr();
        int nr = kern.nr();
        int mcMax = Math.max(mr, MC / mr * mr);
        int ncMax = Math.max(nr, NC / nr * nr);
        GemmSchedule schedule = new GemmSchedule(threads, m, n, k, mr, nr, mcMax, ncMax, KC);
        int kcMax = schedule.kcMax();
        int bSize = roundUp(Math.min(n, ncMax), nr) * kcMax;
        int aSize = schedule.rowsPerBlock() * kcMax;
        Workspace ws = Workspace.get();
        double[] b0 = ws.doubles(Workspace.PACK_B, bSize);
        double[] b1 = schedule.stages() > 1 ? ws.doubles(Workspace.PACK_B2, bSize) : b0;
        schedule.run(threads, () -> new GemmSchedule.Runner() {
            private final Workspace own = Workspace.get();
            private final double[] ap = own.doubles(Workspace.PACK_A, aSize);
            private final double[] edge = own.doubles(Workspace.EDGE, mr * nr);
            private int lastJc = -1;
            private int lastPc = -1;
            private int lastIc = -1;

            @Override
            public void packB(int buffer, int jc, int pc, int kc, int jr0, int jr1) {
                double[] bp = buffer == 0 ? b0 : b1;
                DoubleGemm.packB(transB, b, bOff, ldb, pc, jc + jr0, kc, jr1 - jr0, nr, bp, jr0 * kc);
            }

            @Override
            public void compute(int buffer, int jc, int pc, int kc, int ic, int mc, int jr0, int jr1) {
                if (jc != lastJc || pc != lastPc || ic != lastIc) {
                    // Consecutive column chunks of one row block reuse the packed A.
                    packA(transA, a, aOff, lda, ic, pc, mc, kc, mr, ap);
                    lastJc = jc;
                    lastPc = pc;
                    lastIc = ic;
                }
                macro(kern, buffer == 0 ? b0 : b1, ap, edge, kc, mc, jr0, jr1, c,
                        cOff + ic * ldc + jc, ldc, !accumulate && pc == 0);
            }
        });
    }

    /** The micro-tiles of one packed A block (mc rows) times packed B columns {@code [jr0, jr1)}. */
    private static void macro(DoubleKernel kern, double[] bp, double[] ap, double[] edge, int kc, int mc,
                              int jr0, int jr1, double[] c, int cBase, int ldc, boolean overwrite) {
        int mr = kern.mr();
        int nr = kern.nr();
        for (int jr = jr0; jr < jr1; jr += nr) {
            int cols = Math.min(nr, jr1 - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int ao = ir * kc;
                int co = cBase + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    kern.tile(kc, ap, ao, bp, bo, c, co, ldc, overwrite);
                } else {
                    kern.tile(kc, ap, ao, bp, bo, edge, 0, nr, true);
                    mergeEdge(edge, nr, rows, cols, c, co, ldc, overwrite);
                }
            }
        }
    }

    static void serial(DoubleKernel kern, boolean transA, boolean transB, int m, int n, int k,
                       double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double[] c, int cOff, int ldc, boolean accumulate) {
        int mr = kern.mr();
        int nr = kern.nr();
        int mcMax = Math.max(mr, MC / mr * mr);
        int ncMax = Math.max(nr, NC / nr * nr);
        int kcMax = Math.min(k, KC);
        Workspace ws = Workspace.get();
        double[] ap = ws.doubles(Workspace.PACK_A, roundUp(Math.min(m, mcMax), mr) * kcMax);
        double[] bp = ws.doubles(Workspace.PACK_B, roundUp(Math.min(n, ncMax), nr) * kcMax);
        double[] edge = ws.doubles(Workspace.EDGE, mr * nr);
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, jc, kc, nc, nr, bp, 0);
                boolean overwrite = !accumulate && pc == 0;
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    packA(transA, a, aOff, lda, ic, pc, mc, kc, mr, ap);
                    macro(kern, bp, ap, edge, kc, mc, 0, nc, c, cOff + ic * ldc + jc, ldc, overwrite);
                }
            }
        }
    }

    private static void mergeEdge(double[] edge, int nr, int rows, int cols, double[] c, int co, int ldc,
                                  boolean overwrite) {
        for (int i = 0; i < rows; i++) {
            int e = i * nr;
            int ci = co + i * ldc;
            if (overwrite) {
                System.arraycopy(edge, e, c, ci, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += edge[e + j];
                }
            }
        }
    }

    /** Packs op(A)[ic:ic+mc, pc:pc+kc] into mr-row panels, {@code ap[panel*mr*kc + p*mr + i]}, zero-padded. */
    private static void packA(boolean transA, double[] a, int aOff, int lda, int ic, int pc, int mc, int kc,
                              int mr, double[] ap) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int dst = ir * kc;
            if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int d = dst + p * mr;
                    for (int i = 0; i < rows; i++) {
                        ap[d + i] = a[src + i];
                    }
                    for (int i = rows; i < mr; i++) {
                        ap[d + i] = 0d;
                    }
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    int src = aOff + (ic + ir + i) * lda + pc;
                    int d = dst + i;
                    for (int p = 0; p < kc; p++, d += mr) {
                        ap[d] = a[src + p];
                    }
                }
                for (int i = rows; i < mr; i++) {
                    int d = dst + i;
                    for (int p = 0; p < kc; p++, d += mr) {
                        ap[d] = 0d;
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into nr-column panels from {@code bpOff} on,
     * {@code bp[bpOff + panel*nr*kc + p*nr + j]}, zero-padded.
     */
    private static void packB(boolean transB, double[] b, int bOff, int ldb, int pc, int jc, int kc, int nc,
                              int nr, double[] bp, int bpOff) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int dst = bpOff + jr * kc;
            if (transB) {
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    int d = dst + j;
                    for (int p = 0; p < kc; p++, d += nr) {
                        bp[d] = b[src + p];
                    }
                }
                for (int j = cols; j < nr; j++) {
                    int d = dst + j;
                    for (int p = 0; p < kc; p++, d += nr) {
                        bp[d] = 0d;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * nr;
                    System.arraycopy(b, bOff + (pc + p) * ldb + jc + jr, bp, d, cols);
                    for (int j = cols; j < nr; j++) {
                        bp[d + j] = 0d;
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}

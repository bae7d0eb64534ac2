package dev.kiln.kernel;

/**
 * Float GEMM for the tiny products of a training step on small dense layers (batch × features with
 * both below a few hundred, e.g. 32×2·2×50 and 32×50·50×3 and their transposed backward forms), on
 * the arrays as they are: no packing, no threads, no allocation.
 *
 * <p>Every product is brought to one of two loop forms ({@link SmallFloatKernel}), run on the Vector
 * API when the module is present and in plain Java otherwise:
 * <ul>
 * <li><b>rows times B</b>, {@code C[i,:] = Σ_p A(i,p)·B[p,:]}, for C at least {@link #WIDE} columns
 * wide: along contiguous rows of B and C. A transposed B is first copied to a k×n scratch (k·n
 * copies against m·n·k multiply-adds).</li>
 * <li><b>narrow C</b> (fewer than {@link #WIDE} columns): with A transposed its columns are contiguous,
 * so {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} is computed in the rows-times-B form into scratch and copied in;
 * otherwise C is a grid of dot products of A's rows with op(B)'s columns (B copied transposed to
 * scratch first, n·k copies, so that both run contiguously), or, on the Vector API from four columns
 * on, rows of A times B padded to one vector ({@link SmallFloatKernel#narrowTimesB}).</li>
 * </ul>
 */
final class SmallFloatGemm {
    /** The rows-times-B form wants at least this many columns of C. */
    static final int WIDE = 8;
    /** Below this many elements a rearranged operand goes to scratch. */
    static final int SCRATCH = 4096;

    /** The plain-Java loop forms, always available ({@link PlainSmallFloatKernel}). */
    static final SmallFloatKernel PLAIN = PlainSmallFloatKernel.INSTANCE;

    private static final SmallFloatKernel VECTOR = (SmallFloatKernel) MatMul.loadVectorKernel("dev.kiln.kernel.VectorSmallGemm");

    private SmallFloatGemm() {}

    /** The Vector API loops when the module is loaded and vector kernels are selected, else the plain ones. */
    static SmallFloatKernel kernel() {
        return VECTOR != null && MatMul.usingVector() ? VECTOR : PLAIN;
    }

    /** Whether {@link #gemm} takes this shape (arguments already checked by {@link MatMul}, k &gt; 0). */
    static boolean handles(boolean transA, boolean transB, int m, int n, int k) {
        if (n >= WIDE) return !transB || (long) k * n <= SCRATCH;
        if (transA) return m < WIDE || (long) n * m <= SCRATCH;
        return transB || (long) n * k <= SCRATCH;
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        SmallFloatKernel kern = kernel();
        int ais = transA ? 1 : lda;
        int aps = transA ? lda : 1;
        if (n >= WIDE) {
            if (transB) {
                kern.rowsTimesBt(m, n, k, a, aOff, ais, aps, b, bOff, ldb, c, cOff, ldc, accumulate);
            } else {
                kern.rowsTimesB(m, n, k, a, aOff, ais, aps, b, bOff, ldb, c, cOff, ldc, accumulate);
            }
        } else if (transA && m >= WIDE) {
            // Cᵀ (n×m) = op(B)ᵀ · op(A)ᵀ; op(A)ᵀ is a as stored (k×m, rows contiguous).
            float[] ct = Workspace.get().floats(Workspace.SMALL, n * m);
            int bjs = transB ? ldb : 1;
            int bps = transB ? 1 : ldb;
            kern.rowsTimesB(n, m, k, b, bOff, bjs, bps, a, aOff, lda, ct, 0, m, false);
            // Cᵀ's rows into C's columns, the long axis inside: a loop over C's few columns per row ran
            // through C2's pre- and post-loops on every row (the same copies or additions either way)
            for (int j = 0; j < n; j++) {
                int tj = j * m;
                if (accumulate) {
                    for (int i = 0, ci = cOff + j; i < m; i++, ci += ldc) c[ci] += ct[tj + i];
                } else {
                    for (int i = 0, ci = cOff + j; i < m; i++, ci += ldc) c[ci] = ct[tj + i];
                }
            }
        } else if (!transA) {
            // dot products of A's rows with op(B)'s columns, which are rows of b when B is transposed
            if (transB) {
                kern.dots(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            } else {
                kern.narrowTimesB(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            }
        } else {
            int bps = transB ? 1 : ldb;
            int bjs = transB ? ldb : 1;
            narrow(m, n, k, a, aOff, ais, aps, b, bOff, bps, bjs, c, cOff, ldc, accumulate);
        }
    }

    private static final float[] ONE = {1f};

    /**
     * {@code out[outOff + j] = Σ_r x[xOff + r·cols + j]} summed in row order (the sequence of float
     * additions of a plain loop, so the same values), on the vector loops or the plain scratch-row ones
     * ({@link PlainSmallFloatKernel#columnSums}); returns false, doing nothing, when the block is too
     * narrow or too large for either, and the caller's loop in place is as fast.
     */
    static boolean columnSums(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        SmallFloatKernel kern = kernel();
        if (kern == PLAIN) {
            if (cols < PlainSmallFloatKernel.COLUMN_SUMS_MIN) return false;
            PlainSmallFloatKernel.columnSums(x, xOff, rows, cols, out, outOff);
            return true;
        }
        if (cols < WIDE || (long) rows * cols > COLUMN_SUMS_MAX) return false;
        // 1·x + s is x + s exactly: the fused multiply-add rounds once, as the addition does
        kern.rowsTimesB(1, cols, rows, ONE, 0, 0, 0, x, xOff, cols, out, outOff, cols, false);
        return true;
    }

    /** Above this many elements a column sum streams the rows once instead (each column block rereads them). */
    private static final long COLUMN_SUMS_MAX = 1 << 16;

    /** Columns [j0, j1) of C for every row, one dot product each (the leftover columns of a vector loop). */
    static void scalarColumns(int m, int j0, int j1, int k, float[] a, int aOff, int ais, int aps,
                              float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ais;
            int ci = cOff + i * ldc;
            for (int j = j0; j < j1; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ai + p * aps] * b[bOff + p * ldb + j];
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }

    /** dst (k×n, row-major) = the n×k matrix at b (row stride ldb), transposed. */
    static void transposeInto(float[] b, int bOff, int ldb, int n, int k, float[] dst) {
        // the longer loop inside: a 50×3 block is three passes of fifty, not fifty passes of three
        if (k >= n) {
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                for (int p = 0; p < k; p++) dst[p * n + j] = b[bj + p];
            }
        } else {
            for (int p = 0; p < k; p++) {
                int dp = p * n;
                for (int j = 0; j < n; j++) dst[dp + j] = b[bOff + j * ldb + p];
            }
        }
    }

    /**
     * C(i,j) = Σ_p A(i,p)·B(p,j) as dot products, for C narrower than {@link #WIDE}: blocks of four rows
     * by three columns (twelve independent sums; seven loads per twelve multiply-adds), then the
     * leftover columns two or one at a time and the leftover rows one at a time.
     */
    static void narrow(int m, int n, int k, float[] a, int aOff, int ais, int aps,
                       float[] b, int bOff, int bps, int bjs, float[] c, int cOff, int ldc,
                       boolean accumulate) {
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int a0 = aOff + i * ais, a1 = a0 + ais, a2 = a1 + ais, a3 = a2 + ais;
            int c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
            int j = 0;
            for (; j + 2 < n; j += 3) {
                int bj = bOff + j * bjs;
                float s00 = 0f, s01 = 0f, s02 = 0f, s10 = 0f, s11 = 0f, s12 = 0f;
                float s20 = 0f, s21 = 0f, s22 = 0f, s30 = 0f, s31 = 0f, s32 = 0f;
                for (int p = 0; p < k; p++) {
                    int bp = bj + p * bps;
                    float u = b[bp], v = b[bp + bjs], w = b[bp + 2 * bjs];
                    int o = p * aps;
                    float x0 = a[a0 + o], x1 = a[a1 + o], x2 = a[a2 + o], x3 = a[a3 + o];
                    s00 += x0 * u; s01 += x0 * v; s02 += x0 * w;
                    s10 += x1 * u; s11 += x1 * v; s12 += x1 * w;
                    s20 += x2 * u; s21 += x2 * v; s22 += x2 * w;
                    s30 += x3 * u; s31 += x3 * v; s32 += x3 * w;
                }
                if (accumulate) {
                    c[c0 + j] += s00; c[c0 + j + 1] += s01; c[c0 + j + 2] += s02;
                    c[c1 + j] += s10; c[c1 + j + 1] += s11; c[c1 + j + 2] += s12;
                    c[c2 + j] += s20; c[c2 + j + 1] += s21; c[c2 + j + 2] += s22;
                    c[c3 + j] += s30; c[c3 + j + 1] += s31; c[c3 + j + 2] += s32;
                } else {
                    c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02;
                    c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12;
                    c[c2 + j] = s20; c[c2 + j + 1] = s21; c[c2 + j + 2] = s22;
                    c[c3 + j] = s30; c[c3 + j + 1] = s31; c[c3 + j + 2] = s32;
                }
            }
            for (; j < n; j++) {
                int bj = bOff + j * bjs;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                for (int p = 0; p < k; p++) {
                    float u = b[bj + p * bps];
                    int o = p * aps;
                    s0 += a[a0 + o] * u;
                    s1 += a[a1 + o] * u;
                    s2 += a[a2 + o] * u;
                    s3 += a[a3 + o] * u;
                }
                if (accumulate) {
                    c[c0 + j] += s0; c[c1 + j] += s1; c[c2 + j] += s2; c[c3 + j] += s3;
                } else {
                    c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
                }
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * ais;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * bjs;
                float s = 0f;
                for (int p = 0; p < k; p++) s += a[ai + p * aps] * b[bj + p * bps];
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }
}

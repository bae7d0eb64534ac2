package dev.kiln.kernel;

/**
 * The plain-Java loop forms of the tiny-product path ({@link SmallFloatGemm}), written so that C2
 * vectorises them on every JDK from 17 on.
 *
 * <p>JDK 17's C2 vectorises a loop only when all of its arrays are indexed by the same expression; a
 * row of C at {@code c[ci + j]} beside a row of B at {@code b[bp + j]} stays scalar. So B's rows are
 * first copied into arrays of their own ({@link Workspace#rows}, k·n copies against m·n·k
 * multiply-adds) and each row of C is accumulated in a scratch row: every access in the inner loop is
 * then {@code x[j]}. Each pass adds up to four rows of B, {@code acc += a0·r0 + a1·r1 + a2·r2 + a3·r3};
 * one loop form for every k keeps the compiled code the same from shape to shape (no recompilation when
 * a new layer size takes a branch the profile had not seen).
 *
 * <p>Dot products (C narrower than {@link SmallFloatGemm#WIDE} columns, A's rows contiguous) are
 * computed as Cᵀ = Bᵀ·Aᵀ in the rows form when C has at least three columns: the copy of Aᵀ (m·k) is
 * then at most a third of the multiply-adds, and the long axis, m, lies along the vectors.
 */
final class PlainSmallFloatKernel implements SmallFloatKernel {
    static final PlainSmallFloatKernel INSTANCE = new PlainSmallFloatKernel();

    private PlainSmallFloatKernel() {}

    @Override
    public void rowsTimesB(int m, int n, int k, float[] a, int aOff, int ais, int aps,
                           float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        Workspace w = Workspace.get();
        float[][] rows = w.rows(k, n);
        for (int p = 0; p < k; p++) System.arraycopy(b, bOff + p * ldb, rows[p], 0, n);
        product(m, n, k, a, aOff, ais, aps, rows, c, cOff, ldc, 1, accumulate, w.floats(Workspace.SMALL_TAIL, n));
    }

    /** B gathered straight into the rows, without the scratch copy of the default. */
    @Override
    public void rowsTimesBt(int m, int n, int k, float[] a, int aOff, int ais, int aps,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        Workspace w = Workspace.get();
        float[][] rows = w.rows(k, n);
        for (int p = 0; p < k; p++) {
            float[] row = rows[p];
            for (int j = 0, bj = bOff + p; j < n; j++, bj += ldb) row[j] = b[bj];
        }
        product(m, n, k, a, aOff, ais, aps, rows, c, cOff, ldc, 1, accumulate, w.floats(Workspace.SMALL_TAIL, n));
    }

    @Override
    public void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] bt, int btOff, int ldbt,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        if (n < 3) {
            // one or two columns: no rearranging pays off, one scalar sum per entry
            SmallFloatGemm.narrow(m, n, k, a, aOff, lda, 1, bt, btOff, 1, ldbt, c, cOff, ldc, accumulate);
            return;
        }
        // Cᵀ (n×m) in the rows form: Cᵀ[j,:] = Σ_p bt(j,p)·Aᵀ[p,:], Aᵀ's rows gathered from A's columns
        Workspace w = Workspace.get();
        float[][] rows = w.rows(k, m);
        for (int p = 0; p < k; p++) {
            float[] row = rows[p];
            for (int i = 0, ai = aOff + p; i < m; i++, ai += lda) row[i] = a[ai];
        }
        // C's column j is row j of the product: written with stride ldc
        product(n, m, k, bt, btOff, ldbt, 1, rows, c, cOff, 1, ldc, accumulate, w.floats(Workspace.SMALL_TAIL, m));
    }

    /**
     * C[i,:] (+)= Σ_p A(i,p)·rows[p] with A(i,p) = a[aOff + i·ais + p·aps]; element j of C's row i is
     * at {@code c[cOff + i·cis + j·cjs]}.
     */
    private static void product(int m, int n, int k, float[] a, int aOff, int ais, int aps, float[][] rows,
                                float[] c, int cOff, int cis, int cjs, boolean accumulate, float[] acc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ais;
            int ci = cOff + i * cis;
            // C's row, or zeros (0 + x is x exactly, so the first pass needs no form of its own)
            if (accumulate) load(c, ci, cjs, acc, n);
            else java.util.Arrays.fill(acc, 0, n, 0f);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                int o = ai + p * aps;
                float a0 = a[o], a1 = a[o + aps], a2 = a[o + 2 * aps], a3 = a[o + 3 * aps];
                float[] r0 = rows[p], r1 = rows[p + 1], r2 = rows[p + 2], r3 = rows[p + 3];
                for (int j = 0; j < n; j++) acc[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
            }
            if (p + 1 < k) {
                float a0 = a[ai + p * aps], a1 = a[ai + (p + 1) * aps];
                float[] r0 = rows[p], r1 = rows[p + 1];
                for (int j = 0; j < n; j++) acc[j] += a0 * r0[j] + a1 * r1[j];
                p += 2;
            }
            if (p < k) {
                float a0 = a[ai + p * aps];
                float[] r0 = rows[p];
                for (int j = 0; j < n; j++) acc[j] += a0 * r0[j];
            }
            store(acc, c, ci, cjs, n);
        }
    }

    /** From this many columns on, {@link #columnSums} beats the loop over the output row in place (JDK 17, AVX2). */
    static final int COLUMN_SUMS_MIN = 32;

    /**
     * {@code out[outOff + j] = Σ_r x[xOff + r·cols + j]}, the rows added in order (the same float additions
     * as the loop in place, so the same values), in plain Java that C2 vectorises: JDK 17's C2 vectorises a
     * loop only when its arrays share one index expression, so each row is first copied into a scratch row
     * and added to a scratch sum. Twice as fast at 32×50, the bias gradient of the study's hidden layer.
     */
    static void columnSums(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        float[][] scratch = Workspace.get().rows(2, cols);
        float[] acc = scratch[0], row = scratch[1];
        System.arraycopy(x, xOff, acc, 0, cols);
        for (int k = 1; k < rows; k++) {
            System.arraycopy(x, xOff + k * cols, row, 0, cols);
            for (int j = 0; j < cols; j++) acc[j] += row[j];
        }
        System.arraycopy(acc, 0, out, outOff, cols);
    }

    private static void load(float[] c, int ci, int cjs, float[] acc, int n) {
        if (cjs == 1) {
            System.arraycopy(c, ci, acc, 0, n);
        } else {
            for (int j = 0; j < n; j++) acc[j] = c[ci + j * cjs];
        }
    }

    private static void store(float[] acc, float[] c, int ci, int cjs, int n) {
        if (cjs == 1) {
            System.arraycopy(acc, 0, c, ci, n);
        } else {
            for (int j = 0; j < n; j++) c[ci + j * cjs] = acc[j];
        }
    }
}

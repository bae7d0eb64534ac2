package dev.kiln.kernel;

/**
 * The loop forms of the tiny-product path ({@link SmallFloatGemm}); the plain-Java forms are in
 * {@link PlainSmallFloatKernel}, the Vector API ones are loaded by {@link MatMul} when the module is present.
 * Arguments are already checked; implementations allocate nothing and are shared by all threads.
 */
interface SmallFloatKernel {
    /** C[i,:] (+)= Σ_p A(i,p)·B[p,:] with A(i,p) = a[aOff + i·ais + p·aps] and B's rows contiguous. */
    void rowsTimesB(int m, int n, int k, float[] a, int aOff, int ais, int aps,
                    float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * As {@link #rowsTimesB} with B given transposed, B[p,j] = b[bOff + j·ldb + p]: by default B is copied
     * to a k×n scratch first (k·n copies against m·n·k multiply-adds).
     */
    default void rowsTimesBt(int m, int n, int k, float[] a, int aOff, int ais, int aps,
                             float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        float[] bt = Workspace.get().floats(Workspace.SMALL, k * n);
        SmallFloatGemm.transposeInto(b, bOff, ldb, n, k, bt);
        rowsTimesB(m, n, k, a, aOff, ais, aps, bt, 0, n, c, cOff, ldc, accumulate);
    }

    /** C(i,j) (+)= Σ_p a[aOff + i·lda + p]·bt[btOff + j·ldbt + p]: dot products of contiguous rows. */
    void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] bt, int btOff, int ldbt,
              float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * C[i,0..n) (+)= Σ_p a[aOff + i·lda + p]·B[p,0..n) for C narrower than {@link SmallFloatGemm#WIDE}, with
     * A's and B's rows contiguous. By default B is copied transposed to scratch (n·k copies) and C is
     * computed as {@link #dots}.
     */
    default void narrowTimesB(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        float[] bt = Workspace.get().floats(Workspace.SMALL, n * k);
        SmallFloatGemm.transposeInto(b, bOff, ldb, k, n, bt);
        dots(m, n, k, a, aOff, lda, bt, 0, k, c, cOff, ldc, accumulate);
    }
}

package dev.kiln.kernel;

/**
 * The two loop forms of the tiny-product path ({@link SmallFloatGemm}); the plain-Java forms are in
 * {@link SmallFloatGemm}, the Vector API ones are loaded by {@link MatMul} when the module is present.
 * Arguments are already checked; implementations allocate nothing and are shared by all threads.
 */
interface SmallFloatKernel {
    /** C[i,:] (+)= Σ_p A(i,p)·B[p,:] with A(i,p) = a[aOff + i·ais + p·aps] and B's rows contiguous. */
    void rowsTimesB(int m, int n, int k, float[] a, int aOff, int ais, int aps,
                    float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate);

    /** C(i,j) (+)= Σ_p a[aOff + i·lda + p]·bt[btOff + j·ldbt + p]: dot products of contiguous rows. */
    void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] bt, int btOff, int ldbt,
              float[] c, int cOff, int ldc, boolean accumulate);
}

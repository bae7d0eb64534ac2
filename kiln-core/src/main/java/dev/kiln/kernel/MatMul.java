package dev.kiln.kernel;

/**
 * General matrix multiply on row-major primitive arrays: {@code C = op(A) · op(B)} or
 * {@code C += op(A) · op(B)}.
 *
 * <p>{@code op(X)} is {@code X} or its transpose. {@code A} is stored so that {@code op(A)} is m×k,
 * {@code B} so that {@code op(B)} is k×n, and {@code C} is m×n. {@code lda}, {@code ldb}, {@code ldc}
 * are the row strides of the arrays as stored (for a non-transposed A that is at least k, for a
 * transposed A at least m).
 */
public final class MatMul {
    private MatMul() {}

    /** Single-precision GEMM; see the class comment for the argument conventions. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                for (int j = 0; j < n; j++) c[ci + j] = 0f;
            }
            for (int p = 0; p < k; p++) {
                float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) c[ci + j] += av * b[bOff + j * ldb + p];
                } else {
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
                }
            }
        }
    }

    /** Double-precision GEMM; see the class comment for the argument conventions. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                for (int j = 0; j < n; j++) c[ci + j] = 0d;
            }
            for (int p = 0; p < k; p++) {
                double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) c[ci + j] += av * b[bOff + j * ldb + p];
                } else {
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
                }
            }
        }
    }
}

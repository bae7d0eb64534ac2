package dev.kiln.kernel;

/**
 * A register-tiled micro-kernel for double GEMM on packed panels: one {@code mr() × nr()} tile of C.
 *
 * <p>The packed A panel holds {@code kc} columns of {@code mr} values ({@code a[ao + p*mr + i]}), the
 * packed B panel {@code kc} rows of {@code nr} values ({@code b[bo + p*nr + j]}); the tile is
 * {@code c[co + i*ldc + j]}. With {@code overwrite} the tile is set to the product, otherwise the
 * product is added to it. Implementations are stateless and shared by all threads.
 */
interface DoubleKernel {
    int mr();

    int nr();

    void tile(int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc, boolean overwrite);

    /**
     * The whole product for tiny shapes, on the arrays as they are (no packing, no allocation, no
     * threads); same contract as {@link MatMul#dgemm}, arguments already checked, k &gt; 0.
     */
    void small(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
               double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate);
}

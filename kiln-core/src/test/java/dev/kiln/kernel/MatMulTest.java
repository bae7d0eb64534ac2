package dev.kiln.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every GEMM path against a naive triple loop in double.
 *
 * <p>Tolerance: for a sum of k products evaluated in any order, with or without fused multiply-add,
 * the rounding error is at most γ_k·Σ_p|a_ip·b_pj| with γ_k = k·u/(1 − k·u) and u the unit roundoff
 * (Higham, Accuracy and Stability of Numerical Algorithms, §3.1); accumulating into C adds one more
 * rounded addition, so the bound becomes γ_{k+1}·(|c_ij| + Σ_p|a_ip·b_pj|). For dgemm the double
 * reference carries the same bound, so the test allows the sum of both bounds (for sgemm the double
 * reference adds only γ_{k+1} with u = 2^-53). A lost, doubled or misplaced term
 * moves an entry by about one |a·b| ≈ Σ/k, far above k·u·Σ for every k used here.
 */
class MatMulTest {
    /** (m, n, k): odd sizes, the study's MLP shapes, and sizes crossing every block edge (MC, KC, NC). */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {1, 17, 3}, {3, 1, 5}, {5, 9, 1}, {17, 17, 17}, {63, 65, 17}, {65, 63, 129},
            {32, 50, 2}, {32, 3, 50}, {50, 3, 32}, {32, 50, 3}, {2, 50, 32}, {32, 25, 20}, {20, 25, 32},
            {32, 1, 25}, {129, 130, 131}, {9, 2100, 20}, {257, 33, 513}, {513, 520, 70}, {4, 8, 0},
            {250, 37, 800}, {13, 2070, 600}, {130, 200, 259},
    };

    /** Ways to reach the kernels: through the public dispatch, or straight to one algorithm. */
    enum Path { PUBLIC, SMALL, SMALL_SHAPES, BLOCKED_ONE_THREAD, BLOCKED_THREADED }

    @AfterEach
    void restoreKernelChoice() {
        MatMul.useVector(true);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int[] s : SHAPES) {
            for (Path path : Path.values()) {
                for (boolean vector : new boolean[] {false, true}) {
                    out.add(Arguments.of(s[0], s[1], s[2], path, vector));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} {3} vector={4}")
    @MethodSource("cases")
    void sgemmMatchesNaiveProduct(int m, int n, int k, Path path, boolean vector) {
        selectKernel(vector);
        forEachLayout(m, n, k, (layout, rnd) -> checkFloat(layout, path, rnd));
    }

    @ParameterizedTest(name = "{0}x{1}x{2} {3} vector={4}")
    @MethodSource("cases")
    void dgemmMatchesNaiveProduct(int m, int n, int k, Path path, boolean vector) {
        selectKernel(vector);
        forEachLayout(m, n, k, (layout, rnd) -> checkDouble(layout, path, rnd));
    }

    /** Both register tilings of the Vector API float kernel, whichever this JDK uses by default. */
    @ParameterizedTest(name = "{0}x{1}x{2} tile={3} threads={4}")
    @MethodSource("tileCases")
    void everyVectorTileMatchesNaiveProduct(int m, int n, int k, String tile, int threads) throws ReflectiveOperationException {
        assumeTrue(MatMul.vectorAvailable(), "Vector API module absent (-Pno-vector): the default test run covers it");
        FloatKernel kernel = (FloatKernel) Class.forName("dev.kiln.kernel.VectorFloatKernel").getDeclaredField(tile).get(null);
        forEachLayout(m, n, k, (l, rnd) -> {
            double[] a = random(rnd, l.aLen()), b = random(rnd, l.bLen()), c0 = random(rnd, l.cLen());
            float[] fc = toFloat(c0);
            FloatGemm.blocked(kernel, threads, l.transA(), l.transB(), l.m(), l.n(), l.k(), toFloat(a), l.aOff(), l.lda(),
                    toFloat(b), l.bOff(), l.ldb(), fc, l.cOff(), l.ldc(), l.accumulate());
            double[] got = new double[fc.length];
            for (int i = 0; i < got.length; i++) {
                got[i] = fc[i];
            }
            compare(l, a, b, c0, got, 0x1p-24);
        });
    }

    /** Both register tilings of the Vector API double kernel. */
    @ParameterizedTest(name = "{0}x{1}x{2} tile={3} threads={4}")
    @MethodSource("tileCases")
    void everyVectorDoubleTileMatchesNaiveProduct(int m, int n, int k, String tile, int threads) throws ReflectiveOperationException {
        assumeTrue(MatMul.vectorAvailable(), "Vector API module absent (-Pno-vector): the default test run covers it");
        DoubleKernel kernel = (DoubleKernel) Class.forName("dev.kiln.kernel.VectorDoubleKernel").getDeclaredField(tile).get(null);
        forEachLayout(m, n, k, (l, rnd) -> {
            double[] a = random(rnd, l.aLen()), b = random(rnd, l.bLen()), c0 = random(rnd, l.cLen());
            double[] c = c0.clone();
            DoubleGemm.blocked(kernel, threads, l.transA(), l.transB(), l.m(), l.n(), l.k(), a, l.aOff(), l.lda(),
                    b, l.bOff(), l.ldb(), c, l.cOff(), l.ldc(), l.accumulate());
            compare(l, a, b, c0, c, 0x1p-53);
        });
    }

    static Stream<Arguments> tileCases() {
        List<Arguments> out = new ArrayList<>();
        for (int[] s : SHAPES) {
            if (s[2] == 0) {
                continue;
            }
            for (String tile : new String[] {"WIDE", "SHORT"}) {
                for (int threads : new int[] {1, 2}) {
                    out.add(Arguments.of(s[0], s[1], s[2], tile, threads));
                }
            }
        }
        return out.stream();
    }

    /**
     * Threaded products started from inside a parallel loop: the pool's thread runs its product with
     * itself as the only participant, the caller's thread shares its product with the idle pool thread.
     */
    @ParameterizedTest(name = "vector={0}")
    @MethodSource("kernels")
    @Timeout(120) // a guard against a deadlock between the threads, not a speed check
    void threadedProductsInsideAParallelLoopMatchNaiveProduct(boolean vector) {
        selectKernel(vector);
        int m = 70, n = 90, k = 600, runs = 4;
        SplittableRandom rnd = new SplittableRandom(7);
        double[][] a = new double[runs][], b = new double[runs][];
        float[][] got = new float[runs][];
        for (int r = 0; r < runs; r++) {
            a[r] = random(rnd, m * k);
            b[r] = random(rnd, k * n);
            got[r] = new float[m * n];
        }
        Parallelism.parallelFor(runs, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                FloatGemm.blocked(MatMul.floatKernel(), 2, false, false, m, n, k, toFloat(a[r]), 0, k,
                        toFloat(b[r]), 0, n, got[r], 0, n, false);
            }
        });
        for (int r = 0; r < runs; r++) {
            Layout l = new Layout(false, false, false, m, n, k, 0, k, m * k, 0, n, k * n, 0, n, m * n);
            double[] g = new double[m * n];
            for (int i = 0; i < g.length; i++) {
                g[i] = got[r][i];
            }
            compare(l, a[r], b[r], new double[m * n], g, 0x1p-24);
        }
    }

    /**
     * C narrower than {@link SmallFloatGemm#WIDE} columns with A and B as stored (a dense layer's forward
     * pass into a few outputs), every width, on both kernels: row counts around the vector form's blocks of
     * eight, k of one, two, three and fifty, overwriting and accumulating, and C both padded and contiguous
     * (ldc = n, where the Vector API form stores whole vectors whose padding lanes fall on later rows of C;
     * the entries past C's end must stay untouched). A and B end exactly at their last element, so that a
     * read past them fails.
     */
    @ParameterizedTest(name = "vector={0}")
    @MethodSource("kernels")
    void narrowProductsMatchNaiveProduct(boolean vector) {
        selectKernel(vector);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n = 1; n < SmallFloatGemm.WIDE; n++) {
            for (int m : new int[] {1, 3, 4, 5, 8, 9, 32, 33}) {
                for (int k : new int[] {1, 2, 3, 50}) {
                    for (int t = 0; t < 4; t++) {
                        boolean accumulate = (t & 1) != 0, contiguous = (t & 2) == 0;
                        int lda = k + t % 3, ldb = n + (t & 1), ldc = contiguous ? n : n + 3;
                        int aOff = 2 + t, bOff = 1 + t, cOff = contiguous ? t : 3;
                        Layout l = new Layout(false, false, accumulate, m, n, k, aOff, lda, aOff + (m - 1) * lda + k,
                                bOff, ldb, bOff + (k - 1) * ldb + n, cOff, ldc, cOff + m * ldc + 5);
                        checkFloat(l, Path.SMALL_SHAPES, rnd);
                        checkFloat(l, Path.PUBLIC, rnd);
                    }
                }
            }
        }
    }

    /**
     * Tiny products with C at least eight columns wide on the Vector API give each entry as the chain of
     * fused multiply-adds from zero in p order, then C added when accumulating, whichever loop form
     * computes them (blocks of four rows, the single rows the blocks leave), for k from 1 (a layer of few
     * inputs) to 50. Widths around the vector length, partial last vectors, strided A, transposed B,
     * offsets. A new loop form must keep these values, or the dense-stack step and the graph part ways.
     */
    @Test
    void rowsFormVectorProductsAreTheFusedMultiplyAddChain() {
        selectKernel(true);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int k : new int[] {1, 2, 3, 4, 5, 32, 50}) {
            for (int n : new int[] {8, 9, 15, 16, 17, 50, 64}) {
                for (int m : new int[] {1, 2, 3, 4, 5, 6, 7, 32}) {
                    for (int t = 0; t < 8; t++) {
                        boolean transA = (t & 1) != 0, transB = (t & 2) != 0, accumulate = (t & 4) != 0;
                        int lda = (transA ? m : k) + t % 3, ldb = (transB ? k : n) + 1, ldc = n + 2;
                        int aOff = 3, bOff = 2, cOff = 1;
                        float[] a = new float[aOff + (transA ? k : m) * lda], b = new float[bOff + (transB ? n : k) * ldb];
                        float[] c = new float[cOff + m * ldc];
                        for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
                        for (int i = 0; i < b.length; i++) b[i] = (float) (rnd.nextDouble() * 2 - 1);
                        for (int i = 0; i < c.length; i++) c[i] = (float) (rnd.nextDouble() * 2 - 1);
                        float[] c0 = c.clone();
                        MatMul.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                float sum = 0f;
                                for (int p = 0; p < k; p++) {
                                    float x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                                    float y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                                    sum = Math.fma(x, y, sum);
                                }
                                int ci = cOff + i * ldc + j;
                                float expected = accumulate ? sum + c0[ci] : sum;
                                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(c[ci]),
                                        "C(" + i + ", " + j + ") of " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB
                                                + " accumulate=" + accumulate);
                            }
                        }
                    }
                }
            }
        }
    }

    /** An infinity in one row of A makes that row NaN or infinite and leaves the other rows of a narrow C finite. */
    @ParameterizedTest(name = "vector={0}")
    @MethodSource("kernels")
    void narrowProductsKeepANonFiniteRowToItself(boolean vector) {
        selectKernel(vector);
        for (int n = 1; n < SmallFloatGemm.WIDE; n++) {
            int m = 32, k = 50;
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            java.util.Arrays.fill(a, 1f);
            java.util.Arrays.fill(b, 1f);
            for (int i = 0; i < m; i += 3) a[i * k + i % k] = Float.POSITIVE_INFINITY;
            MatMul.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float expected = i % 3 == 0 ? Float.POSITIVE_INFINITY : k;
                    assertEquals(expected, c[i * n + j], "C(" + i + ", " + j + "), n = " + n + ", vector = " + vector);
                }
            }
        }
    }

    static Stream<Boolean> kernels() {
        return Stream.of(false, true);
    }

    @Test
    void kernelSwitchSelectsTheRequestedKernel() {
        MatMul.useVector(false);
        assertEquals(ScalarFloatKernel.INSTANCE, MatMul.floatKernel());
        assertEquals(ScalarDoubleKernel.INSTANCE, MatMul.doubleKernel());
        assumeTrue(MatMul.vectorAvailable(), "Vector API module absent (-Pno-vector): the default test run covers it");
        MatMul.useVector(true);
        assertEquals("VectorFloatKernel", MatMul.floatKernel().getClass().getSimpleName());
        assertEquals("VectorDoubleKernel", MatMul.doubleKernel().getClass().getSimpleName());
    }

    @Test
    void nanAndInfinityPropagateLikeTheNaiveProduct() {
        // A kernel that skipped zero entries of A would turn 0·∞ (NaN) into 0.
        for (boolean vector : new boolean[] {false, true}) {
            selectKernel(vector);
            for (int size : new int[] {4, 100}) {
                float[] a = new float[size * size];
                float[] b = new float[size * size];
                java.util.Arrays.fill(b, 1f);
                b[0] = Float.POSITIVE_INFINITY;
                float[] c = new float[size * size];
                MatMul.sgemm(false, false, size, size, size, a, 0, size, b, 0, size, c, 0, size, false);
                assertTrue(Float.isNaN(c[0]), "0*inf must give NaN, got " + c[0] + " at size " + size);
                assertEquals(0f, c[1], "size " + size);
            }
        }
    }

    static Stream<Arguments> badArguments() {
        float[] six = new float[6];
        return Stream.of(
                Arguments.of((Runnable) () -> MatMul.sgemm(false, false, -1, 2, 3, six, 0, 3, six, 0, 2, six, 0, 2, false),
                        "sgemm: dimensions must be >= 0, got m=-1, n=2, k=3"),
                Arguments.of((Runnable) () -> MatMul.sgemm(false, false, 2, 2, 3, six, 0, 2, six, 0, 2, six, 0, 2, false),
                        "sgemm: lda (2) must be >= 3, the row length of the stored 2x3 a"),
                Arguments.of((Runnable) () -> MatMul.sgemm(true, false, 2, 2, 3, six, 0, 3, six, 0, 2, six, 0, 2, false),
                        "sgemm: stored 3x2 a at offset 0 with lda=3 needs 8 elements, array has 6"),
                Arguments.of((Runnable) () -> MatMul.sgemm(false, false, 2, 2, 3, six, 1, 3, six, 0, 2, six, 0, 2, false),
                        "sgemm: stored 2x3 a at offset 1 with lda=3 needs 7 elements, array has 6"),
                Arguments.of((Runnable) () -> MatMul.dgemm(false, true, 2, 3, 2, new double[4], 0, 2, new double[6], 0, 2,
                        new double[6], 0, 2, false), "dgemm: ldc (2) must be >= 3, the row length of the stored 2x3 c"),
                Arguments.of((Runnable) () -> MatMul.dgemm(false, false, 1, 1, 1, new double[1], -1, 1, new double[1], 0, 1,
                        new double[1], 0, 1, false), "dgemm: aOff (-1) must be >= 0"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsAreRejectedWithAClearMessage(Runnable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(expected), () -> "message was: " + e.getMessage());
    }

    @Test
    void badArgumentsLeaveCUntouched() {
        float[] c = {7, 7, 7, 7};
        assertThrows(IllegalArgumentException.class,
                () -> MatMul.sgemm(false, false, 2, 2, 3, new float[5], 0, 3, new float[6], 0, 2, c, 0, 2, false));
        assertEquals(List.of(7f, 7f, 7f, 7f), List.of(c[0], c[1], c[2], c[3]));
    }

    // ------------------------------------------------------------------ helpers

    private static void selectKernel(boolean vector) {
        if (vector) {
            assumeTrue(MatMul.vectorAvailable(), "Vector API module absent (-Pno-vector): the default test run covers it");
        }
        MatMul.useVector(vector);
    }

    /** One storage layout of a product: transposes, offsets, padded leading dimensions, accumulate. */
    record Layout(boolean transA, boolean transB, boolean accumulate, int m, int n, int k,
                  int aOff, int lda, int aLen, int bOff, int ldb, int bLen, int cOff, int ldc, int cLen) {

        double a(double[] a, int i, int p) {
            return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        }

        double b(double[] b, int p, int j) {
            return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }

        boolean inC(int index) {
            int rel = index - cOff;
            return rel >= 0 && rel / ldc < m && rel % ldc < n;
        }
    }

    interface LayoutCheck {
        void check(Layout layout, SplittableRandom rnd);
    }

    private static void forEachLayout(int m, int n, int k, LayoutCheck check) {
        SplittableRandom rnd = new SplittableRandom(31L * m + 17L * n + k);
        for (int t = 0; t < 8; t++) {
            boolean transA = (t & 1) != 0;
            boolean transB = (t & 2) != 0;
            boolean accumulate = (t & 4) != 0;
            // Odd padding so that rows never line up with the kernels' tile widths.
            int aRows = transA ? k : m, aCols = transA ? m : k;
            int bRows = transB ? n : k, bCols = transB ? k : n;
            int lda = aCols + (t % 3), ldb = bCols + 2 * (t % 2), ldc = n + 3;
            int aOff = 5, bOff = 3 * (t % 2), cOff = 7;
            Layout layout = new Layout(transA, transB, accumulate, m, n, k,
                    aOff, lda, aOff + aRows * lda + 2, bOff, ldb, bOff + bRows * ldb + 1,
                    cOff, ldc, cOff + m * ldc + 4);
            check.check(layout, rnd);
        }
    }

    private static double[] random(SplittableRandom rnd, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            // Values exactly representable in float, so both precisions multiply the same numbers.
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static void checkFloat(Layout l, Path path, SplittableRandom rnd) {
        double[] a = random(rnd, l.aLen()), b = random(rnd, l.bLen()), c0 = random(rnd, l.cLen());
        float[] fa = toFloat(a), fb = toFloat(b), fc = toFloat(c0);
        switch (path) {
            case PUBLIC:
                MatMul.sgemm(l.transA(), l.transB(), l.m(), l.n(), l.k(), fa, l.aOff(), l.lda(), fb, l.bOff(), l.ldb(),
                        fc, l.cOff(), l.ldc(), l.accumulate());
                break;
            case SMALL:
                if (l.k() == 0) {
                    return; // k = 0 is answered by MatMul before any algorithm runs
                }
                MatMul.floatKernel().small(l.transA(), l.transB(), l.m(), l.n(), l.k(), fa, l.aOff(), l.lda(), fb, l.bOff(), l.ldb(),
                        fc, l.cOff(), l.ldc(), l.accumulate());
                break;
            case SMALL_SHAPES:
                if (l.k() == 0 || !SmallFloatGemm.handles(l.transA(), l.transB(), l.m(), l.n(), l.k())) {
                    return; // shapes the tiny-product path declines go elsewhere (PUBLIC covers them)
                }
                SmallFloatGemm.gemm(l.transA(), l.transB(), l.m(), l.n(), l.k(), fa, l.aOff(), l.lda(), fb, l.bOff(), l.ldb(),
                        fc, l.cOff(), l.ldc(), l.accumulate());
                break;
            default:
                if (l.k() == 0) {
                    return;
                }
                FloatGemm.blocked(MatMul.floatKernel(), path == Path.BLOCKED_THREADED ? 2 : 1, l.transA(), l.transB(),
                        l.m(), l.n(), l.k(), fa, l.aOff(), l.lda(), fb, l.bOff(), l.ldb(),
                        fc, l.cOff(), l.ldc(), l.accumulate());
        }
        double[] got = new double[fc.length];
        for (int i = 0; i < got.length; i++) {
            got[i] = fc[i];
        }
        compare(l, a, b, c0, got, 0x1p-24);
    }

    private static void checkDouble(Layout l, Path path, SplittableRandom rnd) {
        double[] a = random(rnd, l.aLen()), b = random(rnd, l.bLen()), c0 = random(rnd, l.cLen());
        double[] c = c0.clone();
        switch (path) {
            case PUBLIC:
                MatMul.dgemm(l.transA(), l.transB(), l.m(), l.n(), l.k(), a, l.aOff(), l.lda(), b, l.bOff(), l.ldb(),
                        c, l.cOff(), l.ldc(), l.accumulate());
                break;
            case SMALL:
                if (l.k() == 0) {
                    return;
                }
                MatMul.doubleKernel().small(l.transA(), l.transB(), l.m(), l.n(), l.k(), a, l.aOff(), l.lda(), b, l.bOff(), l.ldb(),
                        c, l.cOff(), l.ldc(), l.accumulate());
                break;
            case SMALL_SHAPES:
                return; // a float-only path
            default:
                if (l.k() == 0) {
                    return;
                }
                DoubleGemm.blocked(MatMul.doubleKernel(), path == Path.BLOCKED_THREADED ? 2 : 1, l.transA(), l.transB(),
                        l.m(), l.n(), l.k(), a, l.aOff(), l.lda(), b, l.bOff(), l.ldb(),
                        c, l.cOff(), l.ldc(), l.accumulate());
        }
        compare(l, a, b, c0, c, 0x1p-53);
    }

    /** Compares every element of C (inside the m×n window: the product; outside: untouched). */
    private static void compare(Layout l, double[] a, double[] b, double[] c0, double[] got, double u) {
        for (int idx = 0; idx < got.length; idx++) {
            if (!l.inC(idx)) {
                if (Double.doubleToLongBits(got[idx]) != Double.doubleToLongBits(c0[idx])) {
                    fail(describe(l) + ": element " + idx + " outside C was changed from " + c0[idx] + " to " + got[idx]);
                }
                continue;
            }
            int i = (idx - l.cOff()) / l.ldc(), j = (idx - l.cOff()) % l.ldc();
            double sum = l.accumulate() ? c0[idx] : 0;
            double magnitude = l.accumulate() ? Math.abs(c0[idx]) : 0;
            for (int p = 0; p < l.k(); p++) {
                double prod = l.a(a, i, p) * l.b(b, p, j);
                sum += prod;
                magnitude += Math.abs(prod);
            }
            // The kernel's bound plus the double reference's own bound.
            double tol = (gamma(l.k() + 1, u) + gamma(l.k() + 1, 0x1p-53)) * magnitude;
            if (!(Math.abs(got[idx] - sum) <= tol)) {
                fail(describe(l) + ": C(" + i + ", " + j + ") = " + got[idx] + ", expected " + sum
                        + " within " + tol);
            }
        }
    }

    private static double gamma(int n, double u) {
        return n * u / (1 - n * u);
    }

    private static String describe(Layout l) {
        return "m=" + l.m() + " n=" + l.n() + " k=" + l.k() + " transA=" + l.transA() + " transB=" + l.transB()
                + " accumulate=" + l.accumulate() + " vector=" + MatMul.usingVector();
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}

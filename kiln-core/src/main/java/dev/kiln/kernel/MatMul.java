package dev.kiln.kernel;

import java.util.Objects;

/**
 * General matrix multiply on row-major primitive arrays: {@code C = op(A) · op(B)} or
 * {@code C += op(A) · op(B)}.
 *
 * <p>{@code op(X)} is {@code X} or its transpose. {@code A} is stored so that {@code op(A)} is m×k,
 * {@code B} so that {@code op(B)} is k×n, and {@code C} is m×n. {@code lda}, {@code ldb}, {@code ldc}
 * are the row strides of the arrays as stored (for a non-transposed A that is at least k, for a
 * transposed A at least m).
 *
 * <p>Tiny products (the MLP shapes of a batch of 32) run single-threaded on the arrays as they are,
 * allocating nothing. Larger ones are cache-blocked with packed panels and a register-tiled
 * micro-kernel, and split over {@link Parallelism} when big enough (the threads take blocks of C in
 * turn, so one delayed thread holds up only its current block). The micro-kernel uses the JDK
 * Vector API when the JVM was started with {@code --add-modules jdk.incubator.vector}; otherwise a
 * plain-Java kernel the JIT auto-vectorises. The system property {@value #KERNEL_PROPERTY}
 * ({@code auto}, {@code scalar}, {@code vector}) overrides that choice; {@code kiln.gemm.tile}
 * ({@code wide} on JDK 17 to 20, {@code short} from JDK 21 on) overrides the Vector API kernel's
 * register tile, which is chosen per JDK because their compilers allocate registers differently.
 *
 * <pre>{@code
 * float[] a = {1, 2, 3, 4, 5, 6};           // 2×3
 * float[] b = {1, 0, 0, 1, 1, 1};           // 3×2
 * float[] c = new float[4];                 // 2×2
 * MatMul.sgemm(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2, false);  // c = {4, 5, 10, 11}
 * }</pre>
 */
public final class MatMul {
    /** System property choosing the micro-kernel: {@code auto} (default), {@code scalar} or {@code vector}. */
    public static final String KERNEL_PROPERTY = "kiln.gemm.kernel";

    /** At most this many multiply-adds (m·n·k) run on the unpacked small path. */
    static final long SMALL_WORK = 48L * 48 * 48;
    /** At least this many multiply-adds (m·n·k) before a product is split over threads. */
    static final long PARALLEL_WORK = 96L * 96 * 96;

    private static final FloatKernel VECTOR_FLOAT = (FloatKernel) loadVectorKernel("dev.kiln.kernel.VectorFloatKernel");
    private static final DoubleKernel VECTOR_DOUBLE = (DoubleKernel) loadVectorKernel("dev.kiln.kernel.VectorDoubleKernel");

    private static volatile boolean useVector = chooseVector();

    private MatMul() {}

    /** Single-precision GEMM; see the class comment for the argument conventions. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        Objects.requireNonNull(a, "sgemm: array a is null");
        Objects.requireNonNull(b, "sgemm: array b is null");
        Objects.requireNonNull(c, "sgemm: array c is null");
        check("sgemm", transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
        } else if (work <= SMALL_WORK && SmallFloatGemm.handles(transA, transB, m, n, k)) {
            SmallFloatGemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else if (work <= SMALL_WORK || m < 4 || n < floatKernel().nr()) {
            // Narrower than one micro-tile: packing would pad most of each panel with zeros.
            smallFloat(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            FloatGemm.blocked(floatKernel(), threadsFor(work), transA, transB, m, n, k,
                    a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** Below this many elements, a transposed operand is copied to scratch for the contiguous-row kernel. */
    private static final int SMALL_COPY = 4096;
    /** The contiguous-row kernels want at least this many columns of C. */
    private static final int WIDE = 8;

    /**
     * Tiny products, as a training step's backward pass makes them (g·Wᵀ, hᵀ·g). The unpacked kernels are
     * fastest when C's rows are wide and B's rows contiguous; two shapes are brought to that form first:
     * a transposed B (copied to a k×n scratch, at k·n copies against m·n·k multiply-adds), and a narrow C
     * with a transposed A, computed as Cᵀ = op(B)ᵀ·op(A)ᵀ, whose rows are A's contiguous rows, then added in.
     */
    private static void smallFloat(boolean transA, boolean transB, int m, int n, int k,
                                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float[] c, int cOff, int ldc, boolean accumulate) {
        FloatKernel kernel = floatKernel();
        if (transB && n >= WIDE && m >= 2 && (long) k * n <= SMALL_COPY) {
            float[] bt = Workspace.get().floats(Workspace.SMALL, k * n);
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                for (int p = 0; p < k; p++) bt[p * n + j] = b[bj + p];
            }
            kernel.small(transA, false, m, n, k, a, aOff, lda, bt, 0, n, c, cOff, ldc, accumulate);
        } else if (transA && n < WIDE && m >= WIDE && (long) n * m <= SMALL_COPY) {
            float[] ct = Workspace.get().floats(Workspace.SMALL, n * m);
            kernel.small(!transB, false, n, m, k, b, bOff, ldb, a, aOff, lda, ct, 0, m, false);
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) c[ci + j] = accumulate ? c[ci + j] + ct[j * m + i] : ct[j * m + i];
            }
        } else {
            kernel.small(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** Double-precision GEMM; see the class comment for the argument conventions. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        Objects.requireNonNull(a, "dgemm: array a is null");
        Objects.requireNonNull(b, "dgemm: array b is null");
        Objects.requireNonNull(c, "dgemm: array c is null");
        check("dgemm", transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0d);
                }
            }
        } else if (work <= SMALL_WORK || m < 4 || n < doubleKernel().nr()) {
            // Narrower than one micro-tile: packing would pad most of each panel with zeros.
            doubleKernel().small(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            DoubleGemm.blocked(doubleKernel(), threadsFor(work), transA, transB, m, n, k,
                    a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** The float micro-kernel large products use now. */
    static FloatKernel floatKernel() {
        return useVector && VECTOR_FLOAT != null ? VECTOR_FLOAT : ScalarFloatKernel.INSTANCE;
    }

    /** The double micro-kernel large products use now. */
    static DoubleKernel doubleKernel() {
        return useVector && VECTOR_DOUBLE != null ? VECTOR_DOUBLE : ScalarDoubleKernel.INSTANCE;
    }

    /** Whether the Vector API micro-kernels were loaded (the JVM has {@code jdk.incubator.vector}). */
    static boolean vectorAvailable() {
        return VECTOR_FLOAT != null && VECTOR_DOUBLE != null;
    }

    /** Whether large products currently use the Vector API micro-kernels. */
    static boolean usingVector() {
        return useVector && vectorAvailable();
    }

    /** Test hook: selects the Vector API kernels ({@code true}, if available) or the plain-Java ones. */
    static void useVector(boolean on) {
        useVector = on;
    }

    private static int threadsFor(long work) {
        return work >= PARALLEL_WORK ? Parallelism.threads() : 1;
    }

    private static boolean chooseVector() {
        String mode = System.getProperty(KERNEL_PROPERTY, "auto").trim();
        switch (mode) {
            case "auto":
            case "vector":
                return true;
            case "scalar":
                return false;
            default:
                throw new IllegalArgumentException("system property " + KERNEL_PROPERTY
                        + " must be auto, scalar or vector, got '" + mode + "'");
        }
    }

    /**
     * Loads a Vector API kernel only when the module is in the boot layer: its classes link against
     * jdk.incubator.vector, so touching them without the module would throw NoClassDefFoundError.
     */
    static Object loadVectorKernel(String className) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            Object kernel = Class.forName(className).getDeclaredField("INSTANCE").get(null);
            // A kernel reports itself unusable when the preferred vector shape is too narrow to pay off.
            return (Boolean) kernel.getClass().getDeclaredMethod("usable").invoke(kernel) ? kernel : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static void check(String op, boolean transA, boolean transB, int m, int n, int k,
                              int aLen, int aOff, int lda, int bLen, int bOff, int ldb,
                              int cLen, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": dimensions must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        checkMatrix(op, "a", transA ? k : m, transA ? m : k, aLen, aOff, lda);
        checkMatrix(op, "b", transB ? n : k, transB ? k : n, bLen, bOff, ldb);
        checkMatrix(op, "c", m, n, cLen, cOff, ldc);
    }

    private static void checkMatrix(String op, String name, int rows, int cols, int len, int off, int ld) {
        if (ld < cols || ld < 0) {
            throw new IllegalArgumentException(op + ": ld" + name + " (" + ld + ") must be >= " + cols
                    + ", the row length of the stored " + rows + "x" + cols + " " + name);
        }
        if (off < 0) {
            throw new IllegalArgumentException(op + ": " + name + "Off (" + off + ") must be >= 0");
        }
        if (rows > 0 && cols > 0) {
            long last = off + (long) (rows - 1) * ld + cols - 1;
            if (last >= len) {
                throw new IllegalArgumentException(op + ": stored " + rows + "x" + cols + " " + name
                        + " at offset " + off + " with ld" + name + "=" + ld + " needs " + (last + 1)
                        + " elements, array has " + len);
            }
        }
    }
}

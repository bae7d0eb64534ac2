package dev.kiln.kernel;

/**
 * Per-thread scratch arrays for GEMM packing, grown on demand and then reused, so that a large
 * multiply allocates nothing once a thread has seen its largest shape.
 */
final class Workspace {
    static final int PACK_A = 0;
    static final int PACK_B = 1;
    static final int EDGE = 2;
    /** The tiny-product rearrangements of {@link MatMul} (never used together with the others). */
    static final int SMALL = 3;
    /** The second shared B buffer of a threaded product (stages alternate between PACK_B and this). */
    static final int PACK_B2 = 4;
    /** The last, partial column block of a tiny product accumulated into C ({@code VectorSmallGemm}). */
    static final int SMALL_TAIL = 5;
    /**
     * Double slots for the terms of {@link FloatMath}'s array functions between their two passes (they
     * call no other kernel, nor each other).
     */
    static final int MATH_0 = 6;
    static final int MATH_1 = 7;
    static final int MATH_2 = 8;
    static final int MATH_3 = 9;
    /**
     * Double slots of {@link Softmax#rows} for a block of rows: exponentials, their sums, the sums'
     * logarithms, the shifts (it calls {@link FloatMath}'s array functions, which use the MATH slots).
     */
    static final int SOFTMAX_E = 10;
    static final int SOFTMAX_SUMS = 11;
    static final int SOFTMAX_LOGS = 12;
    static final int SOFTMAX_SHIFTS = 13;

    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    private final float[][] floats = new float[6][];
    /** Rows of a tiny product's B, each its own array ({@link PlainSmallFloatKernel}). */
    private float[][] rows = new float[0][];
    private final double[][] doubles = new double[14][];

    private Workspace() {}

    static Workspace get() {
        return LOCAL.get();
    }

    /** A float array of at least {@code size} elements for {@code slot}; its contents are undefined. */
    float[] floats(int slot, int size) {
        float[] f = floats[slot];
        if (f == null || f.length < size) {
            f = new float[size];
            floats[slot] = f;
        }
        return f;
    }

    /** A double array of at least {@code size} elements for {@code slot}; its contents are undefined. */
    double[] doubles(int slot, int size) {
        double[] d = doubles[slot];
        if (d == null || d.length < size) {
            d = new double[size];
            doubles[slot] = d;
        }
        return d;
    }

    /**
     * {@code count} float arrays of at least {@code length} elements each, for the rows of a tiny
     * product's operand (contents undefined); kept and reused by later calls. Each row grows on its own,
     * so a call with many short rows and one with a few long ones do not together keep many long rows.
     */
    float[][] rows(int count, int length) {
        if (rows.length < count) rows = java.util.Arrays.copyOf(rows, count);
        for (int i = 0; i < count; i++) {
            if (rows[i] == null || rows[i].length < length) rows[i] = new float[length];
        }
        return rows;
    }
}

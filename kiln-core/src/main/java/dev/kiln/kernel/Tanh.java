package dev.kiln.kernel;

/**
 * float32 tanh over arrays, the activation of most of a small tanh network's values: in Vector API lanes
 * (VectorConvKernel's FMA formula) where the module is present, else a scalar formula through
 * {@link FloatMath#tanh}; long arrays are split over {@link Parallelism}'s threads. Both are within one float
 * ulp of {@code (float) Math.tanh}.
 */
final class Tanh {
    /** Below this many values a second thread costs more than it saves. */
    private static final int PARALLEL_MIN = 1 << 15;
    /** Chunk boundaries on multiples of this keep every thread's vectors whole. */
    private static final int ALIGN = 64;

    private Tanh() {}

    static void apply(float[] x, int xo, float[] y, int yo, int n) {
        ConvKernel vector = PlaneConv.vectorKernel();
        if (n < PARALLEL_MIN || Parallelism.threads() == 1) {
            run(vector, x, xo, y, yo, 0, n);
            return;
        }
        int chunks = (n + ALIGN - 1) / ALIGN;
        Parallelism.parallelFor(chunks, (c0, c1) -> run(vector, x, xo, y, yo, c0 * ALIGN, Math.min(n, c1 * ALIGN)));
    }

    /** As {@link #apply} on the calling thread alone (for callers that already split the work). */
    static void serial(float[] x, int xo, float[] y, int yo, int n) { run(PlaneConv.vectorKernel(), x, xo, y, yo, 0, n); }

    private static void run(ConvKernel vector, float[] x, int xo, float[] y, int yo, int from, int to) {
        if (vector != null) {
            vector.tanh(x, xo + from, y, yo + from, to - from);
            return;
        }
        for (int i = from; i < to; i++) y[yo + i] = (float) FloatMath.tanh(x[xo + i]);
    }
}

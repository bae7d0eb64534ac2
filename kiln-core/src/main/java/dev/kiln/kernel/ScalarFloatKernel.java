package dev.kiln.kernel;

/**
 * The portable float micro-kernel: plain loops shaped so that HotSpot's auto-vectoriser turns the
 * inner {@code j} loop into SIMD code (fixed trip count, unit stride, no cross-iteration dependence).
 * The tile lives in C itself (it stays in L1) because the JIT cannot keep a SIMD tile in registers
 * across scalar code.
 */
final class ScalarFloatKernel implements FloatKernel {
    static final int MR = 4;
    static final int NR = 32;
    static final ScalarFloatKernel INSTANCE = new ScalarFloatKernel();

    private ScalarFloatKernel() {}

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void tile(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, boolean overwrite) {
        int c0 = co, c1 = co + ldc, c2 = co + 2 * ldc, c3 = co + 3 * ldc;
        if (overwrite) {
            for (int j = 0; j < NR; j++) {
                c[c0 + j] = 0f;
                c[c1 + j] = 0f;
                c[c2 + j] = 0f;
                c[c3 + j] = 0f;
            }
        }
        int p = 0;
        // Two k-steps per pass halve the loads and stores of the C tile, which bound this kernel.
        for (; p + 1 < kc; p += 2) {
            int ap = ao + p * MR;
            int b0 = bo + p * NR, b1 = b0 + NR;
            float x0 = a[ap], x1 = a[ap + 1], x2 = a[ap + 2], x3 = a[ap + 3];
            float y0 = a[ap + MR], y1 = a[ap + MR + 1], y2 = a[ap + MR + 2], y3 = a[ap + MR + 3];
            for (int j = 0; j < NR; j++) {
                float u = b[b0 + j], v = b[b1 + j];
                c[c0 + j] += x0 * u + y0 * v;
                c[c1 + j] += x1 * u + y1 * v;
                c[c2 + j] += x2 * u + y2 * v;
                c[c3 + j] += x3 * u + y3 * v;
            }
        }
        if (p < kc) {
            int ap = ao + p * MR;
            int b0 = bo + p * NR;
            float x0 = a[ap], x1 = a[ap + 1], x2 = a[ap + 2], x3 = a[ap + 3];
            for (int j = 0; j < NR; j++) {
                float u = b[b0 + j];
                c[c0 + j] += x0 * u;
                c[c1 + j] += x1 * u;
                c[c2 + j] += x2 * u;
                c[c3 + j] += x3 * u;
            }
        }
    }

    @Override
    public void small(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        FloatGemm.small(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }
}

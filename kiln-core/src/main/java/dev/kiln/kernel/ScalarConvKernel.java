package dev.kiln.kernel;

/**
 * The {@link ConvKernel} loops in plain Java for float64 (gradient checks and float64 models), with the
 * same contracts. The output is built in chunks that stay in L1 while every tap adds into them.
 */
final class ScalarConvKernel {
    private static final int CHUNK = 512;

    private ScalarConvKernel() {}

    static void correlate(double[] in, int[] off, int taps, double[] w, int outCh, double[] out, int outStride, int len) {
        for (int o = 0; o < outCh; o++) {
            int ob = o * outStride, wb = o * taps;
            for (int q0 = 0; q0 < len; q0 += CHUNK) {
                int q1 = Math.min(len, q0 + CHUNK);
                java.util.Arrays.fill(out, ob + q0, ob + q1, 0d);
                for (int j = 0; j < taps; j++) {
                    double wv = w[wb + j];
                    int s = off[j];
                    for (int q = q0; q < q1; q++) out[ob + q] += wv * in[s + q];
                }
            }
        }
    }

    static void correlateGrad(double[] in, int[] off, int taps, double[] dy, int dyOff, int dyStride, int outCh, int len, double[] dw) {
        for (int o = 0; o < outCh; o++) {
            int d = dyOff + o * dyStride;
            for (int j = 0; j < taps; j++) {
                int s = off[j];
                double sum = 0d;
                for (int q = 0; q < len; q++) sum += dy[d + q] * in[s + q];
                dw[o * taps + j] += sum;
            }
        }
    }
}

package dev.kiln.kernel;

/**
 * Reductions over one axis of a row-major array viewed as {@code [outer, r, inner]}:
 * {@code out[o, i] = reduce_k x[o, k, i]}. Several axes are reduced one after another.
 */
public final class Reduce {
    private Reduce() {}

    /** The reductions; MEAN is SUM scaled by 1/r. */
    public enum Kind { SUM, MEAN, MAX, MIN }

    public static void reduce(Kind kind, float[] x, float[] out, int outer, int r, int inner) {
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            int xb = o * r * inner;
            if (inner == 1) {
                out[ob] = (float) reduceRow(kind, x, xb, r);
                continue;
            }
            if ((kind == Kind.SUM || kind == Kind.MEAN) && SmallFloatGemm.columnSums(x, xb, r, inner, out, ob)) {
                // the rows summed in vector registers (a bias's gradient, a mean over the batch)
                if (kind == Kind.MEAN) {
                    float s = 1f / r;
                    for (int i = 0; i < inner; i++) out[ob + i] *= s;
                }
                continue;
            }
            if ((kind == Kind.SUM || kind == Kind.MEAN) && inner >= PLAIN_COLUMN_SUMS) {
                plainColumnSums(x, xb, r, inner, out, ob);
                if (kind == Kind.MEAN) {
                    float s = 1f / r;
                    for (int i = 0; i < inner; i++) out[ob + i] *= s;
                }
                continue;
            }
            System.arraycopy(x, xb, out, ob, inner);
            for (int k = 1; k < r; k++) {
                int xk = xb + k * inner;
                switch (kind) {
                    case SUM: case MEAN: for (int i = 0; i < inner; i++) out[ob + i] += x[xk + i]; break;
                    case MAX: for (int i = 0; i < inner; i++) { float v = x[xk + i]; if (v > out[ob + i] || v != v) out[ob + i] = v; } break;
                    case MIN: for (int i = 0; i < inner; i++) { float v = x[xk + i]; if (v < out[ob + i] || v != v) out[ob + i] = v; } break;
                    default: throw new AssertionError(kind);
                }
            }
            if (kind == Kind.MEAN) {
                float s = 1f / r;
                for (int i = 0; i < inner; i++) out[ob + i] *= s;
            }
        }
    }

    /** From this many columns on, {@link #plainColumnSums} beats the loop over C's row in place (JDK 17, AVX2). */
    private static final int PLAIN_COLUMN_SUMS = 32;

    /**
     * {@code out[outOff + j] = Σ_r x[xOff + r·cols + j]}, the rows added in order (the same float additions
     * as the loop in place, so the same values), in plain Java that C2 vectorises: JDK 17's C2 vectorises a
     * loop only when its arrays share one index expression, so each row is first copied into a scratch row
     * and added to a scratch sum. Twice as fast at 32×50, the bias gradient of the study's hidden layer.
     */
    private static void plainColumnSums(float[] x, int xOff, int rows, int cols, float[] out, int outOff) {
        float[][] scratch = Workspace.get().rows(2, cols);
        float[] acc = scratch[0], row = scratch[1];
        System.arraycopy(x, xOff, acc, 0, cols);
        for (int k = 1; k < rows; k++) {
            System.arraycopy(x, xOff + k * cols, row, 0, cols);
            for (int j = 0; j < cols; j++) acc[j] += row[j];
        }
        System.arraycopy(acc, 0, out, outOff, cols);
    }

    private static double reduceRow(Kind kind, float[] x, int xb, int r) {
        switch (kind) {
            case SUM: { double s = 0; for (int k = 0; k < r; k++) s += x[xb + k]; return s; }
            case MEAN: { double s = 0; for (int k = 0; k < r; k++) s += x[xb + k]; return s / r; }
            case MAX: { float m = x[xb]; for (int k = 1; k < r; k++) { float v = x[xb + k]; if (v > m || v != v) m = v; } return m; }
            case MIN: { float m = x[xb]; for (int k = 1; k < r; k++) { float v = x[xb + k]; if (v < m || v != v) m = v; } return m; }
            default: throw new AssertionError(kind);
        }
    }

    public static void reduce(Kind kind, double[] x, double[] out, int outer, int r, int inner) {
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            int xb = o * r * inner;
            System.arraycopy(x, xb, out, ob, inner);
            for (int k = 1; k < r; k++) {
                int xk = xb + k * inner;
                switch (kind) {
                    case SUM: case MEAN: for (int i = 0; i < inner; i++) out[ob + i] += x[xk + i]; break;
                    case MAX: for (int i = 0; i < inner; i++) { double v = x[xk + i]; if (v > out[ob + i] || v != v) out[ob + i] = v; } break;
                    case MIN: for (int i = 0; i < inner; i++) { double v = x[xk + i]; if (v < out[ob + i] || v != v) out[ob + i] = v; } break;
                    default: throw new AssertionError(kind);
                }
            }
            if (kind == Kind.MEAN) {
                for (int i = 0; i < inner; i++) out[ob + i] /= r;
            }
        }
    }
}

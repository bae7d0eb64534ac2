package dev.kiln.kernel;

/**
 * Reductions over one axis of a row-major array viewed as {@code [outer, r, inner]}:
 * {@code out[o, i] = reduce_k x[o, k, i]}. Several axes are reduced one after another.
 */
public final class Reduce {
    private Reduce() {}

    /** Column sums of r rows of two or three floats (inner is 2 or 3), each the float sum of its rows in order. */
    private static void columnSums3(float[] x, int xb, int r, int inner, float[] out, int ob) {
        float s0 = x[xb], s1 = x[xb + 1];
        if (inner == 3) {
            float s2 = x[xb + 2];
            for (int k = 1, xk = xb + 3; k < r; k++, xk += 3) {
                s0 += x[xk];
                s1 += x[xk + 1];
                s2 += x[xk + 2];
            }
            out[ob + 2] = s2;
        } else {
            for (int k = 1, xk = xb + 2; k < r; k++, xk += 2) {
                s0 += x[xk];
                s1 += x[xk + 1];
            }
        }
        out[ob] = s0;
        out[ob + 1] = s1;
    }

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
                // the rows summed by the small-product loops (a bias's gradient, a mean over the batch)
                if (kind == Kind.MEAN) {
                    float s = 1f / r;
                    for (int i = 0; i < inner; i++) out[ob + i] *= s;
                }
                continue;
            }
            if ((kind == Kind.SUM || kind == Kind.MEAN) && (inner == 2 || inner == 3)) {
                // the bias gradient of a two- or three-unit output: one float sum per column, the rows
                // added in order (the loop below's additions), without a loop over two or three columns per
                // row, which ran through C2's pre- and post-loops on every row
                columnSums3(x, xb, r, inner, out, ob);
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

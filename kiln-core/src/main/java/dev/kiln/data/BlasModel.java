package dev.kiln.data;

/**
 * The rounding of the matrix products numpy hands to OpenBLAS on x86-64 CPUs with AVX2+FMA (Haswell,
 * SkylakeX and Zen kernels), so that make_regression's y and make_classification's X match
 * scikit-learn bit for bit (random-state.md §8). Python's own results vary with BLAS, CPU and thread
 * count; this is the one-thread (and two-thread) OpenBLAS result.
 */
final class BlasModel {
    private BlasModel() {}

    /**
     * gemm, FMA model: {@code out[j] = fma(x[K-1], w[K-1][j], ... fma(x[0], w[0][j], 0.0))} over
     * {@code K = w.length} entries of {@code x} starting at {@code from}: every row of a gemm but a single
     * row and the last of an odd number of rows (see {@link #productRow}).
     */
    static void rowTimes(double[] x, int from, double[][] w, double[] out) {
        int k = w.length;
        for (int j = 0; j < out.length; j++) {
            double acc = 0.0;
            for (int i = 0; i < k; i++) acc = Math.fma(x[from + i], w[i][j], acc);
            out[j] = acc;
        }
    }

    /** The product of x (all rows) and w as numpy computes it: {@link #productRow} for every row. */
    static double[][] gemm(double[][] x, double[][] w) {
        int cols = w.length == 0 ? 0 : w[0].length;
        double[][] out = new double[x.length][cols];
        for (int i = 0; i < x.length; i++) productRow(x[i], 0, w, out[i], i, x.length);
        return out;
    }

    /**
     * Row {@code row} of a product of {@code rows} rows by a matrix of two or more columns, with the kernel
     * OpenBLAS picks for it: a single row is a matrix-vector product ({@link #rowTimesGemvN}); the last row
     * of an odd number of rows is gemm's one-row tail ({@link #rowTimesOddTail}); every other row follows
     * the FMA chain ({@link #rowTimes}).
     */
    static void productRow(double[] x, int from, double[][] w, double[] out, int row, int rows) {
        if (rows == 1) {
            rowTimesGemvN(x, from, w, out);
        } else if (rows % 2 == 1 && row == rows - 1) {
            rowTimesOddTail(x, from, w, out);
        } else {
            rowTimes(x, from, w, out);
        }
    }

    /**
     * gemm's one-row tail (OpenBLAS Haswell, the last row of an odd number of rows): for outputs
     * {@code j < C - C % 4}, four lanes {@code a[k % 4] = fma(x_k, w_kj, a[k % 4])} over the first
     * {@code K - K % 8} terms, the rest chained into lane 0, result {@code (a0 + a1) + (a2 + a3)}; the last
     * {@code C % 4} outputs follow the plain FMA chain. Checked against numpy: 77,616 products, 3 to 9 rows,
     * 2 to 12 columns, K from 2 to 20, no difference.
     */
    static void rowTimesOddTail(double[] x, int from, double[][] w, double[] out) {
        int k = w.length;
        int lanesEnd = k - k % 8;
        int vectorCols = out.length - out.length % 4;
        for (int j = 0; j < out.length; j++) {
            if (j >= vectorCols) {
                double acc = 0.0;
                for (int i = 0; i < k; i++) acc = Math.fma(x[from + i], w[i][j], acc);
                out[j] = acc;
                continue;
            }
            double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
            for (int i = 0; i < lanesEnd; i += 4) {
                a0 = Math.fma(x[from + i], w[i][j], a0);
                a1 = Math.fma(x[from + i + 1], w[i + 1][j], a1);
                a2 = Math.fma(x[from + i + 2], w[i + 2][j], a2);
                a3 = Math.fma(x[from + i + 3], w[i + 3][j], a3);
            }
            for (int i = lanesEnd; i < k; i++) a0 = Math.fma(x[from + i], w[i][j], a0);
            out[j] = (a0 + a1) + (a2 + a3);
        }
    }

    /**
     * A single row times a matrix, {@code out[j] = sum_k x[from + k] * w[k][j]}, which numpy hands to
     * OpenBLAS {@code dgemv_n} (Haswell family). Outputs {@code j < C - C % 4} (C = out.length) go through
     * the vector kernel: per block of four inputs {@code y = y + (fma(x2, w2, x0*w0) + fma(x3, w3, x1*w1))},
     * then a pair {@code y = y + (x0*w0 + x1*w1)}, then a single {@code y = y + x0*w0}; the last
     * {@code C % 4} outputs are plain left-to-right sums, except with fewer than four outputs, where each
     * step of four inputs adds {@code (x0*w0 + x1*w1)} and then {@code (x2*w2 + x3*w3)}. Checked against
     * numpy for K = C = 2..20 and for C = 2, 3 with K up to 20.
     */
    static void rowTimesGemvN(double[] x, int from, double[][] w, double[] out) {
        int k = w.length;
        int vectorRows = out.length - out.length % 4;
        for (int j = 0; j < out.length; j++) {
            double y = 0.0;
            if (j < vectorRows) {
                int i = 0;
                for (; i + 4 <= k; i += 4) {
                    double t0 = Math.fma(x[from + i + 2], w[i + 2][j], x[from + i] * w[i][j]);
                    double t1 = Math.fma(x[from + i + 3], w[i + 3][j], x[from + i + 1] * w[i + 1][j]);
                    y = y + (t0 + t1);
                }
                if (((k - i) & 2) != 0) {
                    y = y + (x[from + i] * w[i][j] + x[from + i + 1] * w[i + 1][j]);
                    i += 2;
                }
                if (i < k) y = y + x[from + i] * w[i][j];
            } else if (out.length < 4) {
                // Fewer than four outputs: the scalar code's packed path, two products per step.
                double sum = 0.0;
                int i = 0;
                for (; i + 4 <= k; i += 4) {
                    sum = sum + (x[from + i] * w[i][j] + x[from + i + 1] * w[i + 1][j]);
                    sum = sum + (x[from + i + 2] * w[i + 2][j] + x[from + i + 3] * w[i + 3][j]);
                }
                for (; i < k; i++) sum = sum + x[from + i] * w[i][j];
                y = 0.0 + sum;
            } else {
                double sum = 0.0;
                for (int i = 0; i < k; i++) sum = sum + x[from + i] * w[i][j];
                y = 0.0 + sum;
            }
            out[j] = y;
        }
    }

    /**
     * OpenBLAS {@code dgemv_t} (Haswell family) on one chunk of rows: groups of four rows use four FMA
     * lanes, then a pair of rows two plain lanes, then a single row four plain accumulators; features
     * past the last multiple of four are added at the end with FMAs.
     */
    static double[] gemv(double[][] x, double[] w) {
        int n = x.length;
        int k = w.length;
        int nb = k - (k % 4);
        int four = 4 * (n / 4);
        int two = four + ((n & 2) != 0 ? 2 : 0);
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            double[] xr = x[r];
            double v;
            if (nb == 0) {
                v = 0.0;
            } else if (r < four) {
                double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
                for (int i = 0; i < nb; i += 4) {
                    a0 = Math.fma(xr[i], w[i], a0);
                    a1 = Math.fma(xr[i + 1], w[i + 1], a1);
                    a2 = Math.fma(xr[i + 2], w[i + 2], a2);
                    a3 = Math.fma(xr[i + 3], w[i + 3], a3);
                }
                v = 0.0 + ((a0 + a2) + (a1 + a3)) * 1.0;
            } else if (r < two) {
                double a0 = 0.0, a1 = 0.0;
                for (int i = 0; i < nb; i += 2) {
                    a0 = a0 + xr[i] * w[i];
                    a1 = a1 + xr[i + 1] * w[i + 1];
                }
                v = 0.0 + (a0 + a1) * 1.0;
            } else {
                double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
                for (int i = 0; i < nb; i += 4) {
                    a0 += xr[i] * w[i];
                    a1 += xr[i + 1] * w[i + 1];
                    a2 += xr[i + 2] * w[i + 2];
                    a3 += xr[i + 3] * w[i + 3];
                }
                v = 0.0 + ((a0 + a2) + (a1 + a3)) * 1.0;
            }
            int tail = k - nb;
            if (tail == 1) {
                v = Math.fma(xr[nb], w[nb], v);
            } else if (tail > 1) {
                double s = Math.fma(xr[nb], w[nb], xr[nb + 1] * w[nb + 1]);
                if (tail == 3) s = Math.fma(xr[nb + 2], w[nb + 2], s);
                v = v + s;
            }
            y[r] = v;
        }
        return y;
    }
}

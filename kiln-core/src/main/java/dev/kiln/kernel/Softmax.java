package dev.kiln.kernel;

/**
 * The float32 softmax over the last axis and the softmax cross-entropy, row by row on the arrays: the
 * arithmetic of the graph's softmax and cross-entropy nodes (shift by the row's maximum, exponentials
 * and their sum in double, the probabilities and log-probabilities rounded to float), kept in one place
 * so that every caller (the nodes, and a training step that skips the graph) computes the same bits.
 * The exponentials of a block of rows are taken in one {@link FloatMath#exp(double[], int, int)} call,
 * and the logarithms of their sums in one {@link FloatMath#log(double[], int, int)} call, which the JIT
 * vectorises in part across rows (a classifier over three classes has too few values per row).
 *
 * <pre>{@code
 * float[] prob = new float[rows * len];
 * double[] shift = new double[rows], logSum = new double[rows];
 * Softmax.rows(logits, rows, len, prob, shift, logSum);          // prob = softmax(logits) per row
 * Softmax.crossEntropy(logits, labels, rows, len, shift, logSum, logp, loss);   // loss[r] = −Σ t·log p
 * }</pre>
 */
public final class Softmax {
    /** Exponentials per {@link FloatMath#exp(double[], int, int)} call (rows are kept whole). */
    private static final int EXP_BLOCK = 2048;

    private Softmax() {}

    /** Rows of {@code len} values per block of exponentials: as many as fit {@link #EXP_BLOCK}, at least one. */
    private static int blockRows(int rows, int len) {
        return Math.max(1, Math.min(rows, EXP_BLOCK / Math.max(len, 1)));
    }

    /**
     * For {@code nb} rows of {@code len} floats from {@code x[from]}: each row's shift (its maximum, or 0
     * when that is infinite) into {@code shift[b]}, and {@code x − shift} into {@code e[b·len + k]}, ready
     * for {@link FloatMath#exp(double[], int, int)}.
     */
    private static void shiftedRows(float[] x, int from, int nb, int len, double[] shift, double[] e) {
        if (len == 3) {
            shiftedRows3(x, from, nb, shift, e);
            return;
        }
        for (int b = 0; b < nb; b++) {
            int base = from + b * len, eb = b * len;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < len; k++) max = Math.max(max, x[base + k]);
            double s = Double.isInfinite(max) ? 0.0 : max;
            shift[b] = s;
            for (int k = 0; k < len; k++) e[eb + k] = x[base + k] - s;
        }
    }

    /**
     * Each of {@code nb} rows of {@code len} exponentials summed in order into {@code sums[b]}; with
     * {@code logs} not null, the sums' logarithms there too, taken in one call.
     */
    private static void rowSums(double[] e, int nb, int len, double[] sums, double[] logs) {
        if (len == 3) {
            for (int b = 0, eb = 0; b < nb; b++, eb += 3) {
                double sum = 0;
                sum += e[eb];
                sum += e[eb + 1];
                sum += e[eb + 2];
                sums[b] = sum;
            }
        } else {
            for (int b = 0; b < nb; b++) {
                double sum = 0;
                for (int k = 0, eb = b * len; k < len; k++) sum += e[eb + k];
                sums[b] = sum;
            }
        }
        if (logs != null) {
            System.arraycopy(sums, 0, logs, 0, nb);
            FloatMath.log(logs, 0, nb);
        }
    }

    /**
     * The softmax of each row of {@code x} (rows × len) into {@code prob} ({@code (float) (e_k / Σe)}; null:
     * not wanted, as for a log-softmax without a gradient), each row's shift into {@code shift[r]} and, when
     * {@code logSum} is not null, {@code log Σe} into {@code logSum[r]} (what a cross-entropy, log-softmax or
     * log-sum-exp of the same logits needs; a plain softmax skips the logarithms).
     */
    public static void rows(float[] x, int rows, int len, float[] prob, double[] shift, double[] logSum) {
        int block = blockRows(rows, len);
        // per-thread scratch, reused from call to call: a training step calls this every batch
        Workspace w = Workspace.get();
        double[] e = w.doubles(Workspace.SOFTMAX_E, block * len), sums = w.doubles(Workspace.SOFTMAX_SUMS, block);
        double[] logs = logSum == null ? null : w.doubles(Workspace.SOFTMAX_LOGS, block);
        double[] shifts = w.doubles(Workspace.SOFTMAX_SHIFTS, block);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nb = Math.min(block, rows - r0);
            shiftedRows(x, r0 * len, nb, len, shifts, e);
            FloatMath.exp(e, 0, nb * len);
            rowSums(e, nb, len, sums, logs);
            System.arraycopy(shifts, 0, shift, r0, nb);
            if (logs != null) System.arraycopy(logs, 0, logSum, r0, nb);
            if (prob == null) continue;
            if (len == 3) {
                for (int b = 0, base = r0 * 3, eb = 0; b < nb; b++, base += 3, eb += 3) {
                    double sum = sums[b];
                    prob[base] = (float) (e[eb] / sum);
                    prob[base + 1] = (float) (e[eb + 1] / sum);
                    prob[base + 2] = (float) (e[eb + 2] / sum);
                }
                continue;
            }
            for (int b = 0; b < nb; b++) {
                int base = (r0 + b) * len, eb = b * len;
                double sum = sums[b];
                for (int k = 0; k < len; k++) prob[base + k] = (float) (e[eb + k] / sum);
            }
        }
    }

    /**
     * The cross-entropy of each row given its softmax's shift and log-sum ({@link #rows}):
     * {@code logp = (float) (z − shift − logSum)} into {@code logp} (null: not kept), and
     * {@code loss[r] = −(float) Σ_k t_k·logp_k} (the float products summed in double).
     */
    public static void crossEntropy(float[] z, float[] t, int rows, int len, double[] shift, double[] logSum, float[] logp, float[] loss) {
        if (len == 3) {
            crossEntropy3(z, t, rows, shift, logSum, logp, loss);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * len;
            double s = shift[r], logS = logSum[r];
            double acc = 0;
            for (int k = 0; k < len; k++) {
                float lp = (float) (z[base + k] - s - logS);
                if (logp != null) logp[base + k] = lp;
                acc += t[base + k] * lp;   // the float product, summed in double
            }
            loss[r] = -(float) acc;
        }
    }

    /**
     * The cross-entropy's gradient with respect to the logits, {@code dz}, from the gradient {@code g[r]}
     * of each row's loss: with u = −g[r] and v_k = u·t_k, {@code dz_k = v_k − p_k·(float) Σ_j v_j} (the
     * order of operations of the composed ops' backward passes).
     */
    public static void crossEntropyBackward(float[] g, float[] t, float[] prob, int rows, int len, float[] dz) {
        if (len == 3) {
            crossEntropyBackward3(g, t, prob, rows, dz);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * len;
            float u = -g[r];
            double s = 0;
            for (int k = 0; k < len; k++) s += u * t[base + k];
            float sf = (float) s;
            for (int k = 0; k < len; k++) dz[base + k] = u * t[base + k] - prob[base + k] * sf;
        }
    }

    // ------------------------------------------------------------------ rows of three
    // A classifier over three classes (the study's blobs, iris) is the common case of rows too short
    // for a loop: a loop over three values runs through C2's pre- and post-loops on every row, which
    // costs three to four times the arithmetic. These forms are the loops above written out: the same
    // operations in the same order (sums start from 0, as the loops' do), so the same bits.

    private static void shiftedRows3(float[] x, int from, int nb, double[] shift, double[] e) {
        for (int b = 0, base = from, eb = 0; b < nb; b++, base += 3, eb += 3) {
            double x0 = x[base], x1 = x[base + 1], x2 = x[base + 2];
            // max(max(max(−∞, x0), x1), x2) is max(max(x0, x1), x2): −∞ is never the larger one
            double max = Math.max(Math.max(x0, x1), x2);
            double s = Double.isInfinite(max) ? 0.0 : max;
            shift[b] = s;
            e[eb] = x0 - s;
            e[eb + 1] = x1 - s;
            e[eb + 2] = x2 - s;
        }
    }

    private static void crossEntropy3(float[] z, float[] t, int rows, double[] shift, double[] logSum, float[] logp, float[] loss) {
        if (logp != null) {
            // a loop of its own: with the test inside, C2 keeps the branch in the loop below
            for (int r = 0, b = 0; r < rows; r++, b += 3) {
                double s = shift[r], logS = logSum[r];
                logp[b] = (float) (z[b] - s - logS);
                logp[b + 1] = (float) (z[b + 1] - s - logS);
                logp[b + 2] = (float) (z[b + 2] - s - logS);
            }
        }
        for (int r = 0, b = 0; r < rows; r++, b += 3) {
            double s = shift[r], logS = logSum[r];
            float l0 = (float) (z[b] - s - logS), l1 = (float) (z[b + 1] - s - logS), l2 = (float) (z[b + 2] - s - logS);
            double acc = 0;
            acc += t[b] * l0;
            acc += t[b + 1] * l1;
            acc += t[b + 2] * l2;
            loss[r] = -(float) acc;
        }
    }

    private static void crossEntropyBackward3(float[] g, float[] t, float[] prob, int rows, float[] dz) {
        for (int r = 0, b = 0; r < rows; r++, b += 3) {
            float u = -g[r];
            float v0 = u * t[b], v1 = u * t[b + 1], v2 = u * t[b + 2];
            double s = 0;
            s += v0;
            s += v1;
            s += v2;
            float sf = (float) s;
            dz[b] = v0 - prob[b] * sf;
            dz[b + 1] = v1 - prob[b + 1] * sf;
            dz[b + 2] = v2 - prob[b + 2] * sf;
        }
    }
}

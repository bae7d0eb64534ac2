package dev.kiln.nn;

import dev.kiln.tensor.Shape;
import java.util.SplittableRandom;

/** The arithmetic of the orthogonal initializer: Gram–Schmidt QR of a normal matrix. */
final class Orthogonal {
    private Orthogonal() {}

    /**
     * Fills {@code out} (row-major, shape {@code s}) with gain·Q: rows = ∏ s[:-1], cols = s[-1]; a normal
     * matrix of (max, min) is orthonormalised column by column by modified Gram–Schmidt, repeated for a column
     * whose norm fell below half (Kahan's "twice is enough" test, which keeps the columns orthogonal to working
     * precision); its R has a positive diagonal, which is Keras's sign fix.
     */
    static void fill(double[] out, Shape s, SplittableRandom rng, double gain) {
        if (s.rank() < 2) throw new IllegalArgumentException("Orthogonal: initializer needs a shape of rank >= 2, got " + s);
        int cols = s.dim(-1), rows = s.size() / Math.max(1, cols);
        int m = Math.max(rows, cols), n = Math.min(rows, cols);
        double[][] q = new double[n][m];   // q[j] is column j
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) q[j][i] = rng.nextGaussian();
        for (int j = 0; j < n; j++) {
            double norm = norm(q[j]);
            for (int pass = 0; pass < 2; pass++) {
                double before = norm;
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += q[k][i] * q[j][i];
                    for (int i = 0; i < m; i++) q[j][i] -= dot * q[k][i];
                }
                norm = norm(q[j]);
                if (norm >= 0.5 * before) break;
            }
            for (int i = 0; i < m; i++) q[j][i] /= norm;
        }
        // Q is (m, n); the weight is Q (rows >= cols) or its transpose (rows < cols)
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) out[r * cols + c] = gain * (rows >= cols ? q[c][r] : q[r][c]);
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }
}

package dev.kiln.data;

/**
 * scikit-learn's {@code make_low_rank_matrix}, the input of {@code make_regression(effective_rank=...)}:
 * {@code X = U diag(s) V^T} with U and V the economic QR factors Q of standard-normal matrices and the
 * bell-shaped singular profile {@code s_i = (1 - tailStrength) exp(-(i / rank)^2) + tailStrength
 * exp(-0.1 i / rank)}, {@code i = 0 .. min(nSamples, nFeatures) - 1}.
 *
 * <p>The draws (U's matrix, then V's, row-major) are numpy's exactly. The QR is a Householder
 * factorization with LAPACK's sign convention ({@code dgeqrf}/{@code dorgqr}, which scipy calls: the
 * reflector maps a column to {@code -sign(a_kk) * norm}), so Q has the same column signs as scipy's;
 * its values, and so X, differ from LAPACK's blocked kernels in the last bits.
 */
final class LowRankMatrix {
    private LowRankMatrix() {}

    /** X (nSamples x nFeatures) as make_low_rank_matrix draws and builds it. */
    static double[][] make(int nSamples, int nFeatures, int effectiveRank, double tailStrength, RandomState rs) {
        int n = Math.min(nSamples, nFeatures);
        double[][] u = qrQ(gaussian(nSamples, n, rs));
        double[][] v = qrQ(gaussian(nFeatures, n, rs));
        double[] s = singularProfile(n, effectiveRank, tailStrength);
        double[][] x = new double[nSamples][nFeatures];
        double[] us = new double[n];
        for (int i = 0; i < nSamples; i++) {
            for (int k = 0; k < n; k++) us[k] = u[i][k] * s[k];
            for (int j = 0; j < nFeatures; j++) {
                double acc = 0.0;
                for (int k = 0; k < n; k++) acc = Math.fma(us[k], v[j][k], acc);
                x[i][j] = acc;
            }
        }
        return x;
    }

    /** {@code (1 - tail) * exp(-(i/rank)^2) + tail * exp(-0.1 * i / rank)}, numpy's evaluation order. */
    static double[] singularProfile(int n, int effectiveRank, double tailStrength) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double q = i / (double) effectiveRank;
            double lowRank = (1 - tailStrength) * Math.exp(-1.0 * (q * q));
            double tail = tailStrength * Math.exp(-0.1 * i / effectiveRank);
            s[i] = lowRank + tail;
        }
        return s;
    }

    private static double[][] gaussian(int rows, int cols, RandomState rs) {
        double[][] a = new double[rows][];
        for (int i = 0; i < rows; i++) a[i] = rs.standardNormal(cols);
        return a;
    }

    /**
     * The orthonormal factor Q (m x n, m >= n) of the economic QR decomposition {@code A = Q R}, by
     * Householder reflections as LAPACK's {@code dgeqr2} + {@code dorg2r}. {@code a} is overwritten.
     */
    static double[][] qrQ(double[][] a) {
        int m = a.length;
        int n = m == 0 ? 0 : a[0].length;
        if (m < n) throw new IllegalArgumentException("qr: economic Q needs rows >= columns, got " + m + " x " + n);
        double[] tau = new double[n];
        for (int k = 0; k < n; k++) {
            double alpha = a[k][k];
            double xnorm = 0.0;
            for (int i = k + 1; i < m; i++) xnorm = Math.hypot(xnorm, a[i][k]);
            if (xnorm == 0.0) {
                tau[k] = 0.0; // H = I: the column is already upper triangular, R keeps its sign
                continue;
            }
            double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
            tau[k] = (beta - alpha) / beta;
            double scale = 1.0 / (alpha - beta);
            for (int i = k + 1; i < m; i++) a[i][k] *= scale;
            a[k][k] = beta;
            // A[k:, k+1:] -= tau * v * (v^T A[k:, k+1:]), v = (1, a[k+1:, k])
            for (int j = k + 1; j < n; j++) {
                double w = a[k][j];
                for (int i = k + 1; i < m; i++) w += a[i][k] * a[i][j];
                w *= tau[k];
                a[k][j] -= w;
                for (int i = k + 1; i < m; i++) a[i][j] -= w * a[i][k];
            }
        }
        // Q = H_0 H_1 ... H_{n-1} I[:, :n], applied from the last reflector (dorg2r).
        double[][] q = new double[m][n];
        for (int k = n - 1; k >= 0; k--) {
            if (k < n - 1) {
                for (int j = k + 1; j < n; j++) {
                    double w = 0.0; // q[k][j] is 0 before H_k: rows < k+1 of columns > k were untouched
                    for (int i = k + 1; i < m; i++) w += a[i][k] * q[i][j];
                    w *= tau[k];
                    q[k][j] = -w;
                    for (int i = k + 1; i < m; i++) q[i][j] -= w * a[i][k];
                }
            }
            q[k][k] = 1.0 - tau[k];
            for (int i = k + 1; i < m; i++) q[i][k] = -tau[k] * a[i][k];
            for (int i = 0; i < k; i++) q[i][k] = 0.0;
        }
        return q;
    }
}

package dev.kiln.data;

/**
 * Eigenvalues and eigenvectors of a real symmetric positive semi-definite matrix (a covariance) by one-sided
 * Jacobi rotations, in plain Java.
 *
 * <p>A = V·diag(λ)·Vᵀ with V orthogonal. Starting from M = A and Q = I, each rotation J(p, q) applied to
 * rows p and q of both makes rows p and q of M orthogonal (tan φ the smaller root of t² + 2ζt − 1 = 0,
 * ζ = (‖m_q‖² − ‖m_p‖²) / (2 m_p·m_q)); M = Q·A holds throughout. Sweeps over all pairs repeat until every
 * pair is orthogonal to n·1e-16 (about 6–10 sweeps); then M = Q·A has orthogonal rows, so row k of Q is an
 * eigenvector and λ_k = m_k·q_k. Only contiguous rows are touched (about 7n³ flops a sweep); for eigenvalues
 * of equal magnitude and opposite sign (indefinite A) the vectors may mix, hence the semi-definite contract.
 * Accurate to working precision also for the small eigenvalues, which whitening (1/√λ) needs. Used by
 * {@link ImageDataGenerator}'s ZCA whitening.
 *
 * <pre>{@code
 * SymmetricEigen e = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
 * e.values();   // {3, 1}, descending
 * e.vector(0);  // ±(1, 1)/√2
 * }</pre>
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;
    /** Rows p, q count as orthogonal when |m_p·m_q| ≤ n · this · ‖m_p‖‖m_q‖ (rounding grows with n). */
    private static final double ORTHOGONAL = 1e-16;

    private final int n;
    private final double[] values;
    private final double[] vectors; // row k = eigenvector k

    private SymmetricEigen(int n, double[] values, double[] vectors) {
        this.n = n;
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes the symmetric positive semi-definite n×n matrix {@code a} (row-major; not modified).
     *
     * @throws IllegalArgumentException if a is not n×n, holds a non-finite value, or is not symmetric
     */
    static SymmetricEigen of(double[] a, int n) {
        if (n < 1 || a.length != (long) n * n) {
            throw new IllegalArgumentException("SymmetricEigen: expected an n×n matrix with n = " + n + ", got " + a.length + " values");
        }
        double[] m = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = m[i * n + j];
                if (!Double.isFinite(v)) throw new IllegalArgumentException("SymmetricEigen: A[" + i + "][" + j + "] = " + v);
                if (j > i && Math.abs(v - m[j * n + i]) > 1e-12 * (Math.abs(v) + Math.abs(m[j * n + i]))) {
                    throw new IllegalArgumentException("SymmetricEigen: not symmetric: A[" + i + "][" + j + "] = " + v + " but A[" + j + "][" + i + "] = " + m[j * n + i]);
                }
            }
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        double[] norms = new double[n];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            for (int i = 0; i < n; i++) norms[i] = dot(m, i * n, m, i * n, n);
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) rotated |= rotate(m, v, norms, n, p, q);
            }
            if (!rotated) break;
        }
        // at convergence row k of m is λ_k·v_kᵀ
        double[] values = new double[n];
        for (int k = 0; k < n; k++) values[k] = dot(m, k * n, v, k * n, n);
        return sorted(n, values, v);
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) s += a[ao + k] * b[bo + k];
        return s;
    }

    /**
     * Rotates rows p and q of m (and of v) so that they become orthogonal; false if they already are.
     * The rows' squared norms are kept up to date in {@code norms}.
     */
    private static boolean rotate(double[] m, double[] v, double[] norms, int n, int p, int q) {
        double a = norms[p], b = norms[q];
        int rp = p * n, rq = q * n;
        double g = dot(m, rp, m, rq, n);
        if (Math.abs(g) <= Math.max(n, 10) * ORTHOGONAL * Math.sqrt(a * b) || g == 0) return false;
        double zeta = (b - a) / (2 * g);
        // t = sign(ζ) / (|ζ| + √(ζ² + 1)), the smaller root of t² + 2ζt − 1 = 0; for huge ζ, 1/(2ζ)
        double t = Math.abs(zeta) > 1e150 ? 1 / (2 * zeta)
                : Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(zeta * zeta + 1));
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++) {
            double mp = m[rp + k], mq = m[rq + k];
            m[rp + k] = c * mp - s * mq;
            m[rq + k] = s * mp + c * mq;
        }
        for (int k = 0; k < n; k++) {
            double vp = v[rp + k], vq = v[rq + k];
            v[rp + k] = c * vp - s * vq;
            v[rq + k] = s * vp + c * vq;
        }
        norms[p] = a - t * g;
        norms[q] = b + t * g;
        return true;
    }

    private static SymmetricEigen sorted(int n, double[] values, double[] v) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (i, j) -> Double.compare(values[j], values[i]));
        double[] sv = new double[n], vec = new double[n * n];
        for (int k = 0; k < n; k++) {
            sv[k] = values[order[k]];
            System.arraycopy(v, order[k] * n, vec, k * n, n);
        }
        return new SymmetricEigen(n, sv, vec);
    }

    /** The eigenvalues, largest first. */
    double[] values() { return values.clone(); }

    /** The unit eigenvector of {@code values()[k]} (its sign is arbitrary). */
    double[] vector(int k) {
        double[] out = new double[n];
        System.arraycopy(vectors, k * n, out, 0, n);
        return out;
    }

    /** Row k holds eigenvector k; shared, not copied (for callers in this package that only read). */
    double[] vectorRows() { return vectors; }
}

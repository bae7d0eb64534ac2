package dev.kiln.data;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations, in plain Java.
 *
 * <p>A = V·diag(λ)·Vᵀ with V orthogonal. Each rotation J(p, q, φ) zeroes A[p][q] (tan φ the smaller root
 * of t² + 2ϑt − 1 = 0, ϑ = (A[q][q] − A[p][p]) / (2 A[p][q])); sweeps over all pairs repeat until the
 * off-diagonal mass is below 1e-30 of the whole (about 6–10 sweeps). Jacobi is slower than Householder + QL
 * (each sweep costs about 8n³ flops) but simple and accurate to working precision also for the small
 * eigenvalues, which is what whitening (1/√λ) needs. Used by {@link ImageDataGenerator}'s ZCA whitening.
 *
 * <pre>{@code
 * SymmetricEigen e = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
 * e.values();   // {3, 1}, descending
 * e.vector(0);  // ±(1, 1)/√2
 * }</pre>
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;
    private static final double CONVERGED = 1e-30;

    private final int n;
    private final double[] values;
    private final double[] vectors; // row k = eigenvector k

    private SymmetricEigen(int n, double[] values, double[] vectors) {
        this.n = n;
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes the symmetric n×n matrix {@code a} (row-major; not modified; only symmetric input is meaningful).
     *
     * @throws IllegalArgumentException if a is not n×n, holds a non-finite value, or is not symmetric
     */
    static SymmetricEigen of(double[] a, int n) {
        if (n < 1 || a.length != (long) n * n) {
            throw new IllegalArgumentException("SymmetricEigen: expected an n×n matrix with n = " + n + ", got " + a.length + " values");
        }
        double[] m = a.clone();
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = m[i * n + j];
                if (!Double.isFinite(v)) throw new IllegalArgumentException("SymmetricEigen: A[" + i + "][" + j + "] = " + v);
                if (j > i && Math.abs(v - m[j * n + i]) > 1e-12 * (Math.abs(v) + Math.abs(m[j * n + i]))) {
                    throw new IllegalArgumentException("SymmetricEigen: not symmetric: A[" + i + "][" + j + "] = " + v + " but A[" + j + "][" + i + "] = " + m[j * n + i]);
                }
                total += v * v;
            }
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += 2 * m[p * n + q] * m[p * n + q];
            if (off <= CONVERGED * total || off == 0) break;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) rotate(m, v, n, p, q);
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = m[i * n + i];
        return sorted(n, values, v);
    }

    /** One Jacobi rotation zeroing m[p][q]; rows p and q of v (the eigenvectors) rotate alongside. */
    private static void rotate(double[] m, double[] v, int n, int p, int q) {
        double apq = m[p * n + q];
        if (apq == 0) return;
        double app = m[p * n + p], aqq = m[q * n + q];
        double theta = (aqq - app) / (2 * apq);
        // t = sign(ϑ) / (|ϑ| + √(ϑ² + 1)); for huge ϑ, 1/(2ϑ) avoids overflowing ϑ²
        double t = Math.abs(theta) > 1e150 ? 1 / (2 * theta)
                : Math.copySign(1, theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++) {
            if (k == p || k == q) continue;
            double akp = m[k * n + p], akq = m[k * n + q];
            double nkp = c * akp - s * akq, nkq = s * akp + c * akq;
            m[k * n + p] = nkp;
            m[p * n + k] = nkp;
            m[k * n + q] = nkq;
            m[q * n + k] = nkq;
        }
        m[p * n + p] = app - t * apq;
        m[q * n + q] = aqq + t * apq;
        m[p * n + q] = 0;
        m[q * n + p] = 0;
        int rp = p * n, rq = q * n;
        for (int k = 0; k < n; k++) {
            double vp = v[rp + k], vq = v[rq + k];
            v[rp + k] = c * vp - s * vq;
            v[rq + k] = s * vp + c * vq;
        }
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

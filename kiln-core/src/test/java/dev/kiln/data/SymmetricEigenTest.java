package dev.kiln.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetricEigenTest {
    /** The second-difference matrix tridiag(−1, 2, −1) has λ_k = 2 − 2 cos(kπ/(n + 1)), k = 1..n. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 17})
    void secondDifferenceMatrixHasItsKnownSpectrum(int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = -1;
        }
        double[] values = SymmetricEigen.of(a, n).values();
        for (int k = 1; k <= n; k++) assertEquals(2 - 2 * Math.cos((n + 1 - k) * Math.PI / (n + 1)), values[k - 1], 1e-13);
    }

    /** A·v = λ·v and VᵀV = I for random symmetric matrices, including one with a repeated eigenvalue. */
    @ParameterizedTest
    @ValueSource(ints = {3, 8, 30})
    void decompositionReconstructs(int n) {
        SplittableRandom r = new SplittableRandom(n);
        double[] b = new double[n * n], a = new double[n * n];
        for (int i = 0; i < b.length; i++) b[i] = r.nextDouble(-1, 1);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n / 2; k++) a[i * n + j] += b[i * n + k] * b[j * n + k];
        // rank n/2 plus 0.5·I: the eigenvalue 0.5 repeats n − n/2 times
        for (int i = 0; i < n; i++) a[i * n + i] += 0.5;
        SymmetricEigen e = SymmetricEigen.of(a, n);
        double[] values = e.values();
        for (int k = 0; k < n; k++) {
            double[] v = e.vector(k);
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) av += a[i * n + j] * v[j];
                assertEquals(values[k] * v[i], av, 1e-12, "A v = λ v, k = " + k);
            }
            for (int l = 0; l < n; l++) {
                double dot = 0;
                double[] u = e.vector(l);
                for (int i = 0; i < n; i++) dot += v[i] * u[i];
                assertEquals(k == l ? 1 : 0, dot, 1e-12);
            }
            if (k > 0) assertTrue(values[k] <= values[k - 1]);
        }
        assertEquals(0.5, values[n - 1], 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {0})
    void rejectsBadInput(int unused) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[] {1, 2, 3, 4}, 2));
        assertEquals("SymmetricEigen: not symmetric: A[0][1] = 2.0 but A[1][0] = 3.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[3], 2));
        assertEquals("SymmetricEigen: expected an n×n matrix with n = 2, got 3 values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[] {1, Double.NaN, Double.NaN, 1}, 2));
        assertEquals("SymmetricEigen: A[0][1] = NaN", e.getMessage());
    }
}

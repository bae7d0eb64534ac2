package dev.kiln.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keras's constraint formulas on a kernel whose columns have norms 5 and 0.5: w = [[3, 0.3], [4, 0.4]]. */
class ConstraintsTest {
    private static final double EPS = 1e-7;

    private static Tensor w() { return Tensor.of(new double[][] {{3, 0.3}, {4, 0.4}}, DType.FLOAT64); }

    @Test
    void maxNormRescalesLongColumnsOnly() {
        Tensor w = w();
        new MaxNorm(2.0).apply(w);
        double a = 2 / (EPS + 5), b = 0.5 / (EPS + 0.5);
        assertArrayEquals(new double[] {3 * a, 0.3 * b, 4 * a, 0.4 * b}, w.toDoubleArray(), 1e-15);
        Tensor rows = w();
        new MaxNorm(1.0, 1).apply(rows);   // axis 1: row norms √9.09 and √16.16
        double r0 = 1 / (EPS + Math.sqrt(9.09)), r1 = 1 / (EPS + Math.sqrt(16.16));
        assertArrayEquals(new double[] {3 * r0, 0.3 * r0, 4 * r1, 0.4 * r1}, rows.toDoubleArray(), 1e-15);
    }

    @Test
    void minMaxNorm() {
        Tensor w = w();
        new MinMaxNorm(1.0, 2.0, 0.5).apply(w);
        // desired = 0.5·clip(n, 1, 2) + 0.5·n: 3.5 for n = 5, 0.75 for n = 0.5
        double a = 3.5 / (EPS + 5), b = 0.75 / (EPS + 0.5);
        assertArrayEquals(new double[] {3 * a, 0.3 * b, 4 * a, 0.4 * b}, w.toDoubleArray(), 1e-15);
    }

    @Test
    void unitNormAndNonNeg() {
        Tensor w = w();
        new UnitNorm().apply(w);
        assertArrayEquals(new double[] {3 / (EPS + 5), 0.3 / (EPS + 0.5), 4 / (EPS + 5), 0.4 / (EPS + 0.5)}, w.toDoubleArray(), 1e-15);
        Tensor v = Tensor.of(new double[] {-1, 0, 2});
        new NonNeg().apply(v);
        assertArrayEquals(new double[] {0, 0, 2}, v.toDoubleArray(), 0);
    }

    @Test
    void inPlaceOnFloat32AndSerialization() {
        Tensor w = w().astype(DType.FLOAT32).requiresGrad(true);
        float[] storage = w.floatData();
        new MaxNorm(2.0).apply(w);
        assertEquals(3 * 2 / (EPS + 5), storage[0], 1e-6);
        for (Constraint c : List.of(new MaxNorm(3, 1), new MinMaxNorm(0.1, 0.9, 0.5), new NonNeg(), new UnitNorm(0))) {
            assertEquals(Constraints.serialize(c), Constraints.serialize(Constraints.deserialize(Constraints.serialize(c))));
        }
        assertEquals(new MaxNorm().config(), Constraints.get("max_norm").config());
        assertThrows(IllegalArgumentException.class, () -> new MinMaxNorm(2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Constraints.get("maxnorm2"));
    }
}
